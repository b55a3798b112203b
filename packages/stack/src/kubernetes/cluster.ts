import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Daemon } from '../process/daemon.js';
import { freePorts } from '../process/free-port.js';
import { cleanOnFailure, removeStateDir, serviceDir } from '../process/state-dir.js';
import { waitUntil } from '../process/wait-until.js';
import { kubernetesBinaries } from './binaries.js';
import {
  startApiserver,
  startControllerManager,
  startEtcd,
  startKwok,
  startScheduler,
  type ControlPlaneLayout,
} from './components.js';
import { kubeApi, type KubeApi, type KubeCredentials } from './kube-api.js';
import { kubeconfigText, writeKubeconfig } from './kubeconfig.js';
import { FAKE_NODE_ANNOTATION, kwokStagesConfig } from './kwok-stages.js';
import { createPki, type ClientIdentity } from './pki.js';

export interface KubernetesClusterOptions {
  /** Parent folder for the state; default a new temporary folder. */
  dir?: string;
  /** How many kwok nodes to register; default 3. */
  nodes?: number;
  /** Readiness bound per component (the apiserver's first start builds RBAC roles); default 120 s. */
  timeoutMs?: number;
}

export interface ClusterUser {
  /** The kubeconfig as text (what a workflow would get from a secret). */
  kubeconfig: string;
  /** The same, written 0600 in the cluster's state folder. */
  kubeconfigPath: string;
  credentials: KubeCredentials;
  api: KubeApi;
}

export interface KubernetesCluster {
  readonly version: string;
  /** https://127.0.0.1:PORT */
  readonly server: string;
  readonly caPem: string;
  /** State folder, removed by stop(). */
  readonly dir: string;
  /** A system:masters user. */
  readonly admin: ClusterUser;
  readonly nodeNames: readonly string[];
  /** PIDs and log files by component name. */
  readonly components: ReadonlyArray<{ name: string; pid: number; logFile: string }>;
  /**
   * Stops the apiserver (the API becomes unreachable; etcd, controllers and kwok keep their
   * state) until `startApiserver` brings it back on the same port.
   */
  stopApiserver(): Promise<void>;
  startApiserver(): Promise<void>;
  /**
   * A kubeconfig for a user with no rights of its own (the client certificate's CN and O
   * become user and groups): grant it a Role to test RBAC.
   */
  mintUser(identity: ClientIdentity & { namespace?: string }): Promise<ClusterUser>;
  /** Stops every component (kwok first, etcd last) and removes the state folder. Idempotent. */
  stop(): Promise<void>;
}

const SERVICE_CIDR = '10.96.0.0/24';
const SERVICE_IP = '10.96.0.1';
const POD_CIDR = '10.244.0.0/16';

/**
 * Starts etcd, kube-apiserver (RBAC on), kube-controller-manager, kube-scheduler and kwok with
 * fake nodes, all on 127.0.0.1 with state in a temporary folder, from the binaries
 * scripts/build-kubernetes.sh built. Resolves once the nodes are Ready and the default
 * namespace can run pods.
 */
export async function startKubernetesCluster(options: KubernetesClusterOptions = {}): Promise<KubernetesCluster> {
  const bin = kubernetesBinaries();
  const dir = await serviceDir(options.dir, 'kubernetes');
  return cleanOnFailure(dir, () => launch(options, dir, bin));
}

