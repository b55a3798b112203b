import type { ResolvedEnvironment } from '../config/index.js';
import type { NewDeployment } from '../github/index.js';
import {
  LockHeldError,
  ReleaseError,
  type DeployHooks,
  type DeployResult,
  type HeldLock,
  type Release,
  type RunningRelease,
  type Target,
} from '../targets/index.js';
import { underSignal } from './cancel.js';
import { asReleaseError } from './errors.js';
import type { ReleaseLedger, ReleaseLog } from './ledger.js';
import { acquireEnvironmentLock, whileLocked } from './lock.js';
import { timePhase, type TimedPhase } from './phases.js';
import type { ReleaseProgress } from './progress.js';

/** Runs one named, timed phase of a release. */
export type PhaseRunner = <T>(name: string, work: () => Promise<T>) => Promise<T>;

/** Where and how a release happens: the same for deploy and rollback. */
export interface ReleaseRequest {
  environment: ResolvedEnvironment;
  target: Target;
  ledger: ReleaseLedger;
  /** The workflow run: lock holder and every status's log_url. */
  runUrl: string;
  log: ReleaseLog;
  /** Whether the run holding the lock has finished (GitHub's word); its lock is then taken over at once. */
  holderFinished?(holder: string): Promise<boolean>;
  /** Fires when the runner cancels the job. */
  signal?: AbortSignal;
  /** Told where the release stands, for the post step when main is killed outright. */
  progress?: ReleaseProgress;
  /** Wraps every phase (a trace span each); phases run as they are without it. */
  observePhase?: PhaseRunner;
}

/** The record to create once the plan stands, and the in_progress status's words. */
export interface PlannedRecord {
  deployment: NewDeployment;
  inProgress: string;
}

/** What differs between a deploy and a rollback; the sequence does everything else. */
export interface ReleaseSteps<Plan> {
  /** Under the lock, before anything is recorded: what to release. Throwing refuses, changing nothing. */
  plan(phase: PhaseRunner): Promise<Plan>;
  /** The Deployment to record (in the `record` phase, so it may ask the target what runs). */
  record(plan: Plan): Promise<PlannedRecord>;
  /** Called once the record exists, before the target works; an error returned fails the release. */
  beforeWork?(plan: Plan, deploymentId: number, phase: PhaseRunner): Promise<Error | undefined>;
  /** The release the target works on. */
  release(plan: Plan, deploymentId: number): Release;
  /** The target's work: deploy a new release, or bring an earlier one back. */
  work(release: Release, hooks: DeployHooks): Promise<DeployResult>;
  /** Why what runs after the switch is wrong, as a sentence ending in what to do. */
  wrongRelease(what: string): string;
  /** After a verified switch, before the success is recorded (rollback: migrate-rollback after, mark the bad one). */
  afterWork?(plan: Plan, deploymentId: number, result: DeployResult, phase: PhaseRunner): Promise<void>;
  /** The success status's description. */
  succeeded(plan: Plan, result: DeployResult): string;
  /** The warning when GitHub does not take the success status. */
  unrecordedSuccess(deploymentId: number, error: Error): string;
}

/** Everything the sequence did, for the deploy and rollback reports. */
export interface ReleaseRun<Plan> {
  /** refused: stopped before the record, nothing was changed. */
  outcome: 'success' | 'failure' | 'refused';
  phases: Array<TimedPhase<string>>;
  warnings: string[];
  plan?: Plan;
  deploymentId?: number;
  result?: DeployResult;
  /** What the target reported running after the switch. */
  running?: RunningRelease;
  /** GitHub holds the final status. */
  recorded: boolean;
  /** Traffic had moved to the new release when it failed. */
  switched: boolean;
  error?: Error;
  failedPhase?: string;
  /** Last log lines of a release that did not come up. */
  logs?: string;
  lockTakenOverFrom?: string;
  startedAt: number;
  totalMs: number;
}

/**
 * The one sequence every change of what runs goes through, deploy and rollback alike:
 * lock → plan → record `in_progress` → the target's work → verify the running digest →
 * record success or failure → unlock, on every path. Refusals come before the record, so they
 * change nothing. Once traffic has switched, GitHub refusing the success status does not fail
 * the release: it serves, so the step warns.
 */
export async function runRelease<Plan>(request: ReleaseRequest, steps: ReleaseSteps<Plan>): Promise<ReleaseRun<Plan>> {
  const run = await sequence(request, steps);
  // Only once the outcome is recorded and the lock released: the post step then has nothing to do.
  request.progress?.finished();
  return run;
}

async function sequence<Plan>(request: ReleaseRequest, steps: ReleaseSteps<Plan>): Promise<ReleaseRun<Plan>> {
  const { environment, target, ledger, log } = request;
  const run: ReleaseRun<Plan> = {
    outcome: 'refused',
    phases: [],
    warnings: [],
    recorded: false,
    switched: false,
    startedAt: Date.now(),
    totalMs: 0,
  };
  const warn = (message: string) => {
    run.warnings.push(message);
    log.warning(message);
  };
  const phase: PhaseRunner = (name, work) => {
    // Once traffic has moved, every later phase runs to its end even when the run is cancelled.
    const switched = run.phases.some((p) => p.name === 'switch' && p.ok);
    const signal = switched ? undefined : request.signal;
    request.progress?.phase(name);
    const timed = () => timePhase(run.phases, name, () => underSignal(signal, name, work));
    return (request.observePhase ? request.observePhase(name, timed) : timed()).catch((error: unknown) => {
      throw asReleaseError(error, name, target.where);
    });
  };

  let lock: HeldLock;
  try {
    lock = await phase('lock', () =>
      acquireEnvironmentLock(target, () => ledger.history(environment.name), {
        environment: environment.name,
        runUrl: request.runUrl,
        timeoutMs: environment.lockTimeoutMs,
        holderFinished: request.holderFinished,
      }),
    );
  } catch (error) {
    return finish(run, error as Error);
  }
  if (lock.tookOverFrom) {
    run.lockTakenOverFrom = lock.tookOverFrom;
    warn(
      `Took over the deploy lock held by ${lock.tookOverFrom}: that run has finished or the lock is older than lock-timeout`,
    );
  }
  return whileLocked(lock, warn, () => locked(request, steps, run, phase, warn));
}

