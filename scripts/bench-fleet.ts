// Benchmark of fleet releases: bounded HTTP load through every host's proxy (the fleet's public
// port 80, each host a network namespace reached only by SSH and that port) while the deploy and
// rollback bundles release to one host, to three hosts at batch 1 and at batch 100 %, and roll
// the three back. Reports every request sent, accounted for (2xx, answered otherwise, errored,
// timed out, still in flight), each release's wall time and each host's phases.
// `npm run bench:fleet`; BENCH_RATE per host (default 50 req/s).
import http from 'node:http';
import { startGitHubEmulator } from '@paved/github-emulator';
import { buildCaddyImage, startStack, type FleetHost } from '@paved/stack';
import { buildServiceImages } from '../examples/service/build.ts';
import { runAction, type ActionRun } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const MAX_REQUESTS_PER_HOST = 60_000;

interface Tally {
  sent: number;
  ok: number;
  otherStatus: number;
  errored: number;
  timedOut: number;
  /** GETs sent again because a reused keep-alive socket was closed before any answer (RFC 9112 §9.3.1). */
  resent: number;
  why: string[];
}

/** Steady, bounded GET load on keep-alive connections; every request ends in exactly one count. */
function load(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const tally: Tally = { sent: 0, ok: 0, otherStatus: 0, errored: 0, timedOut: 0, resent: 0, why: [] };
  const send = (attempt: number): void => {
    let timedOut = false;
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => {
        if (response.statusCode === 200) tally.ok++;
        else {
          tally.otherStatus++;
          tally.why.push(`HTTP ${response.statusCode}`);
        }
      });
    });
    request.setTimeout(5_000, () => {
      timedOut = true;
      request.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (timedOut) {
        tally.timedOut++;
        return;
      }
      if (attempt < 8 && request.reusedSocket && error.code === 'ECONNRESET') {
        tally.resent++;
        send(attempt + 1);
        return;
      }
      tally.errored++;
      tally.why.push(error.code ?? error.message);
    });
  };
  const timer = setInterval(() => {
    if (tally.sent >= MAX_REQUESTS_PER_HOST) return;
    tally.sent++;
    send(0);
  }, 1_000 / RATE);
  return {
    tally,
    stop: async () => {
      clearInterval(timer);
      const done = () => tally.ok + tally.otherStatus + tally.errored + tally.timedOut;
      for (const until = Date.now() + 10_000; done() < tally.sent && Date.now() < until;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      agent.destroy();
      return { ...tally, inFlight: tally.sent - done() };
    },
  };
}

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
  const loads = hosts.map((h) => load(`http://${h.address}/`));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const runs: Array<{ what: string; run: ActionRun; wallMs: number }> = [];
  for (const [what, action, inputs, yml] of [
    ['deploy v1 → v2, 1 host', 'deploy', { image: ref.v2!, version: 'v2' }, config(hosts.slice(0, 1), '1')],
    ['deploy → v3, 3 hosts, batch 1', 'deploy', { image: ref.v3!, version: 'v3' }, config(hosts, '1')],
    ['deploy v3 → v1, 3 hosts, batch 100%', 'deploy', { image: ref.v1!, version: 'v1' }, config(hosts, '100%')],
    ['rollback v1 → v3, 3 hosts, batch 100%', 'rollback', { reason: 'bench' }, config(hosts, '100%')],
  ] as const) {
    runs.push({ what, ...(await release(action, inputs, yml)) });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const tallies = await Promise.all(loads.map((l) => l.stop()));

  const lines: string[] = [];
  tallies.forEach((t, i) => {
    const failed = t.otherStatus + t.errored + t.timedOut + t.inFlight;
    lines.push(
      `${hosts[i]!.name} load: sent ${t.sent} = 2xx ${t.ok} + answered otherwise ${t.otherStatus} + errored ${t.errored} ` +
        `+ timed out ${t.timedOut} + in flight ${t.inFlight}; failed ${failed}; resent on a closed keep-alive socket ${t.resent}` +
        (t.why.length ? ` (${[...new Set(t.why)].join(', ')})` : ''),
    );
  });
  for (const { what, run, wallMs } of runs) {
    const phases = [...run.log.matchAll(/^phase (\w+): (\d+)ms/gm)].map((m) => `${m[1]} ${m[2]}ms`);
    lines.push(`${what}: wall ${(wallMs / 1_000).toFixed(2)} s (bundle start to exit) — ${phases.join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (tallies.some((t) => t.otherStatus + t.errored + t.timedOut + t.inFlight > 0)) process.exitCode = 1;
} finally {
  await Promise.allSettled([stack.stop(), github.stop()]);
}
