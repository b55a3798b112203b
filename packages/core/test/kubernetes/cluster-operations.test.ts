import {
  describeWithStack,
  freePort,
  IMAGE_PULL_ERROR_ANNOTATION,
  NEVER_READY_ANNOTATION,
  startKubernetesCluster,
  type KubernetesCluster,
} from '@paved/stack';
import { UserError } from '../../src/action/errors.js';
import {
  acquireLease,
  KubeClient,
  KubernetesForbiddenError,
  KubernetesNotFoundError,
  KubernetesUnavailableError,
  LeaseHeldError,
  listRevisions,
  parseKubeconfig,
  readRunning,
  resolveDeployment,
  revisionRunning,
  runsDigest,
  setImage,
  undoToRevision,
  waitForRollout,
  type DeploymentRef,
} from '../../src/kubernetes/index.js';

const NAMESPACE = 'shop';
const ref: DeploymentRef = { namespace: NAMESPACE, deployment: 'web' };
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const image = (c: string) => `127.0.0.1:5000/acme/web@${digest(c)}`;

describeWithStack('kubernetes cluster operations against a real control plane', ['kubernetes'], () => {
  let cluster: KubernetesCluster;
  let client: KubeClient;

  beforeAll(async () => {
    cluster = await startKubernetesCluster({ nodes: 2 });
    client = new KubeClient(await parseKubeconfig(cluster.admin.kubeconfig));
    const api = cluster.admin.api;
    await api.create('/api/v1/namespaces', { metadata: { name: NAMESPACE } });
    await api.create(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments`, {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'app', image: image('a') },
              { name: 'sidecar', image: image('f') },
            ],
          },
        },
      },
    });
  }, 300_000);

  afterAll(async () => {
    client?.close();
    await cluster?.stop();
  }, 60_000);

  test('names a namespace, Deployment or container that does not exist, changing nothing', async () => {
    const missingNamespace = await resolveDeployment(client, { namespace: 'nope', deployment: 'web' }).catch((e) => e);
    expect(missingNamespace).toBeInstanceOf(KubernetesNotFoundError);
    expect(missingNamespace.message).toMatch(/^Namespace 'nope' was not found/);

    const missingDeployment = await resolveDeployment(client, { namespace: NAMESPACE, deployment: 'nope' }).catch(
      (e) => e,
    );
    expect(missingDeployment).toBeInstanceOf(KubernetesNotFoundError);
    expect(missingDeployment.message).toMatch(/^Deployment 'nope' in namespace 'shop' was not found/);

    const missingContainer = await setImage(client, ref, 'nope', image('b'), 'x').catch((e) => e);
    expect(missingContainer).toBeInstanceOf(UserError);
    expect(missingContainer.message).toContain("has no container 'nope' (it has: app, sidecar)");
  });

  test('first rollout, then a new digest with its change cause; what runs is read back', async () => {
    const first = await waitForRollout(client, ref, { timeoutMs: 90_000, intervalMs: 250 });
    expect(first).toMatchObject({ state: 'complete', revision: 1 });
    const running1 = await readRunning(client, ref);
    expect(running1?.images.app).toBe(image('a'));
    expect(running1 && runsDigest(running1, 'app', digest('a'))).toBe(true);

    await setImage(client, ref, 'app', image('b'), 'paved deployment 2');
    const progress: string[] = [];
    const second = await waitForRollout(client, ref, {
      timeoutMs: 90_000,
      intervalMs: 250,
      onProgress: (line) => progress.push(line),
    });
    expect(second).toMatchObject({ state: 'complete', revision: 2 });
    expect(progress.at(-1)).toMatch(/successfully rolled out/);

    const running2 = await readRunning(client, ref);
    expect(running2).toMatchObject({ revision: 2, images: { app: image('b'), sidecar: image('f') } });
    expect(running2?.pods).toHaveLength(2);
    for (const pod of running2?.pods ?? []) expect(pod).toMatchObject({ ready: true, imageIDs: { app: image('b') } });
    expect(running2 && runsDigest(running2, 'app', digest('a'))).toBe(false);

    const history = await listRevisions(client, await resolveDeployment(client, ref));
    expect(history.map((r) => [r.revision, r.images.app, r.changeCause])).toEqual([
      [2, image('b'), 'paved deployment 2'],
      [1, image('a'), undefined],
    ]);
  }, 200_000);

  test("a rollout that never becomes ready fails on its deadline with the pods' reason, and is undone", async () => {
    await cluster.admin.api.patch(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments/web`, {
      spec: {
        progressDeadlineSeconds: 3,
        template: { metadata: { annotations: { [NEVER_READY_ANNOTATION]: 'true' } } },
      },
    });
    await setImage(client, ref, 'app', image('c'), 'paved deployment 3');
    const failed = await waitForRollout(client, ref, { timeoutMs: 90_000, intervalMs: 500 });
    expect(failed.state).toBe('failed');
    if (failed.state === 'complete') throw new Error('unreachable');
    expect(failed.message).toContain('exceeded its progress deadline');
    expect(failed.failures.length).toBeGreaterThan(0);
    expect(failed.failures.every((f) => f.reason === 'NotReady' && f.container !== undefined)).toBe(true);

    // Back to revision 2 (image b, no never-ready annotation), as rollout undo --to-revision=2.
    const undo = await undoToRevision(client, ref, 2);
    expect(undo).toMatchObject({ toRevision: 2, images: { app: image('b') } });
    const back = await waitForRollout(client, ref, { timeoutMs: 90_000, intervalMs: 250 });
    expect(back.state).toBe('complete');
    const running = await readRunning(client, ref);
    // The controller reuses revision 2's ReplicaSet and renumbers it as the newest revision.
    expect(running?.replicaSet).toBe(undo.replicaSet);
    expect(running && runsDigest(running, 'app', digest('b'))).toBe(true);
    const deployment = await resolveDeployment(client, ref);
    expect(deployment.metadata.annotations?.['kubernetes.io/change-cause']).toBe('paved deployment 2');

    // The rollback fast path finds the ReplicaSet that ran a digest while history keeps it.
    expect((await revisionRunning(client, ref, 'app', image('a')))?.revision).toBe(1);
    expect(await revisionRunning(client, ref, 'app', image('9'))).toBeUndefined();
    const gone = await undoToRevision(client, ref, 99).catch((e) => e);
    expect(gone.message).toMatch(/has no revision 99 in its history \(revisions kept: \d/);
  }, 240_000);

  test("a rollout still stuck when the timeout ends returns the pods' reasons", async () => {
    await cluster.admin.api.create(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments`, {
      metadata: { name: 'unpullable' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'unpullable' } },
        template: {
          metadata: { labels: { app: 'unpullable' }, annotations: { [IMAGE_PULL_ERROR_ANNOTATION]: 'true' } },
          spec: { containers: [{ name: 'app', image: image('e') }] },
        },
      },
    });
    const outcome = await waitForRollout(
      client,
      { namespace: NAMESPACE, deployment: 'unpullable' },
      { timeoutMs: 3_000, intervalMs: 250 },
    );
    expect(outcome.state).toBe('timeout');
    if (outcome.state === 'complete') throw new Error('unreachable');
    expect(outcome.message).toMatch(/did not finish rolling out within 3 s \(0 of 1 updated replicas are available\)/);
    expect(outcome.failures).toEqual([
      expect.objectContaining({
        container: 'app',
        reason: 'ErrImagePull',
        message: expect.stringContaining(image('e')),
      }),
    ]);
  }, 60_000);

  test('a Lease is taken atomically, refused while fresh, taken over when stale, released only by its holder', async () => {
    const options = { namespace: NAMESPACE, name: 'paved-web-production', staleAfterSeconds: 60 };
    const first = await acquireLease(client, { ...options, holder: 'https://ci/runs/1' });
    const refused = await acquireLease(client, { ...options, holder: 'https://ci/runs/2' }).catch((e) => e);
    expect(refused).toBeInstanceOf(LeaseHeldError);
    expect(refused.message).toContain('held by https://ci/runs/1');

    // Two runs that both find the lease stale race to replace it: exactly one wins.
    const later = () => new Date(Date.now() + 120_000);
    const race = await Promise.allSettled([
      acquireLease(client, { ...options, holder: 'https://ci/runs/3', now: later }),
      acquireLease(client, { ...options, holder: 'https://ci/runs/4', now: later }),
    ]);
    const winners = race.filter((r) => r.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const loser = race.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(LeaseHeldError);
    const winner = (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLease>>>).value;
    expect(winner.tookOverFrom).toBe('https://ci/runs/1');

    // The stale holder's release must not delete the new holder's lease.
    await first.release();
    const path = `/apis/coordination.k8s.io/v1/namespaces/${NAMESPACE}/leases/paved-web-production`;
    expect((await cluster.admin.api.request('GET', path)).status).toBe(200);
    await winner.release();
    expect((await cluster.admin.api.request('GET', path)).status).toBe(404);
  });

  test('a kubeconfig without the needed RBAC gets an error naming the verb and resource', async () => {
    const user = await cluster.mintUser({ user: 'paved-readonly', namespace: NAMESPACE });
    const api = cluster.admin.api;
    await api.create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}/roles`, {
      metadata: { name: 'deployments-read' },
      rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] }],
    });
    await api.create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}/rolebindings`, {
      metadata: { name: 'paved-readonly' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployments-read' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'paved-readonly' }],
    });
    const restricted = new KubeClient(await parseKubeconfig(user.kubeconfig));
    try {
      let error: unknown;
      for (let attempt = 0; attempt < 50; attempt++) {
        error = await setImage(restricted, ref, 'app', image('d'), 'x').catch((e) => e);
        // Until the RoleBinding reaches the authorizer's cache even the read is refused.
        if (!(error instanceof KubernetesForbiddenError) || error.message.includes('cannot patch')) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(error).toBeInstanceOf(KubernetesForbiddenError);
      expect((error as Error).message).toContain('User "paved-readonly" cannot patch resource "deployments"');
      expect((error as Error).message).toContain('in API group "apps" in the namespace "shop"');
    } finally {
      restricted.close();
    }
  });

  test('an API server nobody answers at is a platform error naming the server', async () => {
    const port = await freePort();
    const connection = await parseKubeconfig(cluster.admin.kubeconfig);
    const offline = new KubeClient(
      { ...connection, server: `https://127.0.0.1:${port}` },
      { retries: 1, retryDelayMs: 10 },
    );
    try {
      const error = await resolveDeployment(offline, ref).catch((e) => e);
      expect(error).toBeInstanceOf(KubernetesUnavailableError);
      expect(error.message).toContain(`https://127.0.0.1:${port} is unreachable (ECONNREFUSED after 2 attempts)`);
      expect(offline.requestCount).toBe(2);
    } finally {
      offline.close();
    }
  });

  test('the rollout wait watches the Deployment, and reads every interval where the Role may not watch', async () => {
    const api = cluster.admin.api;
    // Earlier tests shortened it; a slow machine must not fail this rollout on its deadline.
    await api.patch(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments/web`, {
      spec: { progressDeadlineSeconds: 600 },
    });
    await setImage(client, ref, 'app', image('e'), 'paved deployment 5');
    // An interval longer than the rollout: only the watch can end the wait after a single read.
    const watched = await waitForRollout(client, ref, { timeoutMs: 150_000, intervalMs: 100_000 });
    expect(watched).toMatchObject({ state: 'complete', polls: 1 });

    const user = await cluster.mintUser({ user: 'paved-nowatch', namespace: NAMESPACE });
    await api.create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}/roles`, {
      metadata: { name: 'rollout-read' },
      rules: [
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
        { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['list'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
      ],
    });
    await api.create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}/rolebindings`, {
      metadata: { name: 'paved-nowatch' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rollout-read' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'paved-nowatch' }],
    });
    const restricted = new KubeClient(await parseKubeconfig(user.kubeconfig));
    try {
      // Until the RoleBinding reaches the authorizer's cache even the read is refused.
      for (let attempt = 0; attempt < 50; attempt++) {
        const read = await restricted.request('GET', `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/web`, {
          accept: [403],
        });
        if (read.status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const refused = await restricted
        .watch(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments?watch=1`, () => true)
        .catch((e) => e);
      expect(refused).toBeInstanceOf(KubernetesForbiddenError);

      await setImage(client, ref, 'app', image('a'), 'paved deployment 6');
      const read = await waitForRollout(restricted, ref, { timeoutMs: 150_000, intervalMs: 200 });
      expect(read.state).toBe('complete');
      expect(read.polls).toBeGreaterThan(1);
      const running = await readRunning(restricted, ref, await resolveDeployment(client, ref));
      expect(running && runsDigest(running, 'app', digest('a'))).toBe(true);
    } finally {
      restricted.close();
    }
  }, 300_000);
});
