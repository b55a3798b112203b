import { readFile, readdir, readlink } from 'node:fs/promises';
import {
  CRASH_ANNOTATION,
  failingImage,
  IMAGE_PULL_ERROR_ANNOTATION,
  NEVER_READY_ANNOTATION,
  describeWithStack,
  startKubernetesCluster,
  type KubeApi,
  type KubernetesCluster,
} from '../src/index.js';
import { waitUntil } from '../src/process/wait-until.js';

const NAMESPACE = 'paved-stack-test';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const IMAGE = `127.0.0.1:5000/paved/app@${DIGEST}`;

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

interface ContainerStatus {
  name: string;
  ready: boolean;
  image: string;
  imageID: string;
  restartCount: number;
  state: { running?: object; waiting?: { reason: string; message?: string } };
  lastState?: { terminated?: { exitCode: number; reason: string } };
}

interface Pod {
  metadata: { name: string };
  spec: { nodeName?: string };
  status: { phase: string; conditions?: Condition[]; containerStatuses?: ContainerStatus[] };
}

interface Deployment {
  metadata: { generation: number };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: Condition[];
  };
}

function deployment(
  name: string,
  replicas: number,
  podAnnotations: Record<string, string> = {},
  podSpec = {},
  image = IMAGE,
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations: podAnnotations },
        spec: { containers: [{ name: 'app', image }], ...podSpec },
      },
    },
  };
}

async function podsOf(api: KubeApi, app: string): Promise<Pod[]> {
  const list = await api.get<{ items: Pod[] }>(
    `/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=${encodeURIComponent(`app=${app}`)}`,
  );
  return list.items;
}

