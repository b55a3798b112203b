// Benchmark of the kubernetes target on the local control plane (kwok nodes, 3 replicas): the
// deploy bundle rolls v1 → v2 → v3, then the rollback bundle returns to v2 by its kept
// ReplicaSet. For each: wall time split by phase, Kubernetes API requests the action made, the
// rollout itself as an independent watcher saw it (the Deployment's new spec observed → every
// replica updated and available, read every 50 ms), and the time Paved adds beyond that
// rollout (wall − rollout; goal under one second, Node's start and the GitHub calls included).
// The post step (Node's start and the bundle's load again, as the runner runs it) is in the wall
// time and shown apart, as are the GitHub writes: octokit's throttling spaces them a second
// apart, so n writes cost at least n − 1 seconds whatever the cluster does.
// `npm run bench:kubernetes`; BENCH_ROUNDS (default 3) repeats the set.
import { startGitHubEmulator } from '@paved/github-emulator';
import { startKubernetesCluster } from '@paved/stack';
import { runAction, type ActionRun } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';

const ROUNDS = Math.min(10, Number(process.env.BENCH_ROUNDS ?? 3));
const NS = 'bench';
const image = (tag: string, c: string) => `127.0.0.1:5000/acme/shop:${tag}@sha256:${c.repeat(64)}`;

interface Deployment {
  metadata: { generation: number };
  spec: { replicas: number };
  status?: { observedGeneration?: number; updatedReplicas?: number; availableReplicas?: number; replicas?: number };
}

const cluster = await startKubernetesCluster({ nodes: 3 });
const github = await startGitHubEmulator({ autoCreate: true });
try {
  const api = cluster.admin.api;
  await api.create('/api/v1/namespaces', { metadata: { name: NS } });
  await api.create(`/apis/apps/v1/namespaces/${NS}/deployments`, {
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'app', image: image('v0', '0') }] },
      },
    },
  });
  const workspace = makeWorkspace({
    '.github/paved.yml': `service: shop
environments:
  production:
    target: kubernetes
    kubernetes: { namespace: ${NS}, deployment: web, timeout: 2m }
`,
  });

  /** Watches the Deployment on its own: from the first read of a new generation to complete. */
  const watchRollout = (fromGeneration: number) => {
    let stop = false;
    const done = (async () => {
      let seenAt: number | undefined;
      for (let i = 0; i < 6_000 && !stop; i++) {
        const d = await api.get<Deployment>(`/apis/apps/v1/namespaces/${NS}/deployments/web`);
        const s = d.status ?? {};
        if (d.metadata.generation > fromGeneration) {
          seenAt ??= performance.now();
          const complete =
            (s.observedGeneration ?? 0) >= d.metadata.generation &&
            s.updatedReplicas === d.spec.replicas &&
            s.availableReplicas === d.spec.replicas &&
            s.replicas === d.spec.replicas;
          if (complete) return performance.now() - seenAt;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return Number.NaN;
    })();
    return { done, stop: () => (stop = true) };
  };

  const step = async (action: 'deploy' | 'rollback', inputs: Record<string, string>) => {
    const before = (await api.get<Deployment>(`/apis/apps/v1/namespaces/${NS}/deployments/web`)).metadata.generation;
    const watcher = watchRollout(before);
    github.clearRequests();
    const started = performance.now();
    const run: ActionRun = await runAction(action, {
      inputs: { environment: 'production', ...inputs },
      workspace,
      env: { KUBECONFIG: cluster.admin.kubeconfigPath },
      github: { apiUrl: github.url },
    });
    const wallMs = performance.now() - started;
    if (run.exitCode !== 0) {
      watcher.stop();
      throw new Error(`${action} failed:\n${run.log}`);
    }
    const rolloutMs = await watcher.done;
    const phases = [...run.log.matchAll(/^phase ([\w-]+): (\d+)ms/gm)].map((m) => `${m[1]} ${m[2]}`).join(', ');
    const requests = Number(/: (\d+) Kubernetes API requests/.exec(run.log)?.[1] ?? Number.NaN);
    // GraphQL queries go through octokit's write spacing too.
    const writes = github.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').length;
    return { wallMs, rolloutMs, phases, requests, writes, postMs: run.post?.durationMs ?? 0 };
  };

  await step('deploy', { image: image('v1', '1') });
  const rows: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [what, action, inputs] of [
      ['deploy v1 → v2', 'deploy', { image: image('v2', '2') }],
      ['deploy v2 → v3', 'deploy', { image: image('v3', '3') }],
      ['rollback v3 → v2 (kept ReplicaSet)', 'rollback', { reason: 'bench' }],
      ['deploy v2 → v1', 'deploy', { image: image('v1', '1') }],
    ] as const) {
      const r = await step(action, inputs);
      rows.push(
        `| ${round} | ${what} | ${Math.round(r.wallMs)} | ${Math.round(r.rolloutMs)} | ${Math.round(r.wallMs - r.rolloutMs)} | ${r.requests} | ${r.writes} | ${Math.round(r.postMs)} | ${r.phases} |`,
      );
    }
  }
  process.stdout.write(
    [
      `Kubernetes ${cluster.version}, 3 kwok nodes, Deployment of 3 replicas; ${ROUNDS} round(s).`,
      '',
      '| round | release | wall ms | rollout ms (watcher) | Paved adds ms | API requests | GitHub writes | post step ms | phases (ms) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  await Promise.allSettled([cluster.stop(), github.stop()]);
}
