// strategy: canary end to end: the built deploy and rollback bundles, run as the runner runs them,
// against the local control plane. The stage (paved-deploy.yml) deploys a canary, smoke-tests and
// gates it, then promotes it (deploy with canary: promote) or, when a check fails, rolls back,
// which rejects the canary: these are the steps it runs.
import { describeWithStack, failingImage } from '@paved/stack';
import { errorsOf, hasStackTrace, type ActionRun } from '@paved/test-support/harness';
import {
  deploymentSpec,
  image,
  kubernetesConfig,
  NS,
  REPOSITORY,
  startKubernetesWorld,
  TRACK,
  V0,
  V1,
  V2,
  type KubernetesWorld,
} from './kubernetes-fixture.js';

const CONFIG = kubernetesConfig(`  production:
    kubernetes: { deployment: web, service: web, strategy: canary, canary-replicas: 1 }
  elsewhere:
    kubernetes: { deployment: web, service: other, strategy: canary }
  rolling:
    kubernetes: { deployment: web }
`);

let world: KubernetesWorld;
const canaryPods = () => world.pods(`app=web,${TRACK}=canary`);
/** What the Service's selector (app=web) picks: the image each pod runs. */
const behindService = async () =>
  (await world.pods('app=web')).map((p) => p.status?.containerStatuses?.find((c) => c.name === 'app')?.imageID).sort();

function expectClean(r: ActionRun) {
  expect(errorsOf(r)).toEqual([]);
  expect(r.exitCode).toBe(0);
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
}