async function locked<Plan>(
  request: ReleaseRequest,
  steps: ReleaseSteps<Plan>,
  run: ReleaseRun<Plan>,
  phase: PhaseRunner,
  warn: (message: string) => void,
): Promise<ReleaseRun<Plan>> {
  const { target, ledger, log } = request;
  let plan: Plan;
  let deploymentId: number;
  // Settles once GitHub has taken (or refused) the in_progress status; never rejects.
  let inProgress: Promise<void> = Promise.resolve();
  try {
    plan = await steps.plan(phase);
    run.plan = plan;
    deploymentId = await phase('record', async () => {
      const planned = await steps.record(plan);
      const id = await ledger.create(planned.deployment).catch((error: unknown) => {
        throw new ReleaseError(
          `GitHub did not record the deployment (${(error as Error).message}); nothing was changed, since an ` +
            'unrecorded release is what Paved exists to prevent. Check that GitHub answers and the token may write deployments, then re-run.',
          'record',
          { cause: error, kind: 'platform' },
        );
      });
      run.deploymentId = id;
      request.progress?.recorded(id);
      // The client paces GitHub writes (github/write-pacing.ts), and a long run may have spent its
      // burst, so the in_progress status goes out while the target works instead of before: the
      // record exists already, and the final status waits for this one, keeping their order.
      inProgress = ledger
        .setStatus(id, {
          state: 'in_progress',
          description: planned.inProgress,
          environmentUrl: request.environment.url,
          logUrl: request.runUrl,
        })
        .catch((error: unknown) =>
          warn(
            `GitHub did not take the in_progress status of deployment ${id} (${(error as Error).message}); ` +
              'the release went on, since the deployment itself is recorded',
          ),
        );
      return id;
    });
  } catch (error) {
    return finish(run, error as Error);
  }
  run.outcome = 'failure';

  const hooks: DeployHooks = {
    phase: (name, work) => phase(name, work),
    info: (message) => log.info(message),
    warning: warn,
  };
  const release = steps.release(plan, deploymentId);
  request.progress?.releasing(release.digest);
  try {
    const early = await steps.beforeWork?.(plan, deploymentId, phase);
    if (early) return failRecorded(request, run, deploymentId, early, warn, inProgress);
    const result = await steps.work(release, hooks);
    run.result = result;
    run.switched = true;
    await phase('verify', async () => {
      const running = await target.current();
      run.running = running;
      if (!running || !running.running || (running.digest && running.digest !== release.digest)) {
        const what = running
          ? `${running.name} ${running.state ?? ''} with ${running.digest ?? 'an unknown digest'}`.replace(/\s+/g, ' ')
          : 'nothing';
        throw new ReleaseError(
          steps.wrongRelease(`${target.where} runs ${what.trim()}, not ${release.digest}`),
          'verify',
          {
            switched: true,
          },
        );
      }
      if (!running.digest) log.info(`${target.where} did not report a digest; the switch is taken as the truth`);
    });
    await steps.afterWork?.(plan, deploymentId, result, phase);
  } catch (error) {
    const failure = asReleaseError(error, run.phases.at(-1)?.name ?? 'start', target.where);
    if (failure instanceof ReleaseError) {
      run.switched ||= failure.details.switched === true;
      run.logs = failure.details.logs;
    }
    return failRecorded(request, run, deploymentId, failure, warn, inProgress);
  }

  run.outcome = 'success';
  await inProgress;
  try {
    await ledger.setStatus(deploymentId, {
      state: 'success',
      description: steps.succeeded(plan, run.result),
      environmentUrl: run.result.url ?? request.environment.url,
      logUrl: request.runUrl,
    });
    run.recorded = true;
  } catch (error) {
    warn(steps.unrecordedSuccess(deploymentId, error as Error));
  }
  return finish(run);
}

async function failRecorded<Plan>(
  request: ReleaseRequest,
  run: ReleaseRun<Plan>,
  deploymentId: number,
  error: Error,
  warn: (message: string) => void,
  inProgress: Promise<void>,
): Promise<ReleaseRun<Plan>> {
  run.outcome = 'failure';
  await inProgress;
  await request.ledger
    .setStatus(deploymentId, {
      state: 'failure',
      description: error.message.split('\n')[0]?.slice(0, 140),
      environmentUrl: run.result?.url ?? request.environment.url,
      logUrl: request.runUrl,
    })
    .then(() => (run.recorded = true))
    .catch((statusError: unknown) =>
      warn(`GitHub did not record the failure of deployment ${deploymentId}: ${(statusError as Error).message}`),
    );
  return finish(run, error);
}

function finish<Plan>(run: ReleaseRun<Plan>, error?: Error): ReleaseRun<Plan> {
  if (error) {
    run.error = error;
    if (error instanceof ReleaseError) {
      run.failedPhase = error.phase;
      run.logs ??= error.details.logs;
    } else if (!(error instanceof LockHeldError)) {
      run.failedPhase = run.phases.findLast((p) => !p.ok)?.name;
    }
  }
  run.totalMs = Date.now() - run.startedAt;
  return run;
}
