// Benchmark of fleet releases: bounded HTTP load through every host's proxy (the fleet's public
// port 80, each host a network namespace reached only by SSH and that port) while the deploy and
// rollback bundles release to one host, to three hosts at batch 1 and at batch 100 %, and roll
// the three back; then two more rounds of one host and three at batch 100 %. Reports every request sent, accounted for (2xx, answered otherwise, errored,
// timed out, unfinished), each release's wall time and each host's phases. The load sends a GET
// again only when a reused keep-alive connection was closed under it (as every HTTP client does);
// a new connection that is reset counts as errored.
// `npm run bench:fleet`; BENCH_RATE per host (default 50 req/s).
import { startGitHubEmulator } from '@paved/github-emulator';
import { buildCaddyImage, startStack, type FleetHost } from '@paved/stack';
import { buildServiceImages } from '../examples/service/build.ts';
import { runAction, type ActionRun } from '@paved/test-support/harness';
import { accountedFor, loadBreakdown, startSteadyLoad } from '@paved/test-support/load';
import { makeWorkspace } from '@paved/test-support/workspace';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const MAX_REQUESTS_PER_HOST = 60_000;

const stack = await startStack({ services: ['docker', 'registry', 'fleet'], fleetHosts: 3, nodeBaseImage: true });
const github = await startGitHubEmulator({ autoCreate: true });
try {
  const hosts = stack.fleet.hosts;
  const registry = stack.fleet.registryAddress!;
  const caddy = await buildCaddyImage(stack.docker, { tag: `${stack.registry.address}/paved/caddy:bench` });
  await stack.docker.docker(['push', caddy.image]);
  const proxyImage = `${registry}/paved/caddy@${await stack.registry.manifestDigest('paved/caddy', 'bench')}`;
  const built = await buildServiceImages(stack.docker, stack.registry, stack.nodeBaseImage!, ['v1', 'v2', 'v3']);
  const ref = Object.fromEntries(built.map((b) => [b.version, b.ref.replace(stack.registry.address, registry)]));

  const config = (members: readonly FleetHost[], batch: string) => `service: shop
environments:
  production:
    url: http://shop.paved.test
    health-path: /healthz
    drain-timeout: 10s
    batch: ${batch}
    proxy:
      image: ${proxyImage}
    hosts:
${members.map((h) => `      - host: ${h.dockerHost}\n        known-hosts: "${h.knownHostsLine}"\n        proxy-admin-dir: ${h.docker.dir}/proxy`).join('\n')}
`;
  const release = async (action: 'deploy' | 'rollback', inputs: Record<string, string>, yml: string) => {
    const started = performance.now();
    const run: ActionRun = await runAction(action, {
      inputs: { environment: 'production', 'ssh-key': stack.fleet.clientKey.privateKey, ...inputs },
      workspace: makeWorkspace({ '.github/paved.yml': yml }),
      github: { apiUrl: github.url },
      timeoutMs: 300_000,
    });
    if (run.exitCode !== 0) throw new Error(`${action} failed:\n${run.log}`);
    return { run, wallMs: performance.now() - started };
  };

  await release('deploy', { image: ref.v1!, version: 'v1' }, config(hosts, '100%'));
  const loadStarted = performance.now();
  const sinceLoad = () => (performance.now() - loadStarted) / 1_000;
  const loads = hosts.map((h) => startSteadyLoad(`http://${h.address}/`, RATE, { maxRequests: MAX_REQUESTS_PER_HOST }));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const runs: Array<{ what: string; run: ActionRun; wallMs: number; from: number; to: number }> = [];
  for (const [what, action, inputs, yml] of [
    ['deploy v1 → v2, 1 host', 'deploy', { image: ref.v2!, version: 'v2' }, config(hosts.slice(0, 1), '1')],
    ['deploy → v3, 3 hosts, batch 1', 'deploy', { image: ref.v3!, version: 'v3' }, config(hosts, '1')],
    ['deploy v3 → v1, 3 hosts, batch 100%', 'deploy', { image: ref.v1!, version: 'v1' }, config(hosts, '100%')],
    ['rollback v1 → v3, 3 hosts, batch 100%', 'rollback', { reason: 'bench' }, config(hosts, '100%')],
    // Two more rounds of the pair the goal compares: one sample of each is at the mercy of
    // whatever else the machine's two CPUs did in that second.
    ['deploy v3 → v1, 1 host', 'deploy', { image: ref.v1!, version: 'v1' }, config(hosts.slice(0, 1), '1')],
    ['deploy → v2, 3 hosts, batch 100%', 'deploy', { image: ref.v2!, version: 'v2' }, config(hosts, '100%')],
    ['deploy v2 → v3, 1 host', 'deploy', { image: ref.v3!, version: 'v3' }, config(hosts.slice(0, 1), '1')],
    ['deploy → v1, 3 hosts, batch 100%', 'deploy', { image: ref.v1!, version: 'v1' }, config(hosts, '100%')],
  ] as const) {
    const from = sinceLoad();
    const done = await release(action, inputs, yml);
    runs.push({ what, ...done, from, to: sinceLoad() });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  // The reference, under the same load: the engines alone doing what a release's start and stop
  // phases ask of them (docker run of the service on the proxy's network, docker stop), on one
  // host and on three at once. On this machine the hosts share its CPUs, so this is the floor
  // the fleet's parallel phases can reach, whatever Paved does around them.
  const engineAlone = async (members: readonly FleetHost[], round: number) => {
    const image = ref.v1!.replace(/:[^/@]+@/, '@');
    const name = (i: number) => `bench-reference-${round}-${i}`;
    const at = performance.now();
    await Promise.all(
      members.map((h, i) =>
        h.docker.docker([
          'run',
          '--detach',
          '--name',
          name(i),
          '--network',
          'paved',
          '--env',
          'PORT=3000',
          '--',
          image,
        ]),
      ),
    );
    const startMs = performance.now() - at;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const stopAt = performance.now();
    await Promise.all(members.map((h, i) => h.docker.docker(['stop', '--time', '10', name(i)])));
    const stopMs = performance.now() - stopAt;
    await Promise.all(members.map((h, i) => h.docker.docker(['rm', '--force', name(i)])));
    return { startMs, stopMs };
  };
  const reference: Array<{ hosts: number; startMs: number; stopMs: number }> = [];
  for (let round = 0; round < 3; round++) {
    for (const members of [hosts.slice(0, 1), hosts]) {
      reference.push({ hosts: members.length, ...(await engineAlone(members, round)) });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const tallies = await Promise.all(loads.map((l) => l.stop()));

  const lines: string[] = [];
  for (const host of hosts) {
    const inspected = await host.docker.docker(['inspect', '--format', '{{json .HostConfig.Sysctls}}', 'paved-proxy']);
    lines.push(`${host.name} proxy sysctls: ${inspected.stdout.trim()}`);
  }
  tallies.forEach((t, i) => {
    lines.push(`${hosts[i]!.name} load: ${loadBreakdown(t)}${accountedFor(t) ? '' : ' — DOES NOT SUM to sent'}`);
  });
  for (const { what, run, wallMs, from, to } of runs) {
    const phases = [...run.log.matchAll(/^phase (\w+): (\d+)ms/gm)].map((m) => `${m[1]} ${m[2]}ms`);
    lines.push(
      `${what}: wall ${(wallMs / 1_000).toFixed(2)} s (bundle start to exit, load +${from.toFixed(1)} s to +${to.toFixed(1)} s) — ${phases.join(', ')}`,
    );
    for (const host of run.log.matchAll(/^(h\d+) phases: (.*)$/gm)) lines.push(`    ${host[1]}: ${host[2]}`);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ones = runs.filter((r) => r.what.endsWith('1 host'));
  const alls = runs.filter((r) => r.what.startsWith('deploy') && r.what.endsWith('3 hosts, batch 100%'));
  // Each round's pair ran seconds apart, so its ratio is the fair one to take the median of.
  const ratios = ones.map((one, i) => alls[i]!.wallMs / one.wallMs);
  lines.push(
    `3 hosts at batch 100% / 1 host, each round: ${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')}; ` +
      `median ${median([...ratios]).toFixed(2)}× (goal ≤ 1.5×)`,
  );
  const engine = (count: number, key: 'startMs' | 'stopMs') =>
    median(reference.filter((r) => r.hosts === count).map((r) => r[key]));
  for (const key of ['startMs', 'stopMs'] as const) {
    const what = key === 'startMs' ? 'docker run' : 'docker stop';
    const one = engine(1, key);
    const three = engine(3, key);
    lines.push(
      `reference, the engines alone (median of 3): ${what} on 1 host ${one.toFixed(0)} ms, on 3 hosts at once ${three.toFixed(0)} ms (${(three / one).toFixed(2)}×)`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (tallies.some((t) => t.failed > 0 || !accountedFor(t))) process.exitCode = 1;
} finally {
  await Promise.allSettled([stack.stop(), github.stop()]);
}
