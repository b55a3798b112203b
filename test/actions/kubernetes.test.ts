// paved/deploy and paved/rollback end to end with the kubernetes target: the built bundles, run
// as the runner runs them, against the local control plane (etcd, apiserver with RBAC,
// controllers, scheduler, kwok nodes) and the GitHub emulator as the deployment ledger.
import { readdirSync } from 'node:fs';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { describeWithStack, startKubernetesCluster, type KubernetesCluster } from '@paved/stack';
import { hasStackTrace, runAction, type ActionRun } from '@paved/test-support/harness';
import { makeWorkspace, temporaryDirectory } from '@paved/test-support/workspace';
import { startTogether } from '@paved/test-support/servers';
import { deploymentSpec as twoContainerSpec, image, kubernetesConfig, NS, V0, V1, V2 } from './kubernetes-fixture.js';

const RUNS = 'https://github.com/acme/shop/actions/runs';
const V3 = image('v3', '3');

let cluster: KubernetesCluster;
let gh: GitHubEmulator;
let workspace: string;

const CONFIG = kubernetesConfig(`  staging:
    url: https://staging.shop.example.com
    kubernetes: { deployment: web, service: web }
  short:
    kubernetes: { deployment: short }
  stuck:
    kubernetes: { deployment: stuck, timeout: 45s }
  slow:
    kubernetes: { deployment: slow, timeout: 3m }
  tardy:
    kubernetes: { deployment: tardy, timeout: 5s }
  nons:
    kubernetes: { namespace: nowhere, deployment: web }
  nodeploy:
    kubernetes: { deployment: nothing }
  nocontainer:
    kubernetes: { deployment: web, container: worker }
`);

interface Deployment {
  metadata: { generation: number; annotations?: Record<string, string> };
  spec: {
    template: { metadata?: { annotations?: Record<string, string> }; spec: { containers: Array<{ image: string }> } };
  };
  status?: { observedGeneration?: number; updatedReplicas?: number; availableReplicas?: number; replicas?: number };
}
interface ReplicaSet {
  metadata: { name: string; annotations?: Record<string, string>; ownerReferences?: Array<{ name: string }> };
  spec: { replicas?: number; template: { spec: { containers: Array<{ image: string }> } } };
}
interface Pod {
  metadata: { name: string; labels?: Record<string, string> };
  status?: { containerStatuses?: Array<{ imageID: string; ready: boolean }> };
}

/** A Deployment of the app container and a sidecar, running V0. */
const deploymentSpec = (name: string, extra: Record<string, unknown> = {}) => twoContainerSpec(name, V0, extra);

const api = () => cluster.admin.api;
const getDeployment = (name: string) => api().get<Deployment>(`/apis/apps/v1/namespaces/${NS}/deployments/${name}`);
const replicaSets = async (name: string) =>
  (await api().get<{ items: ReplicaSet[] }>(`/apis/apps/v1/namespaces/${NS}/replicasets?labelSelector=app%3D${name}`))
    .items;
const pods = async (name: string) =>
  (await api().get<{ items: Pod[] }>(`/api/v1/namespaces/${NS}/pods?labelSelector=app%3D${name}`)).items;
const leasePath = (name: string) => `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases/${name}`;

interface RunOptions {
  runId?: number;
  env?: Record<string, string>;
  tempDir?: string;
  onOutput?: (chunk: string) => void;
}

function run(
  action: 'deploy' | 'rollback',
  environment: string,
  inputs: Record<string, string>,
  options: RunOptions = {},
): Promise<ActionRun> {
  return runAction(action, {
    inputs: { environment, ...inputs },
    workspace,
    // The runner's current context: what a step after azure/k8s-set-context or a self-hosted runner has.
    env: { KUBECONFIG: cluster.admin.kubeconfigPath, GITHUB_TRIGGERING_ACTOR: 'mona', ...options.env },
    ...(options.tempDir ? { tempDir: options.tempDir } : {}),
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    timeoutMs: 300_000,
    github: { apiUrl: gh.url, ...(options.runId ? { runId: options.runId } : {}) },
  });
}

