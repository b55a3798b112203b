import type { DockerTarget } from '../../src/targets/docker/target.js';
import type { FleetMember, HostProgress } from '../../src/targets/fleet/member.js';
import { rollOut } from '../../src/targets/fleet/rollout.js';
import type { StagedRelease } from '../../src/targets/docker/target.js';
import { ReleaseError, type DeployHooks, type DeployResult, type Release } from '../../src/targets/target.js';

const RELEASE: Release = {
  image: `r/shop@sha256:${'b'.repeat(64)}`,
  digest: `sha256:${'b'.repeat(64)}`,
  version: 'v2',
  sha: 'abc',
  service: 'shop',
  environment: 'production',
  deploymentId: 7,
};
const BEFORE = {
  name: 'shop-production-6',
  image: `r/shop@sha256:${'a'.repeat(64)}`,
  digest: `sha256:${'a'.repeat(64)}`,
  version: 'v1',
  deploymentId: 6,
  running: true,
};

interface HostOptions {
  fails?: boolean;
  first?: boolean;
  /** The old release cannot be stopped. */
  stopFails?: boolean;
  /** The old release's retirement waits for this before it ends. */
  retireWaitsFor?: Promise<unknown>;
}

/** A host whose docker target is a boundary stub: it records what it was asked, and fails when told. */
function host(name: string, log: string[], fails = false, first = false, more: HostOptions = {}): FleetMember {
  const options = { fails, first, ...more };
  const target = {
    where: `docker at ssh://root@${name}`,
    switchTo: async (): Promise<StagedRelease> => {
      log.push(`deploy ${name}`);
      if (options.fails)
        throw new ReleaseError(
          `The new release x failed its health check: GET / answered 503. It was removed; y`,
          'health',
        );
      const previous = options.first ? undefined : BEFORE;
      const switchedAt = new Date();
      return {
        name: 'shop-production-7',
        previous,
        switchedAt,
        retire: async (): Promise<DeployResult> => {
          await options.retireWaitsFor;
          log.push(`retire ${name}`);
          if (options.stopFails) throw new ReleaseError('docker stop failed on docker at ssh://root@' + name, 'stop');
          return {
            running: { name: 'shop-production-7', version: 'v2', running: true },
            previous,
            switchedAt,
            downtime: false,
            removed: [],
          };
        },
      };
    },
    rollback: async (release: Release) => {
      log.push(`back ${name} to ${release.version}`);
      return { running: BEFORE, switchedAt: new Date(), downtime: false, removed: [] };
    },
    withdraw: async (container: string) => void log.push(`withdraw ${container} from ${name}`),
  };
  return { name, host: `ssh://root@${name}`, target: target as unknown as DockerTarget };
}

const hooks: DeployHooks = { phase: (_, work) => work(), info: () => undefined, warning: () => undefined };

