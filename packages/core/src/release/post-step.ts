import type { ResolvedEnvironment } from '../config/index.js';
import type { DeploymentState } from '../github/index.js';
import { LockHeldError, type HeldLock, type Target } from '../targets/index.js';
import type { ReleaseLedger, ReleaseLog } from './ledger.js';
import type { ReleaseProgressState } from './progress.js';

/** Phases from which on the target may already have switched traffic. */
const MAY_HAVE_SWITCHED = new Set(['switch', 'drain', 'stop', 'verify']);

export interface AbandonedReleaseRequest {
  state: ReleaseProgressState | undefined;
  environment: ResolvedEnvironment;
  target: Target;
  ledger: ReleaseLedger;
  /** This run: the holder of the lock main took, and the log_url of the statuses. */
  runUrl: string;
  log: ReleaseLog;
}

/** What the post step found and did. */
export interface AbandonedReleaseOutcome {
  /** nothing: main finished (or never started); settled: the post step finished the release's clean-up. */
  action: 'nothing' | 'settled';
  recorded?: DeploymentState;
  description?: string;
}

/** Whether main stopped before the end: the only case in which the post step has work. */
export function wasCutShort(state: ReleaseProgressState | undefined): state is ReleaseProgressState {
  return state !== undefined && !state.finished;
}

/**
 * The post step's work when main was killed outright (SIGKILL after the runner's grace) in the
 * middle of a release. Under the lock again — taken over from this run's own lock — it asks the
 * target to leave one release running and taking traffic, closes the record, and unlocks.
 *
 * Traffic is never moved back: a release that took traffic had passed its health check first,
 * and the sequence itself finishes every phase after the switch when it is cancelled, so the
 * post step completes the same way (the old release stops) and records success when what
 * serves is the new digest. Before the switch what the release started is removed and the old
 * release keeps serving: the record says failure, cancelled during that phase. When the post
 * step cannot tell what serves, the record says error, so nobody trusts it.
 */
export async function settleAbandonedRelease(request: AbandonedReleaseRequest): Promise<AbandonedReleaseOutcome> {
  const { state, log } = request;
  if (!wasCutShort(state)) return { action: 'nothing' };
  const phase = state.phase ?? 'start';
  log.info(`The main step was killed during ${phase}: finishing its clean-up`);
  const lock = await retakeOwnLock(request);
  try {
    const traffic = lock ? await settleTarget(request, state) : undefined;
    if (state.deploymentId === undefined) return { action: 'settled' };
    return { action: 'settled', ...(await closeRecord(request, state.deploymentId, phase, traffic)) };
  } finally {
    await lock?.release().catch((error: unknown) => {
      log.warning(`Could not release the deploy lock: ${(error as Error).message}. It goes stale after lock-timeout.`);
    });
  }
}

/**
 * Takes the environment's lock over from this run's own main step, as a holder of its own so
 * the lock code sees another run: a lock another run holds by now is left alone (undefined),
 * and with it the target.
 */
async function retakeOwnLock(request: AbandonedReleaseRequest): Promise<HeldLock | undefined> {
  const { target, runUrl } = request;
  // The ledger is the lock of targets without one: closing the record below releases it.
  if (!target.lock) return { holder: runUrl, release: async () => {} };
  try {
    return await target.lock({
      holder: `${runUrl}#post`,
      timeoutMs: request.environment.lockTimeoutMs,
      holderFinished: async (holder) => holder === runUrl,
    });
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    request.log.warning(
      `${error.holder} holds the deploy lock now: the post step leaves ${target.where} to it and only closes this run's record`,
    );
    return undefined;
  }
}

/** What serves once the target is settled: the new digest, another release, or unknown. */
type Traffic = 'new' | 'old' | 'unknown';

async function settleTarget(request: AbandonedReleaseRequest, state: ReleaseProgressState): Promise<Traffic> {
  const { target, log } = request;
  try {
    if (target.settle && state.deploymentId !== undefined) {
      for (const line of await target.settle({ deploymentId: state.deploymentId, digest: state.digest })) {
        log.info(`${target.where}: ${line}`);
      }
    }
    const running = await target.current();
    if (!running?.running) return 'unknown';
    return state.digest !== undefined && running.digest === state.digest ? 'new' : 'old';
  } catch (error) {
    log.warning(`Could not settle ${target.where} after the cancelled release: ${(error as Error).message}`);
    return 'unknown';
  }
}

async function closeRecord(
  request: AbandonedReleaseRequest,
  deploymentId: number,
  phase: string,
  traffic: Traffic | undefined,
): Promise<{ recorded?: DeploymentState; description: string }> {
  const { ledger, log } = request;
  const record = await ledger.get(deploymentId);
  const latest = record.statuses[0];
  // Main may have recorded the outcome just before it was killed: that record stands.
  if (latest && latest.state !== 'in_progress' && latest.state !== 'queued' && latest.state !== 'pending') {
    return { description: `deployment ${record.id} already recorded ${latest.state}` };
  }
  const [recorded, description] = outcome(phase, traffic, request.target.where);
  await ledger.setStatus(deploymentId, {
    state: recorded,
    description: description.slice(0, 140),
    environmentUrl: request.environment.url,
    logUrl: request.runUrl,
  });
  (recorded === 'success' ? log.info : log.warning)(
    `Recorded deployment ${deploymentId} as ${recorded}: ${description}`,
  );
  return { recorded, description };
}

function outcome(phase: string, traffic: Traffic | undefined, where: string): [DeploymentState, string] {
  if (traffic === undefined) {
    return ['error', `Cancelled during ${phase}; another run holds ${where} now, so what serves was not checked.`];
  }
  if (traffic === 'unknown')
    return ['error', `Cancelled during ${phase}; what serves on ${where} could not be checked.`];
  if (traffic === 'new' && MAY_HAVE_SWITCHED.has(phase)) {
    return [
      'success',
      `Cancelled during ${phase} after the switch; the post step finished it: the new release serves.`,
    ];
  }
  if (traffic === 'new') return ['error', `Cancelled during ${phase}, yet the new release serves on ${where}.`];
  return ['failure', `Cancelled during ${phase}; traffic was not switched: the old release keeps serving.`];
}
