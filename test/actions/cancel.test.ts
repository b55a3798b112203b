// Cancellation end to end: the deploy and rollback bundles, run as the runner runs them against the
// local stack's Docker Engine, registry and Caddy with the GitHub emulator as the ledger, cancelled
// in each phase as the runner cancels a job (SIGINT, SIGTERM after the grace, then SIGKILL and
// the post step), then the host, the proxy, the lock and the record are checked. And a lock
// whose holder run GitHub says has finished is taken over at once, not after lock-timeout.
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { describeWithStack, startStack, type Stack } from '@paved/stack';
import { buildServiceImages, type BuiltService } from '../../examples/service/build.js';
import {
  errorsOf,
  killedDuring,
  runAction,
  runActionCancelledAt,
  warningsOf,
  type ActionRun,
  type CancelGrace,
} from '@paved/test-support/harness';
import { deploymentsOf, seedWorkflowRun, statusesOf } from '@paved/test-support/ledger';
import {
  createLockContainer,
  dockerText,
  lockContainers,
  pavedContainers,
  responseBody,
  type DockerText,
} from '@paved/test-support/releases';
import { makeWorkspace } from '@paved/test-support/workspace';
import { startTogether } from '@paved/test-support/servers';

type Services = 'docker' | 'registry' | 'caddy';
const RUNS = 'https://github.com/acme/shop/actions/runs';
/** What the runner gives: the main step ends on its own within the grace. */
const RUNNER: CancelGrace = { interrupt: 7_500, terminate: 2_500 };
/** Killed outright: SIGINT, SIGTERM and SIGKILL one after the other, so the post step cleans up. */
const KILLED: CancelGrace = { interrupt: 0, terminate: 0 };
const PHASES = ['lock', 'record', 'pull', 'start', 'health', 'switch', 'drain', 'stop', 'verify'];
/** Phases after which the cancelled release keeps the traffic it took. */
const SWITCHED = new Set(['switch', 'drain', 'stop', 'verify']);

let stack: Stack<Services>;
let gh: GitHubEmulator;
let v1: BuiltService;
let v2: BuiltService;
let workspace: string;
let docker: DockerText;
let runId = 9_000;

function config(): string {
  // The new release listens 1.5 s late, so the health phase lasts long enough to be cut short.
  return `service: shop
environments:
  staging:
    host: ${stack.docker.host}
    health-path: /healthz
    health-timeout: 20s
    drain-timeout: 2s
    proxy-url: ${stack.caddy.adminUrl}
    proxy-route: ${stack.caddy.handlerId}
    env:
      STARTUP_DELAY_MS: "1500"
`;
}

/** Each run its own run id, as on GitHub: a lock names the run that holds it. */
function nextRun() {
  runId += 1;
  return { runId, apiUrl: gh.url };
}

function deploy(image: string): Promise<ActionRun> {
  return runAction('deploy', { inputs: { environment: 'staging', image }, workspace, github: nextRun() });
}

/** What serves through the proxy: `200 v1` or `200 v2`. */
const serving = () => responseBody(stack.caddy.url);

/**
 * After any cancelled release: no lock left, exactly one release running and it is what the
 * proxy sends traffic to, and the record closed — success only when the new release serves.
 */
async function expectSettled(run: ActionRun, from: BuiltService, to: BuiltService, deploymentsBefore: number) {
  expect(await lockContainers(docker)).toBe('');
  const running = (await pavedContainers(docker, 'staging')).filter((c) => c.state === 'running');
  expect(running).toHaveLength(1);
  const served = await serving();
  expect(served).toBe(`200 ${running[0]!.version}`);
  const created = deploymentsOf(gh, 'staging').slice(deploymentsBefore);
  expect(created.length).toBeLessThanOrEqual(1);
  if (created.length === 0) {
    expect(served).toBe(`200 ${from.version}`);
    return undefined;
  }
  const final = statusesOf(gh, created[0]!.id).at(-1);
  if (!final) {
    // Killed between GitHub creating the record and its first status: nothing ran from it.
    expect(served).toBe(`200 ${from.version}`);
    return undefined;
  }
  expect(final.state).not.toBe('in_progress');
  expect(final.state).toBe(served === `200 ${to.version}` ? 'success' : 'failure');
  if (run.post?.log.includes('The main step was killed')) expect(final.description).toMatch(/^Cancelled during /);
  return final;
}

