import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFileCommand, startNodeAction, type GitHubContext, type StartedNodeAction } from '@paved/action-runner';
import type { Reporter } from '../report/reporter.js';
import { runProcess } from './process.js';

/** What a step leaves behind for the rest of the job. */
export interface StepEffects {
  ok: boolean;
  /** Why the step failed, for the progress line. */
  note?: string;
  outputs: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  summary: string;
}

export interface StepRunContext {
  workspace: string;
  tempDir: string;
  github: GitHubContext;
  reporter: Reporter;
  signal: AbortSignal;
  timeoutMs: number;
  debug: boolean;
}

function failureNote(exitCode: number | null, timedOut: boolean, cancelled: boolean, timeoutMs: number): string {
  if (timedOut) return `timed out after ${Math.round(timeoutMs / 1000)}s`;
  if (cancelled) return 'cancelled';
  return `exit code ${exitCode ?? 'none'}`;
}

function readPathFile(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * A `run:` step: the script goes to a file run by `bash --noprofile --norc -eo pipefail` (or
 * `sh -e`), as the runner does, with the file commands read back the same way as an action's.
 */
export async function runScriptStep(
  script: string,
  shell: 'bash' | 'sh',
  cwd: string,
  env: Record<string, string>,
  context: StepRunContext,
): Promise<StepEffects> {
  const dir = mkdtempSync(path.join(context.tempDir, 'step-'));
  const file = path.join(dir, 'script.sh');
  writeFileSync(file, script);
  const files = Object.fromEntries(
    (['output', 'env', 'path', 'summary', 'state'] as const).map((kind) => {
      const name = path.join(dir, kind);
      writeFileSync(name, '');
      return [kind, name];
    }),
  ) as Record<'output' | 'env' | 'path' | 'summary' | 'state', string>;
  const args = shell === 'bash' ? ['--noprofile', '--norc', '-eo', 'pipefail', file] : ['-e', file];
  const result = await runProcess(shell, args, {
    cwd,
    env: {
      ...env,
      GITHUB_OUTPUT: files.output,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_STATE: files.state,
    },
    timeoutMs: context.timeoutMs,
    signal: context.signal,
    onOutput: (chunk) => context.reporter.stepOutput(chunk),
  });
  const ok = result.exitCode === 0 && !result.timedOut && !result.cancelled;
  try {
    return {
      ok,
      note: ok ? undefined : failureNote(result.exitCode, result.timedOut, result.cancelled, context.timeoutMs),
      outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
      env: parseFileCommand(readFileSync(files.env, 'utf8')),
      path: readPathFile(readFileSync(files.path, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
    };
  } catch (error) {
    // A malformed GITHUB_OUTPUT or GITHUB_ENV fails the step, as on the runner.
    return { ok: false, note: (error as Error).message, outputs: {}, env: {}, path: [], summary: '' };
  }
}

/** A JavaScript action, through the shared runner-protocol implementation; its post step is returned for later. */
export async function runActionStep(
  dir: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  node: string,
  context: StepRunContext,
): Promise<StepEffects & { started?: StartedNodeAction }> {
  if (context.signal.aborted) return { ok: false, note: 'cancelled', outputs: {}, env: {}, path: [], summary: '' };
  let started: StartedNodeAction;
  try {
    started = await startNodeAction({
      action: dir,
      node,
      inputs,
      env,
      workspace: context.workspace,
      tempDir: context.tempDir,
      github: context.github,
      debug: context.debug,
      timeoutMs: context.timeoutMs,
      // Ctrl-C stops the step as the runner cancels a job, so its post step can still clean up.
      cancel: context.signal,
      onOutput: (chunk) => context.reporter.stepOutput(chunk),
    });
  } catch (error) {
    return { ok: false, note: (error as Error).message, outputs: {}, env: {}, path: [], summary: '' };
  }
  const run = started.run;
  for (const name of run.unexpectedInputs) {
    context.reporter.warn(`Unexpected input '${name}': ${path.basename(dir)} declares no such input.`);
  }
  const ok = run.exitCode === 0 && !run.timedOut && !run.cancelled;
  return {
    ok,
    note: ok ? undefined : failureNote(run.exitCode, run.timedOut, run.cancelled, context.timeoutMs),
    outputs: run.outputs,
    env: run.env,
    path: run.path,
    summary: run.summary,
    started,
  };
}
