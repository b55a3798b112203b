import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expressionGithub, runnerEnvironment, type StartedNodeAction } from '@paved/action-runner';
import { hostEnvironment } from './host-environment.js';
import { pavedCommandFolder } from './paved-on-path.js';
import {
  evaluateFlag,
  evaluateIf,
  evaluateString,
  evaluateStrings,
  type ExpressionContext,
  type JobStatus,
} from '../context/expressions.js';
import { hashFilesFunction } from '../context/functions.js';
import type { EnvironmentDefinition, JobDefinition, StepDefinition } from '../workflow/model.js';
import { resolveStepAction } from '../workflow/uses.js';
import { runActionStep, runScriptStep, type StepEffects, type StepRunContext } from './steps.js';
import type { JobRun, JobStep, NeedsEntry, RunSettings, WorkflowScope } from './types.js';

const DEFAULT_JOB_TIMEOUT_MINUTES = 360;

interface StepRecord {
  outcome: 'success' | 'failure' | 'skipped' | 'cancelled';
  conclusion: 'success' | 'failure' | 'skipped' | 'cancelled';
  outputs: Record<string, string>;
}

function minutes(value: unknown, fallback: number): number {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number * 60_000 : fallback * 60_000;
}

function stepLabel(step: StepDefinition, name: string): string {
  if (name) return name;
  // A full commit SHA says nothing to a reader; its first seven characters identify it.
  if (step.uses) return `Run ${step.uses.replace(/@([0-9a-f]{7})[0-9a-f]{33}$/, '@$1')}`;
  return `Run ${(step.run ?? '').trim().split('\n')[0]?.slice(0, 60) ?? ''}`;
}

/** Describes environment and concurrency the way the job's header shows them. */
function headerDetails(job: JobDefinition, evaluate: (value: string, where: string) => string): string[] {
  const details: string[] = [];
  if (job.environment !== undefined) {
    const name = typeof job.environment === 'string' ? job.environment : job.environment.name;
    details.push(`environment ${evaluate(name, 'environment')}`);
  }
  if (job.concurrency !== undefined) {
    const group = typeof job.concurrency === 'string' ? job.concurrency : job.concurrency.group;
    details.push(`concurrency ${evaluate(group, 'concurrency')}`);
  }
  return details;
}

/**
 * Runs one job's steps the way the runner does: `if:` against the job status, env layered
 * workflow → job → GITHUB_ENV → step, outputs and GITHUB_PATH carried forward, post steps at the
 * end in reverse order, and the job's outputs evaluated last.
 */