async function launch(
  options: KubernetesClusterOptions,
  dir: string,
  bin: ReturnType<typeof kubernetesBinaries>,
): Promise<KubernetesCluster> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const [etcdClientPort, etcdPeerPort, apiserverPort, controllerManagerPort, schedulerPort] = (await freePorts(5)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const layout: ControlPlaneLayout = {
    dir,
    etcdClientPort,
    etcdPeerPort,
    apiserverPort,
    controllerManagerPort,
    schedulerPort,
    serviceCidr: SERVICE_CIDR,
    podCidr: POD_CIDR,
  };
  const server = `https://127.0.0.1:${apiserverPort}`;
  const pki = await createPki(dir, SERVICE_IP);

  const userFor = async (fileName: string, identity: ClientIdentity, namespace?: string): Promise<ClusterUser> => {
    const cert = await pki.issueClient(fileName, identity);
    const credentials: KubeCredentials = { server, caPem: pki.ca.certPem, certPem: cert.certPem, keyPem: cert.keyPem };
    const kubeconfigPath = await writeKubeconfig(
      join(dir, `${fileName}.kubeconfig`),
      credentials,
      identity.user,
      namespace,
    );
    return {
      kubeconfig: kubeconfigText(credentials, identity.user, namespace),
      kubeconfigPath,
      credentials,
      api: kubeApi(credentials),
    };
  };

  const [admin, controllerManagerUser, schedulerUser] = await Promise.all([
    userFor('admin', { user: 'paved-admin', groups: ['system:masters'] }),
    userFor('controller-manager', { user: 'system:kube-controller-manager' }),
    userFor('scheduler', { user: 'system:kube-scheduler' }),
  ]);
  const stagesPath = join(dir, 'kwok-stages.yaml');
  await writeFile(stagesPath, kwokStagesConfig());

  const daemons: Daemon[] = [];
  const stopAll = async (): Promise<void> => {
    // Reverse start order: clients before the apiserver, the apiserver before its store.
    for (const daemon of [...daemons].reverse()) await daemon.stop(10_000);
  };
  try {
    daemons.push(await startEtcd(bin, layout, timeoutMs));
    const apiserverIndex = daemons.push(await startApiserver(bin, layout, pki, admin.api, timeoutMs)) - 1;
    const [controllerManager, scheduler] = await Promise.all([
      startControllerManager(bin, layout, pki, controllerManagerUser.kubeconfigPath, timeoutMs),
      startScheduler(bin, layout, schedulerUser.kubeconfigPath, timeoutMs),
    ]);
    daemons.push(controllerManager, scheduler);
    const fakeNodeSelector = `${FAKE_NODE_ANNOTATION}=fake`;
    const kwok = startKwok(bin, layout, admin.kubeconfigPath, stagesPath, fakeNodeSelector);
    daemons.push(kwok);

    const nodeNames = Array.from({ length: options.nodes ?? 3 }, (_, i) => `kwok-node-${i}`);
    for (const name of nodeNames) await admin.api.create('/api/v1/nodes', fakeNode(name), { allowExisting: true });
    await waitUntil(
      async () => {
        const status = kwok.exitStatus();
        if (status) throw new Error(`kwok exited (${status.code ?? status.signal}); see ${kwok.logFile}`);
        const ready = await Promise.all(nodeNames.map((name) => nodeReady(admin.api, name)));
        return ready.every(Boolean) ? true : undefined;
      },
      { what: `kwok to make nodes ${nodeNames.join(', ')} Ready (log: ${kwok.logFile})`, timeoutMs, intervalMs: 250 },
    );
    // Pods are refused until the ServiceAccount controller has made "default" in the namespace.
    await waitUntil(
      async () =>
        (await admin.api.request('GET', '/api/v1/namespaces/default/serviceaccounts/default')).status === 200
          ? true
          : undefined,
      { what: `the default ServiceAccount (log: ${controllerManager.logFile})`, timeoutMs, intervalMs: 250 },
    );

    let stopped: Promise<void> | undefined;
    let userCount = 0;
    return {
      version: bin.version,
      server,
      caPem: pki.ca.certPem,
      dir,
      admin,
      nodeNames,
      get components() {
        return daemons.map((daemon) => ({ name: daemon.name, pid: daemon.pid, logFile: daemon.logFile }));
      },
      stopApiserver: async () => {
        await daemons[apiserverIndex]?.stop(10_000);
      },
      startApiserver: async () => {
        if (!daemons[apiserverIndex]?.exitStatus()) return;
        daemons[apiserverIndex] = await startApiserver(bin, layout, pki, admin.api, timeoutMs);
      },
      mintUser: (identity) => userFor(`user-${++userCount}`, identity, identity.namespace),
      stop: () => {
        stopped ??= (async () => {
          await stopAll();
          await removeStateDir(dir);
        })();
        return stopped;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function fakeNode(name: string): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { [FAKE_NODE_ANNOTATION]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        type: 'kwok',
      },
    },
    spec: {},
  };
}

async function nodeReady(api: KubeApi, name: string): Promise<boolean> {
  const node = await api.get<{ status?: { conditions?: Array<{ type: string; status: string }> } }>(
    `/api/v1/nodes/${name}`,
  );
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
