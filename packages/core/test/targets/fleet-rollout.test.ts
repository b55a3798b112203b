import type { DockerTarget } from '../../src/targets/docker/target.js';
import type { FleetMember, HostProgress } from '../../src/targets/fleet/member.js';
import { rollOut } from '../../src/targets/fleet/rollout.js';
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

/** A host whose docker target is a boundary stub: it records what it was asked, and fails when told. */
function host(name: string, log: string[], fails = false, first = false): FleetMember {
  const target = {
    where: `docker at ssh://root@${name}`,
    deploy: async (): Promise<DeployResult> => {
      log.push(`deploy ${name}`);
      if (fails)
        throw new ReleaseError(
          `The new release x failed its health check: GET / answered 503. It was removed; y`,
          'health',
        );
      return {
        running: { name: 'shop-production-7', version: 'v2', running: true },
        previous: first ? undefined : BEFORE,
        switchedAt: new Date(),
        downtime: false,
        removed: [],
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
    const error = await rollOut(members, RELEASE, hooks, report, (m, h) => m.target.deploy(RELEASE, h), {
      batch: { percent: 50 },
      pauseMs: 0,
      where: 'the fleet',
      progress: async (_, text) => void statuses.push(text),
    }).catch((e: unknown) => e as ReleaseError);
    expect(log).toEqual(['deploy h1', 'deploy h2', 'deploy h3', 'back h2 to v1', 'back h1 to v1']);
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
    const result = await rollOut(members, RELEASE, hooks, report, (m, h) => m.target.deploy(RELEASE, h), {
      batch: { count: 1 },
      pauseMs: 0,
      where: 'the fleet',
    });
    expect(log).toEqual(['deploy h1', 'deploy h2', 'deploy h3']);
    expect(result.running.version).toBe('v2');
    expect(report.map((r) => r.state)).toEqual(['switched', 'switched', 'switched']);
  });

  it('withdraws a first release from the hosts it reached when a later host fails, so none serves it', async () => {
    const log: string[] = [];
    const members = [host('h1', log, false, true), host('h2', log, true, true), host('h3', log, false, true)];
    const report: HostProgress[] = members.map((m) => ({ name: m.name, host: m.host, state: 'waiting', phases: [] }));
    const error = await rollOut(members, RELEASE, hooks, report, (m, h) => m.target.deploy(RELEASE, h), {
      batch: { count: 1 },
      pauseMs: 0,
      where: 'the fleet',
    }).catch((e: unknown) => e as ReleaseError);
    expect(log).toEqual(['deploy h1', 'deploy h2', 'withdraw shop-production-7 from h1']);
    expect((error as ReleaseError).message.split('\n')[1]).toBe(
      'The rollout stopped: switched back h1; not touched: h3.',
    );
    expect((error as ReleaseError).details.switched).toBe(false);
    expect(report.map((r) => r.state)).toEqual(['switched back', 'failed', 'waiting']);
    expect(report[0]!.detail).toMatch(/served nothing before: v2 was withdrawn/);
  });
});
