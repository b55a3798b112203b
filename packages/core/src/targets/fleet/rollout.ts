import { hostsPerBatch, type BatchSize } from '../../config/index.js';
import type { StagedRelease } from '../docker/target.js';
import { ReleaseError, type DeployHooks, type DeployResult, type Release, type RunningRelease } from '../target.js';
import type { FleetMember, FleetProgress, HostProgress } from './member.js';

export interface RolloutOptions {
  batch: BatchSize;
  pauseMs: number;
  progress?: FleetProgress;
  /** The fleet's `where`, which the release sequence puts in the errors of a phase. */
  where: string;
}

/** What one host does in the release up to its switch: deploy, or bring an earlier release back. */
export type HostWork = (member: FleetMember, hooks: DeployHooks) => Promise<StagedRelease>;

interface Moved {
  member: FleetMember;
  staged: StagedRelease;
  /** Its old release retired: the host's whole result. */
  result?: DeployResult;
  /** Settles when the retirement has ended, either way; never rejects. */
  retired: Promise<void>;
}

interface Failure {
  member: FleetMember;
  error: Error;
}

/**
 * Releases to the hosts in batches, in the fleet's order, pausing between batches. A host's old
 * release is retired (drained, stopped, pruned) while the next batch moves, every host's at
 * once, and the release ends only when every retirement has ended. When a host fails (in its
 * switch or its retirement), no further batch starts, the hosts of its batch that did move and
 * every earlier host are switched back to what they served before (their retained release,
 * fast; on a first release, nothing: the new release is withdrawn from them), and the error
 * names the host, the phase and why: the environment never stays half on the new release.
 */