describeWithStack(
  'cancelling dist/deploy and dist/rollback against the local stack',
  ['docker', 'registry', 'caddy'],
  () => {
    beforeAll(async () => {
      [stack, gh] = await startTogether(
        startStack({ services: ['docker', 'registry', 'caddy'], nodeBaseImage: true }),
        startGitHubEmulator({ autoCreate: true }),
      );
      docker = dockerText(stack.docker);
      [v1, v2] = (await buildServiceImages(stack.docker, stack.registry, stack.nodeBaseImage!, ['v1', 'v2'])) as [
        BuiltService,
        BuiltService,
      ];
      workspace = makeWorkspace({ '.github/paved.yml': config() });
      const first = await deploy(v1.ref);
      expect(errorsOf(first)).toEqual([]);
      expect(await serving()).toBe('200 v1');
    }, 600_000);
    afterAll(async () => {
      await Promise.allSettled([stack?.stop(), gh?.stop()]);
    });

    /** Deploys whichever release does not serve, cancelled when `phase` starts. */
    async function cancelDeployAt(phase: string, grace: CancelGrace) {
      const from = (await serving()) === '200 v1' ? v1 : v2;
      const to = from === v1 ? v2 : v1;
      const before = deploymentsOf(gh, 'staging').length;
      const run = await runActionCancelledAt('deploy', phase, grace, {
        inputs: { environment: 'staging', image: to.ref },
        workspace,
        github: nextRun(),
      });
      expect(run.cancelled).toBe(true);
      return { run, from, to, before };
    }

    describe.each(PHASES)('a deploy cancelled when %s starts', (phase) => {
      it('ends the phase within the grace: lock released, outcome recorded, traffic on one release', async () => {
        const { run, from, to, before } = await cancelDeployAt(phase, RUNNER);
        // Main ended by itself after SIGINT; the post step had nothing left to do.
        expect(run.signalsSent).toEqual(['SIGINT']);
        expect(run.post?.exitCode).toBe(0);
        expect(killedDuring(run)).toBeUndefined();
        const final = await expectSettled(run, from, to, before);
        if (SWITCHED.has(phase)) {
          // The switch and what follows finish even when cancelled: traffic is never half-moved.
          expect(await serving()).toBe(`200 ${to.version}`);
          expect(final?.state).toBe('success');
        } else {
          expect(await serving()).toBe(`200 ${from.version}`);
          expect(errorsOf(run)).toEqual([expect.stringMatching(/The run was cancelled before \w+/)]);
        }
      });

      it('killed outright (SIGKILL after the grace): the post step settles the host, records and unlocks', async () => {
        const { run, from, to, before } = await cancelDeployAt(phase, KILLED);
        expect(run.signal).toBe('SIGKILL');
        expect(run.post?.exitCode).toBe(0);
        expect(errorsOf(run.post!)).toEqual([]);
        // Killed in this phase or, at most, a moment later in the next one.
        const killed = killedDuring(run);
        expect(PHASES.indexOf(killed ?? 'none')).toBeGreaterThanOrEqual(PHASES.indexOf(phase));
        const final = await expectSettled(run, from, to, before);
        const created = deploymentsOf(gh, 'staging').slice(before)[0];
        if (!SWITCHED.has(killed!)) {
          // Before the switch what the release started is removed and the old release serves.
          expect(await serving()).toBe(`200 ${from.version}`);
          if (created) {
            const names = (await pavedContainers(docker, 'staging')).map((c) => c.name);
            expect(names).not.toContain(`shop-staging-${created.id}`);
          }
        }
        if (final) expect(final.description).toContain(`Cancelled during ${killed}`);
      });
    });

    it('a rollback killed in its health phase leaves the release that served, and the post step records it', async () => {
      const from = (await serving()) === '200 v1' ? v1 : v2;
      const before = deploymentsOf(gh, 'staging').length;
      const run = await runActionCancelledAt('rollback', 'health', KILLED, {
        inputs: { environment: 'staging', reason: 'cancel test' },
        workspace,
        github: nextRun(),
      });
      expect(run.signal).toBe('SIGKILL');
      expect(run.post?.exitCode).toBe(0);
      expect(errorsOf(run.post!)).toEqual([]);
      expect(await lockContainers(docker)).toBe('');
      const running = (await pavedContainers(docker, 'staging')).filter((c) => c.state === 'running');
      expect(running).toHaveLength(1);
      expect(await serving()).toBe(`200 ${running[0]!.version}`);
      const created = deploymentsOf(gh, 'staging').slice(before);
      for (const deployment of created) expect(statusesOf(gh, deployment.id).at(-1)!.state).not.toBe('in_progress');
      if (killedDuring(run) === 'health') expect(await serving()).toBe(`200 ${from.version}`);
    });

    describe.each(['deploy', 'rollback'])('a %s meeting a lock', (action) => {
      async function meetLock(status: 'in_progress' | 'completed'): Promise<ActionRun> {
        const holder = `${RUNS}/${(runId += 1)}`;
        seedWorkflowRun(gh, holder, status, status === 'completed' ? 'cancelled' : undefined);
        await createLockContainer(docker, { service: 'shop', environment: 'staging', holder, lockedAt: new Date() });
        const current = (await serving()) === '200 v1' ? v1 : v2;
        const run = await runAction(action, {
          inputs:
            action === 'deploy'
              ? { environment: 'staging', image: (current === v1 ? v2 : v1).ref }
              : { environment: 'staging', reason: 'lock test' },
          workspace,
          github: nextRun(),
        });
        return Object.assign(run, { holder });
      }

      it('held by a run GitHub says has completed is taken over at once, with a warning naming it', async () => {
        const run = (await meetLock('completed')) as ActionRun & { holder: string };
        expect(errorsOf(run)).toEqual([]);
        expect(run.exitCode).toBe(0);
        expect(warningsOf(run)).toEqual(
          expect.arrayContaining([
            `Took over the deploy lock held by ${run.holder}: that run has finished or the lock is older than lock-timeout`,
          ]),
        );
        expect(await lockContainers(docker)).toBe('');
      });

      it('held by a run still in progress is refused, naming it, and changes nothing', async () => {
        const before = deploymentsOf(gh, 'staging').length;
        const run = (await meetLock('in_progress')) as ActionRun & { holder: string };
        expect(run.exitCode).toBe(1);
        expect(errorsOf(run)).toEqual([expect.stringContaining(`locked by another deploy: ${run.holder}`)]);
        expect(deploymentsOf(gh, 'staging')).toHaveLength(before);
        await docker(['rm', '--force', ...(await lockContainers(docker)).split('\n')]);
      });
    });
  },
);