describeWithStack(
  'strategy canary: dist/deploy and dist/rollback against a Kubernetes control plane',
  ['kubernetes'],
  () => {
    beforeAll(async () => {
      world = await startKubernetesWorld(CONFIG, [
        // A progress deadline of a few seconds, which the canary inherits: a canary that cannot come up fails fast.
        deploymentSpec('web', V0, { replicas: 3, progressDeadlineSeconds: 4 }),
      ]);
      await world.cluster.admin.api.create(`/api/v1/namespaces/${NS}/services`, {
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      });
      await world.cluster.admin.api.create(`/api/v1/namespaces/${NS}/services`, {
        metadata: { name: 'other' },
        spec: { selector: { app: 'other' }, ports: [{ port: 80, targetPort: 8080 }] },
      });
    }, 300_000);

    afterAll(async () => {
      await world?.stop();
    }, 60_000);

    it('puts a release up as web-canary beside the stable pods, behind the same Service, labelled by track', async () => {
      const generation = (await world.getDeployment('web')).metadata.generation;
      const r = await world.deploy('production', { image: V1 });
      expectClean(r);
      expect(r.outputs).toMatchObject({ canary: 'deployed', ref: V1, 'previous-ref': V0, version: 'v1' });
      const id = Number(r.outputs['deployment-id']);
      expect(world.statesOf(id)).toEqual(['in_progress', 'success']);
      expect(world.payloadOf(id)).toMatchObject({ image: V1, target: 'kubernetes' });

      const canary = await world.getDeployment('web-canary');
      expect(canary.spec.replicas).toBe(1);
      expect(canary.spec.selector.matchLabels).toEqual({ app: 'web', [TRACK]: 'canary' });
      expect(canary.spec.template.metadata?.labels).toEqual({ app: 'web', [TRACK]: 'canary' });
      expect(canary.spec.template.metadata?.annotations).toMatchObject({ 'paved.dev/deployment-id': String(id) });
      expect(canary.metadata.annotations?.['kubernetes.io/change-cause']).toBe(
        `paved deployment ${id}: v1 canary in production`,
      );
      // The sidecar is the stable one's; only the service's container runs the release.
      expect(canary.spec.template.spec.containers.map((c) => c.image)).toEqual([V1, image('proxy', 'f')]);
      expect((await canaryPods()).map((p) => p.status?.containerStatuses?.[0]?.imageID)).toEqual([V1]);
      // The Service selects three stable pods and the canary's one; the Deployment was not touched.
      expect(await behindService()).toEqual([V0, V0, V0, V1]);
      expect((await world.getDeployment('web')).metadata.generation).toBe(generation);
      expect(r.log).toContain(`web-canary: 1 pod(s) labelled ${TRACK}=canary beside web's 3`);
      expect(await world.leaseStatus('paved-shop-production')).toBe(404);
    });

    it('promotes the canary: the Deployment rolls out to its digest through the rolling path, the canary goes', async () => {
      const r = await world.deploy('production', { image: V1, canary: 'promote' });
      expectClean(r);
      expect(r.outputs).toMatchObject({ canary: 'promoted', ref: V1 });
      const id = Number(r.outputs['deployment-id']);
      expect(world.statesOf(id)).toEqual(['in_progress', 'success']);
      expect(await world.deploymentStatus('web-canary')).toBe(404);
      expect(await canaryPods()).toEqual([]);
      expect(await world.runningIn('web')).toEqual({ template: V1, pods: [V1] });
      expect(await behindService()).toEqual([V1, V1, V1]);
      const web = await world.getDeployment('web');
      // Stable pods are labelled as such from their first promotion, for SLO queries to tell them from the canary.
      expect(web.spec.template.metadata?.labels).toEqual({ app: 'web', [TRACK]: 'stable' });
      expect(web.metadata.annotations?.['kubernetes.io/change-cause']).toBe(`paved deployment ${id}: v1 to production`);
      expect(r.log).toMatch(/Promoting the canary: rolling web out to sha256:1{64}/);
      expect(r.log).toContain('Removed the canary web-canary');
    });

    it('refuses to promote when no canary runs the image, changing nothing in the cluster', async () => {
      const generation = (await world.getDeployment('web')).metadata.generation;
      const r = await world.deploy('production', { image: V2, canary: 'promote' });
      expect(r.exitCode).toBe(1);
      expect(errorsOf(r)).toEqual([
        expect.stringMatching(
          /^There is no canary of Deployment 'web' in namespace 'shop' to promote: .*Nothing was changed/,
        ),
      ]);
      expect((await world.getDeployment('web')).metadata.generation).toBe(generation);
      expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
    });

    it('rejects the canary when the gate fails: the rollback the stage runs removes it, the Deployment untouched', async () => {
      const canary = await world.deploy('production', { image: V2 });
      expectClean(canary);
      expect(await behindService()).toEqual([V1, V1, V1, V2]);
      const generation = (await world.getDeployment('web')).metadata.generation;

      const r = await world.rollback('production', {
        reason: 'The deploy quality gate judged the release fail (score 0.12): error ratio rose',
      });
      expectClean(r);
      expect(r.outputs).toMatchObject({ 'from-ref': V2, 'to-ref': V1 });
      expect(r.log).toContain(`Rejecting the canary web-canary (${V2})`);
      expect(await world.deploymentStatus('web-canary')).toBe(404);
      expect(await behindService()).toEqual([V1, V1, V1]);
      expect((await world.getDeployment('web')).metadata.generation).toBe(generation);
      const id = Number(r.outputs['deployment-id']);
      expect(world.statesOf(id)).toEqual(['in_progress', 'success']);
      expect(world.payloadOf(id)).toMatchObject({ image: V1, reason: expect.stringContaining('quality gate') });
    });

    it("removes a canary whose pods crash-loop, recording failure with the pods' reason", async () => {
      const crashing = failingImage(REPOSITORY, 'crash', '3');
      const generation = (await world.getDeployment('web')).metadata.generation;
      const r = await world.deploy('production', { image: crashing });
      expect(r.exitCode).toBe(1);
      const [error] = errorsOf(r);
      expect(errorsOf(r)).toHaveLength(1);
      expect(error).toMatch(/^Deployment 'web-canary' exceeded its progress deadline/);
      expect(error).toMatch(/Pods: web-canary-[a-z0-9]+-[a-z0-9]+\/app: CrashLoopBackOff/);
      expect(error).toContain('The canary was removed; web serves as before.');
      const id = Number(r.outputs['deployment-id']);
      expect(world.statesOf(id)).toEqual(['in_progress', 'failure']);
      expect(await world.deploymentStatus('web-canary')).toBe(404);
      expect((await world.getDeployment('web')).metadata.generation).toBe(generation);
      expect(await behindService()).toEqual([V1, V1, V1]);
      expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
    }, 120_000);

    it('refuses a canary the Service in front would send no traffic to, naming the key', async () => {
      const r = await world.deploy('elsewhere', { image: V2 });
      expect(r.exitCode).toBe(1);
      expect(errorsOf(r)).toEqual([
        expect.stringMatching(
          /^Service 'other' in namespace 'shop' does not select the pods of Deployment 'web' .*set kubernetes.service/,
        ),
      ]);
      expect(await world.deploymentStatus('web-canary')).toBe(404);
    });

    it('refuses canary: promote for an environment without strategy canary', async () => {
      const before = world.gh.state.deployments.length;
      const r = await world.deploy('rolling', { image: V1, canary: 'promote' });
      expect(r.exitCode).toBe(1);
      expect(errorsOf(r)).toEqual([
        expect.stringMatching(/^Input 'canary' is promote, but environment 'rolling' does not use .*strategy canary/),
      ]);
      expect(world.gh.state.deployments.length).toBe(before);
    });
  },
);
