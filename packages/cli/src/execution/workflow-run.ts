import path from 'node:path';
import { expressionGithub } from '@paved/action-runner';
import { evaluateIf, evaluateString, evaluateValue, type ExpressionContext } from '../context/expressions.js';
import { hashFilesFunction, jobStatusFunctions } from '../context/functions.js';
import { resolveInputs } from '../context/inputs.js';
import { loadWorkflow } from '../workflow/load.js';
import type { JobDefinition, Scalar } from '../workflow/model.js';
import { jobOrder, needsOf } from '../workflow/plan.js';
import { displayPath, resolveCalledWorkflow } from '../workflow/uses.js';
import { runStepsJob } from './job.js';
import type { JobResult } from '../report/reporter.js';
import type { JobRun, NeedsEntry, RunSettings, WorkflowScope } from './types.js';

export interface WorkflowRun {
  /** Every job that ran or was skipped, reusable workflows' jobs included, in run order. */
  jobs: JobRun[];
  /** This workflow's own jobs by id. */
  results: Record<string, JobRun>;
}

/** A job that never started: skipped, cancelled, or failed before its first step. */
function jobNotRun(id: string, label: string, result: JobResult, skipReason?: string): JobRun {
  const at = new Date();
  return { id, label, result, outputs: {}, durationMs: 0, startedAt: at, endedAt: at, steps: [], skipReason };
}

function ancestorsOf(id: string, jobs: Record<string, JobDefinition>): string[] {
  const seen = new Set<string>();
  const visit = (job: string) => {
    for (const need of needsOf(jobs[job] ?? {})) {
      if (!seen.has(need)) {
        seen.add(need);
        visit(need);
      }
    }
  };
  visit(id);
  return [...seen];
}

/**
 * Runs a workflow's jobs one at a time in dependency order. A job runs when its `if:` holds
 * (by default: every job it depends on succeeded); otherwise it is skipped, and so are the jobs
 * that need it unless their own `if:` says otherwise — the rules GitHub applies.
 */
