// Rolling releases that fail the ways real ones do, and one cancelled mid-rollout: the built
// deploy bundle against the local control plane. The failing pods are chosen by their image alone
// (kwok's stages match a digest marker), as a broken build would fail them.
import { describeWithStack, failingImage } from '@paved/stack';
import { errorsOf, hasStackTrace, type ActionRun } from '@paved/test-support/harness';
import {
  deploymentSpec,
  kubernetesConfig,
  REPOSITORY,
  startKubernetesWorld,
  V0,
  V1,
  V2,
  type KubernetesWorld,
} from './kubernetes-fixture.js';

const CONFIG = kubernetesConfig(`  crashy:
    kubernetes: { deployment: crashy }
  unpullable:
    kubernetes: { deployment: unpullable }
  slow:
    kubernetes: { deployment: slow, timeout: 3m }
`);

let world: KubernetesWorld;

/** Deploys V1 cleanly, then `bad`: it must fail with the pods' reason, be undone to V1 and be recorded as failed. */
async function expectUndone(environment: string, bad: string, reason: RegExp): Promise<ActionRun> {
  const first = await world.deploy(environment, { image: V1 });
  expect(errorsOf(first)).toEqual([]);
  const r = await world.deploy(environment, { image: bad });
  expect(r.exitCode).toBe(1);
  expect(errorsOf(r)).toHaveLength(1);
  const [error] = errorsOf(r);
  expect(error).toMatch(new RegExp(`^Deployment '${environment}' exceeded its progress deadline`));
  expect(error).toMatch(reason);
  expect(error).toContain('Undone to the ReplicaSet that ran before');
  const id = Number(r.outputs['deployment-id']);
  expect(world.statesOf(id)).toEqual(['in_progress', 'failure']);
  expect(world.statusesOf(id).at(-1)?.description).toMatch(/exceeded its progress deadline/);
  expect(await world.runningIn(environment)).toEqual({ template: V1, pods: [V1] });
  expect(await world.leaseStatus(`paved-shop-${environment}`)).toBe(404);
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  return r;
}

describeWithStack(
  'failing and cancelled rollouts: dist/deploy against a Kubernetes control plane',
  ['kubernetes'],
  () => {
    beforeAll(async () => {
      world = await startKubernetesWorld(CONFIG, [
        deploymentSpec('crashy', V0, { progressDeadlineSeconds: 3 }),
        deploymentSpec('unpullable', V0, { progressDeadlineSeconds: 3 }),
        // Pods count as available only after 20 s ready: a rollout long enough to cancel in.
        deploymentSpec('slow', V0, { minReadySeconds: 20 }),
      ]);
    }, 300_000);

    afterAll(async () => {
      await world?.stop();
    }, 60_000);

    it("undoes a rollout whose pods crash-loop, recording failure with the pods' reason", async () => {
      const r = await expectUndone(
        'crashy',
        failingImage(REPOSITORY, 'crash', '2'),
        /Pods: crashy-[a-z0-9]+-[a-z0-9]+\/app: CrashLoopBackOff \(back-off .*last exit code 1/,
      );
      expect(r.summary).toContain('CrashLoopBackOff');
    }, 120_000);

    it("undoes a rollout whose image cannot be pulled, recording failure with the pods' reason", async () => {
      const bad = failingImage(REPOSITORY, 'imagePullError', '2');
      await expectUndone(
        'unpullable',
        bad,
        /Pods: unpullable-[a-z0-9]+-[a-z0-9]+\/app: ErrImagePull \(failed to pull image .*@sha256:bad1bad1/,
      );
    }, 120_000);

    it('undoes a rollout cancelled mid-way (SIGTERM), releases the Lease and records the outcome', async () => {
      const first = await world.deploy('slow', { image: V1 });
      expect(errorsOf(first)).toEqual([]);
      const cancel = new AbortController();
      const r = await world.deploy(
        'slow',
        { image: V2 },
        {
          cancelWith: 'SIGTERM',
          cancel: cancel.signal,
          // Once the rollout is under way, the host shuts the runner down.
          onOutput: (chunk) => {
            if (/^slow: /m.test(chunk)) cancel.abort();
          },
        },
      );
      expect(cancel.signal.aborted).toBe(true);
      expect(r.signal).toBeNull();
      expect(r.exitCode).toBe(1);
      const id = Number(r.outputs['deployment-id']);
      expect(world.statesOf(id)).toEqual(['in_progress', 'failure']);
      expect(world.statusesOf(id).at(-1)?.description).toMatch(/cancel/i);
      expect(r.log).toContain('Undone to the ReplicaSet that ran before');
      expect(await world.runningIn('slow')).toEqual({ template: V1, pods: [V1] });
      expect(await world.leaseStatus('paved-shop-slow')).toBe(404);
      expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
    }, 240_000);
  },
);