export async function rollOut(
  members: readonly FleetMember[],
  release: Release,
  hooks: DeployHooks,
  report: HostProgress[],
  work: HostWork,
  options: RolloutOptions,
): Promise<DeployResult> {
  const size = hostsPerBatch(options.batch, members.length);
  const moved: Moved[] = [];
  // Retirements that failed, in the order they failed: a host whose old release could not be stopped.
  const retireFailures: Failure[] = [];
  const record = (text: string) =>
    options.progress?.(release.deploymentId, text.slice(0, 140)).catch((error: unknown) => {
      hooks.warning(`GitHub did not record the fleet's progress (${(error as Error).message})`);
    });
  const fail = async (failures: Failure[]): Promise<never> => {
    // Switching a host back starts its old release again: only once its retirement has ended.
    await Promise.all(moved.map((m) => m.retired));
    await switchBack(moved, release, hooks, report);
    const failure = fleetFailure(failures[0]!, moved, members, report);
    await record(failure.message.split('\n')[0]!);
    throw failure;
  };
  for (let first = 0; first < members.length; first += size) {
    const batch = members.slice(first, first + size);
    if (first > 0 && options.pauseMs > 0) {
      hooks.info(`Pausing ${Math.round(options.pauseMs / 1000)} s before the next batch`);
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
    hooks.info(`Releasing ${release.version} to ${batch.map((m) => `${m.name} (${m.host})`).join(', ')}`);
    const settled = await Promise.allSettled(batch.map((member) => onHost(member, hooks, report, work, options)));
    const failures: Failure[] = [];
    settled.forEach((outcome, index) => {
      const member = batch[index]!;
      if (outcome.status === 'rejected') failures.push({ member, error: outcome.reason as Error });
      else moved.push(retiring(member, outcome.value, hooks, report, options, retireFailures));
    });
    if (failures.length > 0 || retireFailures.length > 0) await fail([...failures, ...retireFailures]);
    await record(
      `${release.version} serves on ${moved.length} of ${members.length} hosts (${moved.map((m) => m.member.name).join(', ')})`,
    );
  }
  await Promise.all(moved.map((m) => m.retired));
  if (retireFailures.length > 0) await fail(retireFailures);
  const results = moved.map((m) => ({ member: m.member, result: m.result! }));
  const head = results[0]!.result;
  return {
    running: head.running,
    previous: head.previous,
    switchedAt: results.reduce((last, m) => (m.result.switchedAt > last ? m.result.switchedAt : last), head.switchedAt),
    url: head.url,
    downtime: results.some((m) => m.result.downtime),
    removed: results.flatMap((m) => m.result.removed.map((name) => `${name} on ${m.member.name}`)),
  };
}

/** Starts retiring a switched host's old release; a failure is kept, as the host's, for the rollout to act on. */
function retiring(
  member: FleetMember,
  staged: StagedRelease,
  hooks: DeployHooks,
  report: HostProgress[],
  options: RolloutOptions,
  failures: Failure[],
): Moved {
  const progress = report.find((p) => p.name === member.name)!;
  const entry: Moved = { member, staged, retired: Promise.resolve() };
  entry.retired = staged
    .retire()
    .then(
      (result) => {
        entry.result = result;
        progress.version = result.running.version;
      },
      (error: unknown) => {
        progress.state = 'failed';
        const named = namedForHost(error as Error, member, options.where);
        progress.detail = named.message.split('\n')[0];
        failures.push({ member, error: named });
      },
    )
    .finally(() => logPhases(member, progress, hooks));
  return entry;
}

function logPhases(member: FleetMember, progress: HostProgress, hooks: DeployHooks): void {
  const timed = progress.phases.map((p) => `${p.name} ${Math.round(p.ms)}ms${p.ok ? '' : ' (failed)'}`);
  hooks.info(`${member.name} phases: ${timed.join(', ') || 'none'}`);
}

/** One host's part up to its switch, timed phase by phase for the summary; its errors name the host, not the fleet. */
async function onHost(
  member: FleetMember,
  hooks: DeployHooks,
  report: HostProgress[],
  work: HostWork,
  options: RolloutOptions,
): Promise<StagedRelease> {
  const progress = report.find((p) => p.name === member.name)!;
  progress.state = 'releasing';
  const hostHooks: DeployHooks = {
    phase: async (name, run) => {
      const timing = { name, ms: 0, ok: false };
      progress.phases.push(timing);
      const started = performance.now();
      try {
        const value = await hooks.phase(name, run);
        timing.ok = true;
        return value;
      } finally {
        timing.ms = performance.now() - started;
      }
    },
    info: (message) => hooks.info(`${member.name}: ${message}`),
    warning: (message) => hooks.warning(`${member.name} (${member.host}): ${message}`),
  };
  try {
    const staged = await work(member, hostHooks);
    progress.state = 'switched';
    return staged;
  } catch (error) {
    progress.state = 'failed';
    const named = namedForHost(error as Error, member, options.where);
    progress.detail = named.message.split('\n')[0];
    logPhases(member, progress, hooks);
    throw named;
  }
}

/** The sequence names the fleet in a phase's error; on a host, the host is what the reader needs. */
function namedForHost(error: Error, member: FleetMember, fleetWhere: string): Error {
  const message = error.message.split(fleetWhere).join(member.target.where);
  if (error instanceof ReleaseError) {
    return new ReleaseError(message, error.phase, { ...error.details, kind: error.kind, cause: error.details.cause });
  }
  return Object.assign(error, { message });
}

/** Brings each moved host back to the release it served before, newest host first. */
async function switchBack(moved: Moved[], release: Release, hooks: DeployHooks, report: HostProgress[]) {
  for (const { member, staged } of [...moved].reverse()) {
    const progress = report.find((p) => p.name === member.name)!;
    const before = staged.previous;
    const quiet: DeployHooks = { phase: (_, run) => run(), info: () => undefined, warning: hooks.warning };
    if (before && (!before.digest || !before.image)) {
      progress.state = 'not switched back';
      progress.detail = `${before.name} has no image digest to go back to; the new release keeps serving there`;
      hooks.warning(`${member.name} (${member.host}): ${progress.detail}`);
      continue;
    }
    try {
      if (!before) {
        // Its first release: going back is serving nothing again, as every host not reached.
        await member.target.withdraw(staged.name);
        progress.state = 'switched back';
        progress.version = undefined;
        progress.detail = `it served nothing before: ${release.version} was withdrawn, the proxy has no upstream`;
        hooks.info(`${member.name}: served nothing before; ${release.version} withdrawn`);
        continue;
      }
      await member.target.rollback(earlier(release, before), quiet, { fromDeploymentId: before.deploymentId });
      progress.state = 'switched back';
      progress.version = before.version;
      hooks.info(`${member.name}: switched back to ${before.version ?? before.name}`);
    } catch (error) {
      progress.state = 'not switched back';
      progress.detail = (error as Error).message.split('\n')[0];
      hooks.warning(`${member.name} (${member.host}) could not be switched back: ${(error as Error).message}`);
    }
  }
}

function earlier(release: Release, before: RunningRelease): Release {
  return {
    ...release,
    image: before.image!,
    digest: before.digest!,
    version: before.version ?? release.version,
    sha: before.sha ?? release.sha,
    deploymentId: before.deploymentId ?? release.deploymentId,
    migrateRollback: before.migrateRollback,
  };
}

/** The release's error: which host failed, in which phase and why, and where every host stands. */
function fleetFailure(
  failed: { member: FleetMember; error: Error },
  moved: Moved[],
  members: readonly FleetMember[],
  report: HostProgress[],
): ReleaseError {
  const { member, error } = failed;
  const phase = error instanceof ReleaseError ? error.phase : 'start';
  const health = /failed its health check: (.*?)\. It was removed/s.exec(error.message)?.[1];
  const why = health ? `failed its health check: ${health}` : `failed in ${phase}: ${error.message.split('\n')[0]}`;
  const back = report.filter((p) => p.state === 'switched back').map((p) => p.name);
  const stuck = report.filter((p) => p.state === 'not switched back').map((p) => p.name);
  const untouched = members.filter((m) => !moved.some((x) => x.member === m) && m !== member).map((m) => m.name);
  const lines = [
    `${member.name} (${member.host}) ${why}`,
    `The rollout stopped: ${back.length > 0 ? `switched back ${back.join(', ')}` : 'no host had switched'}` +
      `${untouched.length > 0 ? `; not touched: ${untouched.join(', ')}` : ''}` +
      `${stuck.length > 0 ? `; NOT switched back: ${stuck.join(', ')} (see the warnings)` : ''}.`,
    error.message,
  ];
  return new ReleaseError(lines.join('\n'), phase, {
    switched: stuck.length > 0,
    logs: error instanceof ReleaseError ? error.details.logs : undefined,
    cause: error instanceof ReleaseError ? error.details.cause : error,
    kind: error instanceof ReleaseError ? error.kind : undefined,
  });
}