describeWithStack(
  'local Kubernetes control plane (etcd, apiserver, controllers, scheduler, kwok)',
  ['kubernetes'],
  () => {
    let cluster: KubernetesCluster;
    let api: KubeApi;

    beforeAll(async () => {
      cluster = await startKubernetesCluster({ nodes: 3 });
      api = cluster.admin.api;
      await api.create('/api/v1/namespaces', { metadata: { name: NAMESPACE } });
      await waitUntil(
        async () =>
          (await api.request('GET', `/api/v1/namespaces/${NAMESPACE}/serviceaccounts/default`)).status === 200
            ? true
            : undefined,
        { what: `the default ServiceAccount in ${NAMESPACE}`, timeoutMs: 60_000, intervalMs: 250 },
      );
    }, 300_000);

    afterAll(async () => {
      await cluster?.stop();
    }, 60_000);

    test('comes up on loopback with RBAC on and kwok nodes Ready', async () => {
      const version = await api.get<{ gitVersion: string }>('/version');
      expect(version.gitVersion).toBe(cluster.version);
      expect(cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

      const nodes = await api.get<{
        items: Array<{ metadata: { name: string }; status: { conditions: Condition[] } }>;
      }>('/api/v1/nodes');
      expect(nodes.items.map((n) => n.metadata.name).sort()).toEqual([...cluster.nodeNames].sort());
      for (const node of nodes.items) {
        expect(node.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
      }

      // RBAC is what decides: an authenticated user without bindings is refused, not let through.
      const nobody = await cluster.mintUser({ user: 'paved-nobody' });
      const refused = await nobody.api.request<{ reason: string }>('GET', '/api/v1/nodes');
      expect(refused.status).toBe(403);

      // Every component listens only on 127.0.0.1.
      const listening = await listeningAddresses();
      const ports = [...listening].filter(([, pid]) => cluster.components.some((c) => c.pid === pid));
      expect(ports.length).toBeGreaterThanOrEqual(cluster.components.length - 1);
      for (const [address] of ports) expect(address).toMatch(/^127\.0\.0\.1:/);
    });

    test('a Deployment rolls out to Ready on kwok nodes, its pods reporting the image digest', async () => {
      await api.create(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments`, deployment('web', 3));
      const status = await waitUntil(
        async () => {
          const d = await api.get<Deployment>(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments/web`);
          const s = d.status;
          const done =
            (s.observedGeneration ?? 0) >= d.metadata.generation &&
            s.updatedReplicas === 3 &&
            s.readyReplicas === 3 &&
            s.availableReplicas === 3;
          return done ? s : undefined;
        },
        { what: 'deployment web to be available', timeoutMs: 90_000, intervalMs: 250 },
      );
      expect(status.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');
      expect(status.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');

      const pods = await podsOf(api, 'web');
      expect(pods).toHaveLength(3);
      for (const pod of pods) {
        expect(cluster.nodeNames).toContain(pod.spec.nodeName);
        expect(pod.status.phase).toBe('Running');
        expect(pod.status.containerStatuses?.[0]).toMatchObject({ ready: true, image: IMAGE, imageID: IMAGE });
      }
    }, 120_000);

    test('a pod that never becomes ready makes the Deployment exceed its progress deadline', async () => {
      const spec = deployment('never-ready', 2, { [NEVER_READY_ANNOTATION]: 'true' });
      await api.create(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments`, {
        ...spec,
        spec: { ...spec.spec, progressDeadlineSeconds: 3 },
      });
      const progressing = await waitUntil(
        async () => {
          const d = await api.get<Deployment>(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments/never-ready`);
          const condition = d.status.conditions?.find((c) => c.type === 'Progressing');
          return condition?.reason === 'ProgressDeadlineExceeded' ? condition : undefined;
        },
        { what: 'ProgressDeadlineExceeded on never-ready', timeoutMs: 90_000, intervalMs: 500 },
      );
      expect(progressing.status).toBe('False');
      expect(progressing.message).toMatch(/has timed out progressing/);

      const pods = await podsOf(api, 'never-ready');
      expect(pods).toHaveLength(2);
      for (const pod of pods) {
        expect(pod.status.phase).toBe('Running');
        expect(pod.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
        expect(pod.status.containerStatuses?.[0]?.ready).toBe(false);
      }
    }, 120_000);

    test('crash and image-pull stages give the containers the reasons a kubelet reports', async () => {
      await api.create(
        `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
        deployment('crashing', 1, { [CRASH_ANNOTATION]: 'true' }),
      );
      await api.create(
        `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
        deployment('unpullable', 1, { [IMAGE_PULL_ERROR_ANNOTATION]: 'true' }),
      );
      const statusOf = (app: string) =>
        waitUntil(
          async () => {
            const [pod] = await podsOf(api, app);
            const container = pod?.status.containerStatuses?.[0];
            return pod && container?.state.waiting ? { pod, container } : undefined;
          },
          { what: `a waiting container in ${app}`, timeoutMs: 60_000, intervalMs: 250 },
        );

      const crashing = await statusOf('crashing');
      expect(crashing.pod.status.phase).toBe('Running');
      expect(crashing.container.state.waiting?.reason).toBe('CrashLoopBackOff');
      expect(crashing.container.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
      expect(crashing.container.restartCount).toBeGreaterThan(0);

      const unpullable = await statusOf('unpullable');
      expect(unpullable.pod.status.phase).toBe('Pending');
      expect(unpullable.container.state.waiting?.reason).toBe('ErrImagePull');
      expect(unpullable.container.state.waiting?.message).toContain(IMAGE);
    }, 90_000);

    test('an image whose digest carries a failure marker fails its pods the same way, no annotation needed', async () => {
      const crashImage = failingImage('127.0.0.1:5000/paved/app', 'crash');
      const pullImage = failingImage('127.0.0.1:5000/paved/app', 'imagePullError');
      await api.create(
        `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
        deployment('crash-by-image', 1, {}, {}, crashImage),
      );
      await api.create(
        `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
        deployment('pull-by-image', 1, {}, {}, pullImage),
      );
      const waiting = (app: string) =>
        waitUntil(
          async () => {
            const [pod] = await podsOf(api, app);
            return pod?.status.containerStatuses?.[0]?.state.waiting;
          },
          { what: `a waiting container in ${app}`, timeoutMs: 60_000, intervalMs: 250 },
        );
      expect((await waiting('crash-by-image')).reason).toBe('CrashLoopBackOff');
      expect((await waiting('pull-by-image')).reason).toBe('ErrImagePull');
    }, 90_000);

    test('the scheduler leaves a pod no node can take Pending and Unschedulable', async () => {
      await api.create(
        `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
        deployment('nowhere', 1, {}, { nodeSelector: { 'paved.test/pool': 'none' } }),
      );
      const condition = await waitUntil(
        async () => {
          const [pod] = await podsOf(api, 'nowhere');
          const scheduled = pod?.status.conditions?.find((c) => c.type === 'PodScheduled');
          return scheduled?.status === 'False' ? scheduled : undefined;
        },
        { what: 'PodScheduled=False on nowhere', timeoutMs: 60_000, intervalMs: 250 },
      );
      expect(condition.reason).toBe('Unschedulable');
      expect(condition.message).toMatch(/didn't match Pod's node affinity\/selector/);
    }, 90_000);

    test('a restricted user gets 403 naming the verb and resource it lacks', async () => {
      const user = await cluster.mintUser({ user: 'paved-deployer', namespace: NAMESPACE });
      await api.create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}/roles`, {
        metadata: { name: 'read-deployments' },
        rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] }],
      });
      await api.create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}/rolebindings`, {
        metadata: { name: 'paved-deployer-reads' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read-deployments' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'paved-deployer' }],
      });
      expect(user.kubeconfig).toContain('client-certificate-data');
      const onDisk = await readFile(user.kubeconfigPath, 'utf8');
      expect(JSON.parse(onDisk)).toMatchObject({ 'current-context': 'paved-deployer@paved-test' });

      // The binding takes effect once the apiserver's RBAC cache has it; poll the allowed read.
      await waitUntil(
        async () =>
          (await user.api.request('GET', `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/web`)).status === 200
            ? true
            : undefined,
        { what: 'the RoleBinding to take effect', timeoutMs: 30_000, intervalMs: 200 },
      );
      const patch = await user.api.request<{ reason: string; message: string; details: { kind: string } }>(
        'PATCH',
        `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/web`,
        { metadata: { annotations: { 'paved.test/touched': 'yes' } } },
        'merge',
      );
      expect(patch.status).toBe(403);
      expect(patch.body.reason).toBe('Forbidden');
      expect(patch.body.message).toContain('User "paved-deployer" cannot patch resource "deployments"');
      expect(patch.body.message).toContain(`in API group "apps" in the namespace "${NAMESPACE}"`);

      const lease = await user.api.request<{ message: string }>(
        'POST',
        `/apis/coordination.k8s.io/v1/namespaces/${NAMESPACE}/leases`,
        { metadata: { name: 'paved-lock' }, spec: { holderIdentity: 'x' } },
      );
      expect(lease.status).toBe(403);
      expect(lease.body.message).toContain('cannot create resource "leases" in API group "coordination.k8s.io"');
    }, 60_000);

    test('the apiserver can be taken away and brought back with the cluster state intact', async () => {
      const before = cluster.components.find((c) => c.name === 'kube-apiserver')?.pid;
      await cluster.stopApiserver();
      await expect(api.request('GET', '/version')).rejects.toThrow(/ECONNREFUSED/);
      await cluster.startApiserver();
      expect(cluster.components.find((c) => c.name === 'kube-apiserver')?.pid).not.toBe(before);
      const web = await api.get<Deployment>(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments/web`);
      expect(web.status.availableReplicas).toBe(3);
    }, 180_000);
  },
);

