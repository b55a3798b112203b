import { readFileSync } from 'node:fs';
import os from 'node:os';
import * as core from '@actions/core';
import { InputReader } from '../action/index.js';
import {
  ENVIRONMENT_FORM,
  ENVIRONMENT_NAME,
  loadPavedConfig,
  readTargetOverrides,
  resolveEnvironment,
  type ResolvedEnvironment,
  type TargetOverrides,
} from '../config/index.js';
import { createGitHubClient, DeploymentLedger, workflowRunFinished, type GitHubClient } from '../github/index.js';
import { createTarget, parseDotenv, parseSecretLines, type Target, type TargetContext } from '../targets/index.js';
import { cancellationSignal } from './cancel.js';
import type { ReleaseLog } from './ledger.js';
import { settleAbandonedRelease, wasCutShort } from './post-step.js';
import { readReleaseProgress, savedReleaseProgress, type ReleaseProgress } from './progress.js';

/** The inputs deploy and rollback share: where to release, how to reach it, and how to record it. */
export interface ReleaseInputs extends TargetOverrides {
  environment: string;
  config: string;
  'github-token'?: string;
  /** Signs the records this step creates and, for rollback, verifies those it reads. */
  'ledger-key'?: string;
  /** The release's configuration and secrets: a rollback that redeploys starts it as deploy did. */
  env: string[];
  'env-file'?: string;
  secrets: string[];
  /** Where the step's trace goes (OTLP over HTTP); the OTEL_EXPORTER_OTLP_* variables otherwise. */
  'otlp-endpoint'?: URL;
}

export function readReleaseInputs(read: InputReader): ReleaseInputs {
  return {
    environment: read.string('environment', { required: true, pattern: ENVIRONMENT_NAME, form: ENVIRONMENT_FORM }),
    config: read.path('config', { default: '.github/paved.yml', required: true }),
    ...readTargetOverrides(read),
    'github-token': read.secret('github-token'),
    'ledger-key': read.secret('ledger-key'),
    env: read.list('env', { comma: false }),
    'env-file': read.path('env-file', { mustExist: 'file' }),
    secrets: read.secretList('secrets'),
    'otlp-endpoint': read.url('otlp-endpoint'),
  };
}

/** What a deploy or rollback step works with, set up from its inputs. */
export interface ReleaseStep {
  environment: ResolvedEnvironment;
  github: GitHubClient;
  ledger: DeploymentLedger;
  target: Target;
  signal: AbortSignal;
  log: ReleaseLog;
  holderFinished(holder: string): Promise<boolean>;
  /** Saved as the sequence goes, for the post step to finish a release main was killed in. */
  progress: ReleaseProgress;
}

export interface ReleaseStepOptions<R extends { phases: ReadonlyArray<{ name: string; ms: number; ok: boolean }> }> {
  read: InputReader;
  inputs: ReleaseInputs;
  /** What else the target needs from this step's inputs (a canary to promote). */
  target?: Pick<TargetContext, 'canary'>;
  /** Refuses inputs that do not fit the resolved environment, before anything is opened. */
  check?(environment: ResolvedEnvironment): void;
  run(step: ReleaseStep): Promise<{ report: R; error?: Error }>;
  /** Sets outputs and adds to the job summary; the summary is written after it. */
  report(report: R, step: ReleaseStep): Promise<void> | void;
}

/**
 * One deploy or rollback step as the action runs it: the environment resolved from the config
 * and inputs, the ledger (signing when ledger-key is set), the target with its fleet progress
 * recorded as statuses, cancellation, then each phase's timing, outputs, summary, and the error
 * to end the step with.
 */
export async function runReleaseStep<R extends { phases: ReadonlyArray<{ name: string; ms: number; ok: boolean }> }>(
  options: ReleaseStepOptions<R>,
): Promise<void> {
  const { read, inputs } = options;
  const { environment, github, ledger, target } = openRelease(read, inputs, options);
  const cancel = cancellationSignal();
  const step: ReleaseStep = {
    environment,
    github,
    ledger,
    target,
    signal: cancel.signal,
    log: { info: (message) => core.info(message), warning: (message) => core.warning(message) },
    holderFinished: (holder) => workflowRunFinished(github, holder),
    progress: savedReleaseProgress(),
  };
  let outcome;
  try {
    outcome = await options.run(step);
  } finally {
    cancel.dispose();
    await target.dispose();
  }
  const { report, error } = outcome;
  for (const phase of report.phases)
    core.info(`phase ${phase.name}: ${Math.round(phase.ms)}ms${phase.ok ? '' : ' (failed)'}`);
  await options.report(report, step);
  await core.summary.write();
  if (error) throw error;
}

/**
 * The post step of deploy and rollback: when main was killed outright mid-release (SIGKILL after
 * the runner's grace), settle the target, close the record and release this run's lock. When
 * main finished it reads nothing else.
 */
export async function runReleasePostStep(readInputs: (read: InputReader) => ReleaseInputs): Promise<void> {
  const state = readReleaseProgress();
  if (!wasCutShort(state)) return;
  const read = new InputReader();
  const { environment, github, ledger, target } = openRelease(read, readInputs(read));
  try {
    await settleAbandonedRelease({
      state,
      environment,
      target,
      ledger,
      runUrl: github.runUrl,
      log: { info: (message) => core.info(message), warning: (message) => core.warning(message) },
    });
  } finally {
    await target.dispose();
  }
}

/** The environment from the config and inputs, the ledger (signing with ledger-key) and the target. */
function openRelease(
  read: InputReader,
  inputs: ReleaseInputs,
  options: Pick<ReleaseStepOptions<never>, 'target' | 'check'> = {},
) {
  const repository = process.env.GITHUB_REPOSITORY ?? '';
  const config = loadPavedConfig(inputs.config, read.workspace);
  const environment = resolveEnvironment(config, inputs.environment, inputs, repository);
  options.check?.(environment);
  const github = createGitHubClient({ token: inputs['github-token'] });
  const ledger = new DeploymentLedger(github, { signingKey: inputs['ledger-key'] });
  const target = createTarget(environment, {
    workspace: read.workspace,
    tempDir: process.env.RUNNER_TEMP ?? os.tmpdir(),
    ...options.target,
    secrets: parseSecretLines(inputs.secrets, 'secrets'),
    extraEnv: inputs['env-file'] ? parseDotenv(readFileSync(inputs['env-file'], 'utf8'), inputs['env-file']) : {},
    progress: (id, description) =>
      ledger.setStatus(id, {
        state: 'in_progress',
        description,
        environmentUrl: environment.url,
        logUrl: github.runUrl,
      }),
  });
  return { environment, github, ledger, target };
}