describe('rollOut', () => {
  it('goes batch by batch and, when a host fails, switches every moved host back and names the failed one', async () => {
    const log: string[] = [];
    const members = [host('h1', log), host('h2', log), host('h3', log, true)];
    const report: HostProgress[] = members.map((m) => ({ name: m.name, host: m.host, state: 'waiting', phases: [] }));
    const statuses: string[] = [];
    const error = await rollOut(members, RELEASE, hooks, report, (m, h) => m.target.switchTo(RELEASE, h), {
      batch: { percent: 50 },
      pauseMs: 0,
      where: 'the fleet',
      progress: async (_, text) => void statuses.push(text),
    }).catch((e: unknown) => e as ReleaseError);
    expect(log).toEqual([
      'deploy h1',
      'deploy h2',
      'retire h1',
      'retire h2',
      'deploy h3',
      'back h2 to v1',
      'back h1 to v1',
    ]);
    expect((error as ReleaseError).message.split('\n').slice(0, 2)).toEqual([
      'h3 (ssh://root@h3) failed its health check: GET / answered 503',
      'The rollout stopped: switched back h1, h2.',
    ]);
    expect((error as ReleaseError).phase).toBe('health');
    expect(statuses).toEqual([
      'v2 serves on 2 of 3 hosts (h1, h2)',
      'h3 (ssh://root@h3) failed its health check: GET / answered 503',
    ]);
    expect(report.map((r) => r.state)).toEqual(['switched back', 'switched back', 'failed']);
  });

  it('releases every host when all are healthy, one batch at a time', async () => {
    const log: string[] = [];
    const members = [host('h1', log), host('h2', log), host('h3', log)];
    const report: HostProgress[] = members.map((m) => ({ name: m.name, host: m.host, state: 'waiting', phases: [] }));
    const result = await rollOut(members, RELEASE, hooks, report, (m, h) => m.target.switchTo(RELEASE, h), {
      batch: { count: 1 },
      pauseMs: 0,
      where: 'the fleet',
    });
    expect(log).toEqual(['deploy h1', 'retire h1', 'deploy h2', 'retire h2', 'deploy h3', 'retire h3']);
    expect(result.running.version).toBe('v2');
    expect(report.map((r) => r.state)).toEqual(['switched', 'switched', 'switched']);
  });

  it("retires a host's old release while the next batch moves, and ends only when every one is retired", async () => {
    const log: string[] = [];
    let letH1Retire!: () => void;
    const h1Held = new Promise<void>((resolve) => (letH1Retire = resolve));
    const members = [host('h1', log, false, false, { retireWaitsFor: h1Held }), host('h2', log)];
    const report: HostProgress[] = members.map((m) => ({ name: m.name, host: m.host, state: 'waiting', phases: [] }));
    const done = rollOut(members, RELEASE, hooks, report, (m, h) => m.target.switchTo(RELEASE, h), {
      batch: { count: 1 },
      pauseMs: 0,
      where: 'the fleet',
    });
    let ended = false;
    void done.then(() => (ended = true));
    for (let tick = 0; tick < 20 && !log.includes('retire h2'); tick++) await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['deploy h1', 'deploy h2', 'retire h2']);
    expect(ended).toBe(false);
    letH1Retire();
    await done;
    expect(log).toEqual(['deploy h1', 'deploy h2', 'retire h2', 'retire h1']);
  });

  it('switches every host back when an old release cannot be stopped, naming the host and the phase', async () => {
    const log: string[] = [];
    const members = [host('h1', log), host('h2', log, false, false, { stopFails: true }), host('h3', log)];
    const report: HostProgress[] = members.map((m) => ({ name: m.name, host: m.host, state: 'waiting', phases: [] }));
    const error = await rollOut(members, RELEASE, hooks, report, (m, h) => m.target.switchTo(RELEASE, h), {
      batch: { percent: 100 },
      pauseMs: 0,
      where: 'the fleet',
    }).catch((e: unknown) => e as ReleaseError);
    expect(log.slice(0, 6).sort()).toEqual([
      'deploy h1',
      'deploy h2',
      'deploy h3',
      'retire h1',
      'retire h2',
      'retire h3',
    ]);
    expect(log.slice(6)).toEqual(['back h3 to v1', 'back h2 to v1', 'back h1 to v1']);
    expect((error as ReleaseError).phase).toBe('stop');
    expect((error as ReleaseError).message.split('\n')[0]).toBe(
      'h2 (ssh://root@h2) failed in stop: docker stop failed on docker at ssh://root@h2',
    );
  });

  it('withdraws a first release from the hosts it reached when a later host fails, so none serves it', async () => {
    const log: string[] = [];
    const members = [host('h1', log, false, true), host('h2', log, true, true), host('h3', log, false, true)];
    const report: HostProgress[] = members.map((m) => ({ name: m.name, host: m.host, state: 'waiting', phases: [] }));
    const error = await rollOut(members, RELEASE, hooks, report, (m, h) => m.target.switchTo(RELEASE, h), {
      batch: { count: 1 },
      pauseMs: 0,
      where: 'the fleet',
    }).catch((e: unknown) => e as ReleaseError);
    expect(log).toEqual(['deploy h1', 'retire h1', 'deploy h2', 'withdraw shop-production-7 from h1']);
    expect((error as ReleaseError).message.split('\n')[1]).toBe(
      'The rollout stopped: switched back h1; not touched: h3.',
    );
    expect((error as ReleaseError).details.switched).toBe(false);
    expect(report.map((r) => r.state)).toEqual(['switched back', 'failed', 'waiting']);
    expect(report[0]!.detail).toMatch(/served nothing before: v2 was withdrawn/);
  });
});