export async function runStepsJob(
  settings: RunSettings,
  scope: WorkflowScope,
  id: string,
  job: JobDefinition,
  label: string,
  needs: Record<string, NeedsEntry>,
): Promise<JobRun> {
  const started = performance.now();
  const startedAt = new Date();
  const ran: JobStep[] = [];
  const { reporter } = settings;
  const workspace = settings.roots.workspace;
  const tempDir = path.join(settings.runDir, `${scope.keyPrefix}${id}`);
  mkdirSync(tempDir, { recursive: true });
  const eventPath = path.join(tempDir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(settings.github.event));
  const github = { ...settings.github, job: id };
  const functions = [hashFilesFunction(workspace)];
  const where = `${path.basename(scope.workflow.file)} job '${id}'`;

  const steps: Record<string, StepRecord> = {};
  let status: JobStatus = 'success';
  const context = (env: Record<string, string>): ExpressionContext => ({
    github: { ...expressionGithub(github), workspace },
    env,
    inputs: scope.inputs,
    vars: settings.vars,
    secrets: scope.secrets,
    needs,
    steps,
    job: { status, container: {}, services: {} },
    runner: {
      os: 'Linux',
      arch: 'X64',
      name: 'paved-local',
      environment: 'self-hosted',
      temp: tempDir,
      tool_cache: path.join(tempDir, 'toolcache'),
      debug: settings.debug ? '1' : '',
    },
    strategy: {},
    matrix: {},
  });

  let workflowEnv: Record<string, string>;
  let jobEnv: Record<string, string>;
  try {
    workflowEnv = evaluateStrings(scope.workflow.env, context({}), functions, `${where} workflow env`);
    jobEnv = { ...workflowEnv, ...evaluateStrings(job.env, context(workflowEnv), functions, `${where} env`) };
    reporter.jobStarted(
      label,
      headerDetails(job, (value, key) => evaluateString(value, context(jobEnv), functions, `${where} ${key}`)),
    );
  } catch (error) {
    reporter.jobStarted(label, []);
    reporter.line(`  ${(error as Error).message}`);
    reporter.jobFinished(label, 'failure', performance.now() - started);
    return {
      id,
      label,
      result: 'failure',
      outputs: {},
      durationMs: performance.now() - started,
      startedAt,
      endedAt: new Date(),
      steps: [],
    };
  }

  const docker = settings.hostEnv ?? hostEnvironment();
  const runnerEnv = {
    ...docker,
    ...runnerEnvironment({ github, workspace, tempDir, eventPath, debug: settings.debug }),
  };
  runnerEnv.PATH = [pavedCommandFolder(tempDir, settings.roots.paved), runnerEnv.PATH].join(path.delimiter);
  let fileEnv: Record<string, string> = {};
  const pathAdditions: string[] = [];
  const posts: { label: string; started: StartedNodeAction; timeoutMs: number }[] = [];
  const deadline = started + minutes(job['timeout-minutes'], DEFAULT_JOB_TIMEOUT_MINUTES);
  let timedOutJob = false;

  for (const [index, step] of (job.steps ?? []).entries()) {
    const stepId = step.id ?? `__step${index + 1}`;
    const envSoFar = { ...jobEnv, ...fileEnv };
    let name = '';
    try {
      name = evaluateString(step.name, context(envSoFar), functions, `${where} step name`);
    } catch {
      name = String(step.name ?? '');
    }
    const title = stepLabel(step, name);
    if (settings.signal.aborted) status = 'cancelled';
    if (timedOutJob) {
      steps[stepId] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      ran.push(skippedStep(title));
      reporter.stepSkipped(title, 'the job timed out');
      continue;
    }
    const stepStarted = performance.now();
    const stepStartedAt = new Date();
    let effects: StepEffects & { started?: StartedNodeAction };
    let continueOnError = false;
    let timeoutMs = 0;
    let announced = false;
    try {
      if (!evaluateIf(step.if, context(envSoFar), status, functions, `${where} step '${title}'`)) {
        steps[stepId] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
        ran.push(skippedStep(title));
        reporter.stepSkipped(title, `if: ${step.if === undefined ? 'success()' : String(step.if)}`);
        continue;
      }
      reporter.stepStarted(title);
      announced = true;
      const stepEnv = evaluateStrings(step.env, context(envSoFar), functions, `${where} step '${title}' env`);
      const env = { ...envSoFar, ...stepEnv };
      const stepContext = context(env);
      continueOnError = evaluateFlag(step['continue-on-error'], stepContext, functions, `${where} continue-on-error`);
      timeoutMs = Math.max(
        0,
        Math.min(minutes(step['timeout-minutes'], DEFAULT_JOB_TIMEOUT_MINUTES), deadline - performance.now()),
      );
      const processEnv: Record<string, string> = { ...runnerEnv, ...env, GITHUB_ACTION: stepId };
      if (pathAdditions.length > 0) processEnv.PATH = [...pathAdditions, processEnv.PATH ?? ''].join(path.delimiter);
      const runContext: StepRunContext = {
        workspace,
        tempDir,
        github,
        reporter,
        signal: settings.signal,
        timeoutMs,
        debug: settings.debug,
      };
      if (step.uses !== undefined) {
        const action = resolveStepAction(step.uses, settings.roots);
        const inputs = evaluateStrings(step.with, stepContext, functions, `${where} step '${title}' with`);
        if (action.kind === 'checkout') {
          effects = { ok: true, note: 'local working tree', outputs: {}, env: {}, path: [], summary: '' };
        } else if (action.kind === 'node') {
          effects = await runActionStep(
            action.dir,
            inputs,
            { ...docker, ...env, ...pickPath(processEnv) },
            settings.node,
            runContext,
          );
        } else {
          effects = { ok: false, note: action.reason, outputs: {}, env: {}, path: [], summary: '' };
        }
      } else {
        const script = evaluateString(step.run, stepContext, functions, `${where} step '${title}' run`);
        const directory =
          step['working-directory'] ??
          job.defaults?.run?.['working-directory'] ??
          scope.workflow.defaults?.run?.['working-directory'];
        const cwd = path.resolve(
          workspace,
          evaluateString(directory ?? '.', stepContext, functions, `${where} working-directory`),
        );
        const shell = (step.shell ?? job.defaults?.run?.shell ?? scope.workflow.defaults?.run?.shell ?? 'bash') as
          'bash' | 'sh';
        effects = await runScriptStep(script, shell, cwd, processEnv, runContext);
      }
    } catch (error) {
      if (!announced) reporter.stepStarted(title);
      effects = { ok: false, note: (error as Error).message, outputs: {}, env: {}, path: [], summary: '' };
    }
    if (effects.started?.hasPost)
      posts.push({ label: title, started: effects.started, timeoutMs: Math.max(timeoutMs, 60_000) });
    fileEnv = { ...fileEnv, ...effects.env };
    pathAdditions.unshift(...[...effects.path].reverse());
    if (effects.summary.trim()) settings.summaries.push({ job: label, markdown: effects.summary });
    const outcome = effects.ok ? 'success' : settings.signal.aborted ? 'cancelled' : 'failure';
    steps[stepId] = {
      outcome,
      conclusion: !effects.ok && continueOnError ? 'success' : outcome,
      outputs: effects.outputs,
    };
    const note = effects.ok
      ? effects.note
      : `${effects.note ?? 'failed'}${continueOnError ? ' · continue-on-error' : ''}`;
    ran.push({
      label: title,
      outcome: effects.ok ? 'success' : outcome,
      startedAt: stepStartedAt,
      endedAt: new Date(),
    });
    reporter.stepFinished(title, effects.ok ? 'success' : outcome, performance.now() - stepStarted, note);
    if (!effects.ok && !continueOnError && status === 'success')
      status = outcome === 'cancelled' ? 'cancelled' : 'failure';
    if (performance.now() >= deadline) {
      timedOutJob = true;
      status = 'failure';
      reporter.line(
        `  The job exceeded its timeout-minutes (${job['timeout-minutes'] ?? DEFAULT_JOB_TIMEOUT_MINUTES}).`,
      );
    }
  }

  for (const post of posts.reverse()) {
    const postStarted = performance.now();
    const postStartedAt = new Date();
    const title = `Post ${post.label}`;
    reporter.stepStarted(title);
    const run = await post.started.post({
      jobStatus: status,
      timeoutMs: post.timeoutMs,
      onOutput: (chunk) => reporter.stepOutput(chunk),
    });
    if (!run) {
      ran.push({ label: title, outcome: 'skipped', startedAt: postStartedAt, endedAt: new Date() });
      reporter.stepFinished(title, 'success', performance.now() - postStarted, 'post-if not met, skipped');
      continue;
    }
    const ok = run.exitCode === 0 && !run.timedOut;
    ran.push({ label: title, outcome: ok ? 'success' : 'failure', startedAt: postStartedAt, endedAt: new Date() });
    if (run.summary.trim()) settings.summaries.push({ job: label, markdown: run.summary });
    reporter.stepFinished(
      title,
      ok ? 'success' : 'failure',
      run.durationMs,
      ok ? undefined : `exit code ${run.exitCode}`,
    );
    if (!ok && status === 'success') status = 'failure';
  }

  const finalContext = context({ ...jobEnv, ...fileEnv });
  let outputs: Record<string, string> = {};
  try {
    outputs = evaluateStrings(job.outputs, finalContext, functions, `${where} outputs`);
    const url = environmentUrl(job.environment);
    if (url)
      reporter.info(`  environment url: ${evaluateString(url, finalContext, functions, `${where} environment.url`)}`);
  } catch (error) {
    reporter.line(`  ${(error as Error).message}`);
    status = 'failure';
  }
  const result = status === 'success' ? 'success' : status === 'cancelled' ? 'cancelled' : 'failure';
  const durationMs = performance.now() - started;
  reporter.jobFinished(label, result, durationMs);
  return { id, label, result, outputs, durationMs, startedAt, endedAt: new Date(), steps: ran };
}

function skippedStep(label: string): JobStep {
  const at = new Date();
  return { label, outcome: 'skipped', startedAt: at, endedAt: at };
}

function environmentUrl(environment: string | EnvironmentDefinition | undefined): string | undefined {
  return typeof environment === 'object' && environment.url ? environment.url : undefined;
}

function pickPath(env: Record<string, string>): Record<string, string> {
  return env.PATH !== undefined ? { PATH: env.PATH } : {};
}