const deploy = (environment: string, inputs: Record<string, string>, options: RunOptions = {}) =>
  run('deploy', environment, inputs, options);
const rollback = (environment: string, inputs: Record<string, string> = {}, options: RunOptions = {}) =>
  run('rollback', environment, inputs, options);

const errorsOf = (r: ActionRun) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const warningsOf = (r: ActionRun) => r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
const statesOf = (id: number) => gh.state.deploymentStatuses.filter((s) => s.deploymentId === id).map((s) => s.state);
const statusesOf = (id: number) => gh.state.deploymentStatuses.filter((s) => s.deploymentId === id);
const payloadOf = (id: number) => {
  const p = gh.state.deployments.find((d) => d.id === id)!.payload;
  return (typeof p === 'string' ? JSON.parse(p) : p) as Record<string, unknown>;
};
const counts = () => ({ deployments: gh.state.deployments.length, statuses: gh.state.deploymentStatuses.length });
const phasesOf = (r: ActionRun) => [...r.log.matchAll(/^phase ([\w-]+): \d+ms/gm)].map((m) => m[1]);

/** What runs in a Deployment: the template's app image and the digests its pods report. */
async function runningIn(name: string) {
  const d = await getDeployment(name);
  const images = new Set((await pods(name)).map((p) => p.status?.containerStatuses?.[0]?.imageID));
  return { template: d.spec.template.spec.containers[0]?.image, pods: [...images] };
}

/** One clear error, nothing recorded, the Deployment untouched. */
async function expectRefused(r: ActionRun, message: RegExp, before: ReturnType<typeof counts>, generation?: number) {
  expect(r.exitCode).toBe(1);
  expect(errorsOf(r)).toEqual([expect.stringMatching(message)]);
  expect(counts()).toEqual(before);
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  if (generation !== undefined) expect((await getDeployment('web')).metadata.generation).toBe(generation);
}