export async function runWorkflowJobs(
  settings: RunSettings,
  scope: WorkflowScope,
  only?: string,
): Promise<WorkflowRun> {
  const { workflow } = scope;
  const results: Record<string, JobRun> = {};
  const all: JobRun[] = [];
  for (const id of jobOrder(workflow, only)) {
    const job = workflow.jobs[id] ?? {};
    const needs: Record<string, NeedsEntry> = Object.fromEntries(
      needsOf(job).map((need) => [
        need,
        { result: results[need]?.result ?? 'skipped', outputs: results[need]?.outputs ?? {} },
      ]),
    );
    const ancestors = ancestorsOf(id, workflow.jobs).map((ancestor) => results[ancestor]?.result ?? 'skipped');
    const context: ExpressionContext = {
      github: { ...expressionGithub({ ...settings.github, job: id }), workspace: settings.roots.workspace },
      needs,
      inputs: scope.inputs,
      vars: settings.vars,
    };
    const functions = [
      ...jobStatusFunctions(ancestors, settings.signal.aborted),
      hashFilesFunction(settings.roots.workspace),
    ];
    const where = `${path.basename(workflow.file)} job '${id}'`;
    let label = `${scope.labelPrefix}${id}`;
    let run: JobRun;
    try {
      if (job.name !== undefined)
        label = `${scope.labelPrefix}${evaluateString(job.name, context, functions, `${where} name`)}`;
      const allSucceeded = ancestors.every((result) => result === 'success');
      if (settings.signal.aborted && !/always\s*\(/.test(String(job.if ?? ''))) {
        run = jobNotRun(id, label, 'cancelled', 'the run was cancelled');
        settings.reporter.jobSkipped(label, run.skipReason!);
      } else if (!evaluateIf(job.if, context, allSucceeded ? 'success' : 'failure', functions, where)) {
        run = jobNotRun(id, label, 'skipped', `if: ${job.if === undefined ? 'success()' : String(job.if)}`);
        settings.reporter.jobSkipped(label, run.skipReason!);
      } else if (job.uses !== undefined) {
        // The caller's row comes before the jobs it ran, as GitHub groups them.
        const called = await runCalledWorkflow(settings, scope, id, job, label, context);
        results[id] = called.run;
        all.push(called.run, ...called.jobs);
        continue;
      } else {
        run = await runStepsJob(settings, scope, id, job, label, needs);
      }
    } catch (error) {
      settings.reporter.jobStarted(label, []);
      settings.reporter.line(`  ${(error as Error).message}`);
      run = jobNotRun(id, label, 'failure');
      settings.reporter.jobFinished(label, 'failure', 0);
    }
    results[id] = run;
    all.push(run);
  }
  return { jobs: all, results };
}

/**
 * A job with `uses:` runs the reusable workflow's jobs with `with:` as its inputs and the
 * secrets given (all of the caller's with `secrets: inherit`); the called workflow's outputs
 * become the job's outputs. The `github` context stays the caller's, as on GitHub.
 */
async function runCalledWorkflow(
  settings: RunSettings,
  scope: WorkflowScope,
  id: string,
  job: JobDefinition,
  label: string,
  context: ExpressionContext,
): Promise<{ run: JobRun; jobs: JobRun[] }> {
  const started = performance.now();
  const startedAt = new Date();
  const uses = job.uses ?? '';
  const file = resolveCalledWorkflow(uses, settings.roots);
  const called = loadWorkflow(file);
  const call = called.on.workflow_call ?? {};
  const where = `${path.basename(scope.workflow.file)} job '${id}'`;
  const withContext = { ...context, secrets: scope.secrets };
  const functions = [hashFilesFunction(settings.roots.workspace)];
  const given: Record<string, Scalar> = Object.fromEntries(
    Object.entries(job.with ?? {}).map(([name, value]) => [
      name,
      evaluateValue(value, withContext, functions, `${where} with.${name}`),
    ]),
  );
  const inputs = resolveInputs(call.inputs, given, {
    where: `${uses} (called by job '${id}')`,
    hint: () => `add it under with: of job '${id}'`,
  });
  const secrets: Record<string, string> =
    job.secrets === 'inherit'
      ? { ...scope.secrets }
      : {
          GITHUB_TOKEN: scope.secrets.GITHUB_TOKEN ?? '',
          ...Object.fromEntries(
            Object.entries(job.secrets ?? {}).map(([name, value]) => [
              name,
              evaluateString(value, withContext, functions, `${where} secrets.${name}`),
            ]),
          ),
        };
  for (const [name, definition] of Object.entries(call.secrets ?? {})) {
    if (definition?.required && !secrets[name]) {
      throw new Error(`${uses} requires the secret '${name}': pass it under secrets: of job '${id}'.`);
    }
  }
  const group = typeof job.concurrency === 'string' ? job.concurrency : job.concurrency?.group;
  const concurrency = group
    ? ` · concurrency ${evaluateString(group, withContext, functions, `${where} concurrency`)}`
    : '';
  settings.reporter.info(`\n↳ ${label} calls ${displayPath(file, settings.roots)}${concurrency}`);
  const inner = await runWorkflowJobs(settings, {
    workflow: called,
    inputs,
    secrets,
    labelPrefix: `${label} / `,
    keyPrefix: `${scope.keyPrefix}${id}--`,
  });
  const innerResults = Object.values(inner.results).map((run) => run.result);
  const result = innerResults.includes('failure')
    ? 'failure'
    : innerResults.includes('cancelled')
      ? 'cancelled'
      : 'success';
  const jobsContext = Object.fromEntries(
    Object.entries(inner.results).map(([jobId, run]) => [jobId, { result: run.result, outputs: run.outputs }]),
  );
  const outputContext = { ...context, inputs, jobs: jobsContext };
  const outputs = Object.fromEntries(
    Object.entries(call.outputs ?? {}).map(([name, output]) => [
      name,
      evaluateString(output.value, outputContext, functions, `${path.basename(file)} outputs.${name}`),
    ]),
  );
  const run: JobRun = {
    id,
    label,
    result,
    outputs,
    durationMs: performance.now() - started,
    startedAt,
    endedAt: new Date(),
    calls: displayPath(file, settings.roots),
    steps: [],
  };
  return { run, jobs: inner.jobs };
}