/** Listening TCP sockets as "address:port" → owning PID, from /proc (no ss/netstat needed). */
async function listeningAddresses(): Promise<Map<string, number>> {
  const inodes = new Map<string, string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = (await readFile(file, 'utf8')).trim().split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] !== '0A') continue; // LISTEN
      inodes.set(fields[9] ?? '', decodeAddress(fields[1] ?? ''));
    }
  }
  const byAddress = new Map<string, number>();
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const address = inode ? inodes.get(inode) : undefined;
      if (address) byAddress.set(address, Number(pid));
    }
  }
  return byAddress;
}

function decodeAddress(hex: string): string {
  const [ip = '', port = ''] = hex.split(':');
  const portNumber = parseInt(port, 16);
  if (ip.length === 8) {
    const bytes =
      ip
        .match(/../g)
        ?.map((b) => parseInt(b, 16))
        .reverse() ?? [];
    return `${bytes.join('.')}:${portNumber}`;
  }
  // IPv6 (including v4-mapped): only "all zeros" and loopback matter for this check.
  if (/^0+$/.test(ip)) return `[::]:${portNumber}`;
  if (ip === '0000000000000000FFFF00000100007F') return `127.0.0.1:${portNumber}`;
  if (ip === '00000000000000000000000001000000') return `[::1]:${portNumber}`;
  return `[${ip}]:${portNumber}`;
}