describeWithStack('dist/deploy and dist/rollback against a Kubernetes control plane', ['kubernetes'], () => {
  beforeAll(async () => {
    [cluster, gh] = await startTogether(
      startKubernetesCluster({ nodes: 2 }),
      startGitHubEmulator({ autoCreate: true }),
    );
    await api().create('/api/v1/namespaces', { metadata: { name: NS } });
    const deployments = `/apis/apps/v1/namespaces/${NS}/deployments`;
    await api().create(deployments, deploymentSpec('web'));
    await api().create(deployments, deploymentSpec('short', { revisionHistoryLimit: 1 }));
    await api().create(deployments, deploymentSpec('stuck', { progressDeadlineSeconds: 3 }));
    // The default progress deadline (600 s): only the rollout timeout can end a stuck rollout.
    await api().create(deployments, deploymentSpec('tardy'));
    // Pods count as available only after 8 s ready: a rollout long enough to lose the API server in.
    await api().create(deployments, deploymentSpec('slow', { minReadySeconds: 8 }));
    workspace = makeWorkspace({ '.github/paved.yml': CONFIG });
  }, 300_000);

  afterAll(async () => {
    await Promise.allSettled([cluster?.stop(), gh?.stop()]);
  }, 60_000);

  it('deploys a first release: the exact digest, its change cause, recorded, read back from the pods', async () => {
    const r = await deploy('staging', { image: V1 });
    expect(errorsOf(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
    const id = Number(r.outputs['deployment-id']);
    expect(r.outputs).toMatchObject({
      version: 'v1',
      ref: V1,
      'previous-ref': V0,
      url: 'https://staging.shop.example.com',
    });
    expect(payloadOf(id)).toMatchObject({ image: V1, digest: `sha256:${'1'.repeat(64)}`, target: 'kubernetes' });
    expect(statesOf(id)).toEqual(['in_progress', 'success']);

    const web = await getDeployment('web');
    expect(web.metadata.annotations?.['kubernetes.io/change-cause']).toBe(`paved deployment ${id}: v1 to staging`);
    expect(web.spec.template.metadata?.annotations).toMatchObject({
      'paved.dev/deployment-id': String(id),
      'paved.dev/version': 'v1',
    });
    expect(await runningIn('web')).toEqual({ template: V1, pods: [V1] });
    expect(phasesOf(r)).toEqual(['lock', 'record', 'start', 'health', 'verify']);
    // The Lease is gone once the deploy ends.
    expect((await api().request('GET', leasePath('paved-shop-staging'))).status).toBe(404);
    expect(r.summary).toContain('Deployed v1 to staging');
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  });

  it('rolls a new digest out as kubectl rollout status waits for it, previous release named', async () => {
    const r = await deploy('staging', { image: V2 });
    expect(errorsOf(r)).toEqual([]);
    expect(r.outputs).toMatchObject({ version: 'v2', ref: V2, 'previous-ref': V1 });
    const id = Number(r.outputs['deployment-id']);
    expect(statesOf(id)).toEqual(['in_progress', 'success']);
    expect(await runningIn('web')).toEqual({ template: V2, pods: [V2] });
    expect(r.log).toMatch(/web: successfully rolled out \(2 available\)/);
    const causes = (await replicaSets('web')).map((rs) => rs.metadata.annotations?.['kubernetes.io/change-cause']);
    expect(causes).toEqual(expect.arrayContaining([`paved deployment ${id}: v2 to staging`]));
  });

  it('lets exactly one of two concurrent deploys take the Lease; the other is refused, naming the holder', async () => {
    const before = gh.state.deployments.length;
    const [a, b] = await Promise.all([
      deploy('staging', { image: V3 }, { runId: 7001 }),
      deploy('staging', { image: V3 }, { runId: 7002 }),
    ]);
    const won = [a, b].filter((r) => r.exitCode === 0);
    const lost = [a, b].filter((r) => r.exitCode !== 0);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = a.exitCode === 0 ? 7001 : 7002;
    expect(errorsOf(lost[0]!)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^shop in staging \\(Lease shop/paved-shop-staging\\) is locked by another deploy: ${RUNS}/${winner} .*Nothing was changed`,
        ),
      ),
    ]);
    expect(gh.state.deployments.length).toBe(before + 1);
    expect(await runningIn('web')).toEqual({ template: V3, pods: [V3] });
  });

  it('takes over a Lease older than lock-timeout with a warning', async () => {
    const old = new Date(Date.now() - 2 * 3_600_000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    await api().create(`/apis/coordination.k8s.io/v1/namespaces/${NS}/leases`, {
      metadata: { name: 'paved-shop-staging' },
      spec: { holderIdentity: `${RUNS}/999`, leaseDurationSeconds: 1800, acquireTime: old, renewTime: old },
    });
    const r = await deploy('staging', { image: V2 });
    expect(errorsOf(r)).toEqual([]);
    expect(warningsOf(r)).toEqual(
      expect.arrayContaining([expect.stringContaining(`Took over the deploy lock held by ${RUNS}/999`)]),
    );
    expect(await runningIn('web')).toEqual({ template: V2, pods: [V2] });
    expect((await api().request('GET', leasePath('paved-shop-staging'))).status).toBe(404);
  });

  it('rolls back fast to the ReplicaSet that ran the release, still in the revision history', async () => {
    const v3Set = (await replicaSets('web')).find((rs) => rs.spec.template.spec.containers[0]?.image === V3)!;
    const setsBefore = (await replicaSets('web')).length;
    const r = await rollback('staging', { reason: 'v2 again was a mistake' });
    expect(errorsOf(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ 'from-ref': V2, 'to-ref': V3 });
    expect(r.log).toContain(`to revision`);
    expect(r.log).toContain(`(ReplicaSet ${v3Set.metadata.name}), which ran it`);
    // No new ReplicaSet: the kept one is scaled back up.
    expect((await replicaSets('web')).length).toBe(setsBefore);
    expect((await replicaSets('web')).find((rs) => rs.metadata.name === v3Set.metadata.name)?.spec.replicas).toBe(2);
    expect(await runningIn('web')).toEqual({ template: V3, pods: [V3] });
    const id = Number(r.outputs['deployment-id']);
    expect(statesOf(id)).toEqual(['in_progress', 'success']);
    expect(payloadOf(id)).toMatchObject({ image: V3, target: 'kubernetes', reason: 'v2 again was a mistake' });
    expect((await getDeployment('web')).metadata.annotations?.['kubernetes.io/change-cause']).toBe(
      `paved deployment ${id}: rollback to v3 in staging`,
    );
    expect(r.summary).toMatch(/fast path|retained|kept/i);
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  });

  it('rolls back to a release whose ReplicaSet fell out of the history by rolling out to it again', async () => {
    const ids: number[] = [];
    for (const ref of [V1, V2, V3]) {
      const r = await deploy('short', { image: ref });
      expect(errorsOf(r)).toEqual([]);
      ids.push(Number(r.outputs['deployment-id']));
    }
    // revisionHistoryLimit 1: only v2's ReplicaSet is kept beside v3's.
    const images = (await replicaSets('short')).map((rs) => rs.spec.template.spec.containers[0]?.image).sort();
    expect(images).toEqual([V2, V3]);
    const r = await rollback('short', { to: String(ids[0]), reason: 'back to the first release' });
    expect(errorsOf(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.log).toContain('is left in its revision history: rolling out to it anew');
    expect(await runningIn('short')).toEqual({ template: V1, pods: [V1] });
    expect(statesOf(Number(r.outputs['deployment-id']))).toEqual(['in_progress', 'success']);
  });

  it("undoes a rollout that never becomes ready, recording failure with the pods' reason", async () => {
    const first = await deploy('stuck', { image: V1 });
    expect(errorsOf(first)).toEqual([]);
    // No node takes new pods: the new ReplicaSet's pods stay Pending, the old ones keep serving.
    const cordon = (unschedulable: boolean) =>
      Promise.all(cluster.nodeNames.map((node) => api().patch(`/api/v1/nodes/${node}`, { spec: { unschedulable } })));
    await cordon(true);
    let r: ActionRun;
    try {
      r = await deploy('stuck', { image: V2 });
    } finally {
      await cordon(false);
    }
    expect(r.exitCode).toBe(1);
    const [error] = errorsOf(r);
    expect(errorsOf(r)).toHaveLength(1);
    expect(error).toMatch(/^Deployment 'stuck' exceeded its progress deadline/);
    expect(error).toMatch(/Pods: stuck-[a-z0-9]+-[a-z0-9]+: Unschedulable \(0\/2 nodes are available/);
    expect(error).toContain('Undone to the ReplicaSet that ran before');
    const id = Number(r.outputs['deployment-id']);
    expect(statesOf(id)).toEqual(['in_progress', 'failure']);
    expect(statusesOf(id).at(-1)?.description).toMatch(/^Deployment 'stuck' exceeded its progress deadline/);
    expect(await runningIn('stuck')).toEqual({ template: V1, pods: [V1] });
    expect(r.summary).toContain('Unschedulable');
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  }, 120_000);

  it('undoes a rollout still unfinished when the timeout ends, naming the pods that could not start', async () => {
    const first = await deploy('tardy', { image: V1 });
    expect(errorsOf(first)).toEqual([]);
    const cordon = (unschedulable: boolean) =>
      Promise.all(cluster.nodeNames.map((node) => api().patch(`/api/v1/nodes/${node}`, { spec: { unschedulable } })));
    await cordon(true);
    let r: ActionRun;
    try {
      r = await deploy('tardy', { image: V2 });
    } finally {
      await cordon(false);
    }
    expect(r.exitCode).toBe(1);
    expect(errorsOf(r)).toEqual([
      expect.stringMatching(
        /^Deployment 'tardy' did not finish rolling out within 5 s \(.*\)\. Pods: tardy-[a-z0-9-]+: Unschedulable .*Undone to the ReplicaSet that ran before/,
      ),
    ]);
    expect(statesOf(Number(r.outputs['deployment-id']))).toEqual(['in_progress', 'failure']);
    expect(await runningIn('tardy')).toEqual({ template: V1, pods: [V1] });
  }, 120_000);

  it('rides out the API server going away mid-rollout and finishes once it is back', async () => {
    const first = await deploy('slow', { image: V1 });
    expect(errorsOf(first)).toEqual([]);
    let outage: Promise<void> | undefined;
    const r = await deploy(
      'slow',
      { image: V2 },
      {
        onOutput: (chunk) => {
          // Once the rollout is under way: the API server stops for a few seconds, then comes back.
          if (!outage && /^slow: /m.test(chunk)) {
            outage = (async () => {
              await cluster.stopApiserver();
              await new Promise((resolve) => setTimeout(resolve, 4_000));
              await cluster.startApiserver();
            })();
          }
        },
      },
    );
    await outage;
    expect(r.log).toMatch(/^slow: /m);
    expect(outage).toBeDefined();
    expect(errorsOf(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(warningsOf(r)).toEqual([
      expect.stringMatching(
        /^The Kubernetes API server https:\/\/127\.0\.0\.1:\d+ is unreachable .*still waiting for the rollout until the timeout$/,
      ),
    ]);
    expect(statesOf(Number(r.outputs['deployment-id']))).toEqual(['in_progress', 'success']);
    expect(await runningIn('slow')).toEqual({ template: V2, pods: [V2] });
    expect((await api().request('GET', leasePath('paved-shop-slow'))).status).toBe(404);
  }, 240_000);

  it('refuses with the verb and resource a kubeconfig without the RBAC lacks, changing nothing', async () => {
    const user = await cluster.mintUser({ user: 'paved-reader', namespace: NS });
    await api().create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/roles`, {
      metadata: { name: 'read-deployments' },
      rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] }],
    });
    await api().create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`, {
      metadata: { name: 'paved-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read-deployments' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'paved-reader' }],
    });
    for (let i = 0; i < 100; i++) {
      if ((await user.api.request('GET', `/apis/apps/v1/namespaces/${NS}/deployments/web`)).status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const generation = (await getDeployment('web')).metadata.generation;
    const before = counts();
    const tempDir = temporaryDirectory('paved-runner-temp-');
    const r = await deploy('staging', { image: V1, kubeconfig: user.kubeconfig }, { env: { KUBECONFIG: '' }, tempDir });
    await expectRefused(
      r,
      /User "paved-reader" cannot create resource "leases" in API group "coordination.k8s.io" in the namespace "shop".*Grant that verb/,
      before,
      generation,
    );
    // The kubeconfig's key is masked and never written under RUNNER_TEMP.
    const key =
      /client-key-data: (\S+)/.exec(user.kubeconfig)?.[1] ??
      JSON.parse(user.kubeconfig).users[0].user['client-key-data'];
    expect(r.masks).toContain(key);
    expect(r.log + r.stderr + r.summary).not.toContain(key);
    expect(readdirSync(tempDir).filter((f) => /kube/.test(f))).toEqual([]);
  });

  it.each([
    ['nons', {}, /^Namespace 'nowhere' was not found in the cluster/],
    ['nodeploy', {}, /^Deployment 'nothing' in namespace 'shop' was not found in the cluster/],
    ['nocontainer', {}, /^Deployment 'web' in namespace 'shop' has no container 'worker' \(it has: app, proxy\)/],
    [
      'staging',
      { kubeconfig: 'apiVersion: v1\nclusters: [unclosed' },
      /^The kubeconfig \(input 'kubeconfig'\) does not parse as YAML/,
    ],
    [
      'staging',
      { kubeconfig: 'apiVersion: v1\nkind: Config\ncurrent-context: nope\ncontexts: []\n' },
      /^The kubeconfig \(input 'kubeconfig'\) has no context named 'nope'/,
    ],
  ])('refuses %s %p with one error naming what is wrong, changing nothing', async (environment, inputs, message) => {
    const generation = (await getDeployment('web')).metadata.generation;
    const before = counts();
    const r = await deploy(environment, { image: V1, ...inputs });
    await expectRefused(r, message, before, generation);
  });
});
