// What the kubernetes end-to-end suites share: the local control plane and the GitHub emulator,
// the built deploy and rollback bundles run against them, and reads of what the cluster runs.
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { startKubernetesCluster, type KubernetesCluster } from '@paved/stack';
import { runAction, type ActionRun } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';
import { startTogether } from '@paved/test-support/servers';

export const NS = 'shop';
export const REPOSITORY = '127.0.0.1:5000/acme/shop';
export const image = (tag: string, c: string) => `${REPOSITORY}:${tag}@sha256:${c.repeat(64)}`;
/** The releases the suites deploy: V0 what the Deployments start at, V1 and V2 what goes over it. */
export const V0 = image('v0', '0');
export const V1 = image('v1', '1');
export const V2 = image('v2', '2');
/** The label strategy: canary puts on the canary's pods (and promotion on the stable ones). */
export const TRACK = 'paved.dev/track';

/**
 * `.github/paved.yml` for the service shop on the kubernetes target in NS; `environments` are
 * the lines under `environments:`, indented two spaces.
 */
export function kubernetesConfig(environments: string): string {
  return `service: shop
defaults:
  target: kubernetes
  kubernetes:
    namespace: ${NS}
    container: app
    timeout: 60s
environments:
${environments}`;
}

export interface DeploymentObject {
  metadata: { generation: number; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    replicas?: number;
    selector: { matchLabels?: Record<string, string> };
    template: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec: { containers: Array<{ name: string; image: string }> };
    };
  };
}
export interface PodObject {
  metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
  spec: { containers: Array<{ name: string; image: string }> };
  status?: { containerStatuses?: Array<{ name: string; imageID: string; ready: boolean }> };
}

export interface RunOptions {
  runId?: number;
  env?: Record<string, string>;
  onOutput?: (chunk: string) => void;
  cancel?: AbortSignal;
  cancelWith?: NodeJS.Signals;
}

/** A Deployment of two containers (the service's and a sidecar) at `initial`. */
export function deploymentSpec(name: string, initial: string, extra: Record<string, unknown> = {}) {
  return {
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'app', image: initial },
            { name: 'proxy', image: image('proxy', 'f') },
          ],
        },
      },
      ...extra,
    },
  };
}

export interface KubernetesWorld {
  cluster: KubernetesCluster;
  gh: GitHubEmulator;
  workspace: string;
  deploy(environment: string, inputs: Record<string, string>, options?: RunOptions): Promise<ActionRun>;
  rollback(environment: string, inputs?: Record<string, string>, options?: RunOptions): Promise<ActionRun>;
  getDeployment(name: string): Promise<DeploymentObject>;
  /** 404 or 200: whether the Deployment exists. */
  deploymentStatus(name: string): Promise<number>;
  /** Pods matching a label selector like app=web, those being deleted left out. */
  pods(selector: string): Promise<PodObject[]>;
  /** The app container's image in the template, and the image IDs its pods report. */
  runningIn(name: string): Promise<{ template?: string; pods: Array<string | undefined> }>;
  leaseStatus(name: string): Promise<number>;
  statesOf(id: number): string[];
  statusesOf(id: number): Array<{ state: string; description?: string }>;
  payloadOf(id: number): Record<string, unknown>;
  stop(): Promise<void>;
}

/** Starts the cluster and the emulator, creates the namespace and the Deployments, writes the config. */
export async function startKubernetesWorld(config: string, deployments: object[]): Promise<KubernetesWorld> {
  const [cluster, gh] = await startTogether(
    startKubernetesCluster({ nodes: 2 }),
    startGitHubEmulator({ autoCreate: true }),
  );
  const api = cluster.admin.api;
  await api.create('/api/v1/namespaces', { metadata: { name: NS } });
  for (const deployment of deployments) await api.create(`/apis/apps/v1/namespaces/${NS}/deployments`, deployment);
  const workspace = makeWorkspace({ '.github/paved.yml': config });
  const run = (
    action: 'deploy' | 'rollback',
    environment: string,
    inputs: Record<string, string>,
    options: RunOptions = {},
  ) =>
    runAction(action, {
      inputs: { environment, ...inputs },
      workspace,
      // The runner's current context: what a step after azure/k8s-set-context or a self-hosted runner has.
      env: { KUBECONFIG: cluster.admin.kubeconfigPath, GITHUB_TRIGGERING_ACTOR: 'mona', ...options.env },
      ...(options.onOutput ? { onOutput: options.onOutput } : {}),
      ...(options.cancel ? { cancel: options.cancel } : {}),
      ...(options.cancelWith ? { cancelWith: options.cancelWith } : {}),
      timeoutMs: 300_000,
      github: { apiUrl: gh.url, ...(options.runId ? { runId: options.runId } : {}) },
    });
  const deploymentPath = (name: string) => `/apis/apps/v1/namespaces/${NS}/deployments/${name}`;
  const getDeployment = (name: string) => api.get<DeploymentObject>(deploymentPath(name));
  const pods = async (selector: string) =>
    (
      await api.get<{ items: PodObject[] }>(
        `/api/v1/namespaces/${NS}/pods?labelSelector=${encodeURIComponent(selector)}`,
      )
    ).items.filter((pod) => !pod.metadata.deletionTimestamp);
  const statusesOf = (id: number) => gh.state.deploymentStatuses.filter((s) => s.deploymentId === id);
  return {
    cluster,
    gh,
    workspace,
    deploy: (environment, inputs, options) => run('deploy', environment, inputs, options),
    rollback: (environment, inputs = {}, options) => run('rollback', environment, inputs, options),
    getDeployment,
    deploymentStatus: async (name) => (await api.request('GET', deploymentPath(name))).status,
    pods,
    runningIn: async (name) => {
      const d = await getDeployment(name);
      const images = new Set((await pods(`app=${name}`)).map((p) => p.status?.containerStatuses?.[0]?.imageID));
      return { template: d.spec.template.spec.containers[0]?.image, pods: [...images] };
    },
    leaseStatus: async (name) =>
      (await api.request('GET', `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases/${name}`)).status,
    statesOf: (id) => statusesOf(id).map((s) => s.state),
    statusesOf,
    payloadOf: (id) => {
      const p = gh.state.deployments.find((d) => d.id === id)!.payload;
      return (typeof p === 'string' ? JSON.parse(p) : p) as Record<string, unknown>;
    },
    stop: async () => {
      await Promise.allSettled([cluster.stop(), gh.stop()]);
    },
  };
}
