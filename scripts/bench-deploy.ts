// Benchmark of zero-downtime deploys: steady HTTP load through Caddy (127.0.0.1 only, bounded)
// while the deploy bundle releases v2 over v1 and then redeploys v1. Reports every request sent,
// accounted for (2xx, answered otherwise, errored, timed out, unfinished; failed is the goal 0)
// and each deploy's wall time split by phase. `npm run bench:deploy`; BENCH_RATE (default 250 req/s).
import { startGitHubEmulator } from '@paved/github-emulator';
import { startStack } from '@paved/stack';
import { buildServiceImages } from '../examples/service/build.ts';
import { runAction, type ActionRun } from '@paved/test-support/harness';
import { accountedFor, loadBreakdown, startSteadyLoad } from '@paved/test-support/load';
import { makeWorkspace } from '@paved/test-support/workspace';

const RATE = Number(process.env.BENCH_RATE ?? 250);
const MAX_SECONDS = 240;

const stack = await startStack({ services: ['docker', 'registry', 'caddy'], nodeBaseImage: true });
const github = await startGitHubEmulator({ autoCreate: true });
try {
  const [v1, v2] = await buildServiceImages(stack.docker, stack.registry, stack.nodeBaseImage!, ['v1', 'v2']);
  const workspace = makeWorkspace({
    '.github/paved.yml': `service: shop
environments:
  production:
    host: ${stack.docker.host}
    url: https://shop.example.com
    proxy-url: ${stack.caddy.adminUrl}
    proxy-route: ${stack.caddy.handlerId}
    health-path: /healthz
    drain-timeout: 10s
`,
  });
  const deploy = async (ref: string): Promise<ActionRun> => {
    const run = await runAction('deploy', {
      inputs: { environment: 'production', image: ref },
      workspace,
      github: { apiUrl: github.url },
    });
    if (run.exitCode !== 0) throw new Error(`deploy of ${ref} failed:\n${run.log}`);
    return run;
  };
  await deploy(v1!.ref);

  const loadStarted = performance.now();
  // The stack's Caddy is an existing proxy in the runner's own network namespace (no
  // net.ipv4.tcp_migrate_req there): resends after a reset are counted apart in the report.
  const load = startSteadyLoad(stack.caddy.url, RATE, {
    maxSockets: 16,
    maxRequests: RATE * MAX_SECONDS,
    resendAfterNewConnectionReset: true,
  });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const runs: Array<{ what: string; run: ActionRun; wallMs: number }> = [];
  for (const [what, ref] of [
    ['v1 → v2', v2!.ref],
    ['v2 → v1 (redeploy previous)', v1!.ref],
  ] as const) {
    const started = performance.now();
    const run = await deploy(ref);
    runs.push({ what, run, wallMs: performance.now() - started });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const measuredMs = performance.now() - loadStarted;
  const stats = await load.stop();

  const lines = [
    `Load through Caddy at ${RATE} req/s target (${((stats.sent * 1_000) / measuredMs).toFixed(0)} req/s sent ` +
      `over ${(measuredMs / 1_000).toFixed(1)} s): ${loadBreakdown(stats)}`,
  ];
  if (!accountedFor(stats))
    lines.push('Load: the counts do not sum to the requests sent (a bug in the load generator)');
  for (const { what, run, wallMs } of runs) {
    const phases = [...run.log.matchAll(/^phase (\w+): (\d+)ms/gm)].map((m) => `${m[1]} ${m[2]}ms`);
    lines.push(`${what}: wall ${(wallMs / 1_000).toFixed(2)} s (bundle start to exit) — ${phases.join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (stats.failed > 0 || !accountedFor(stats)) process.exitCode = 1;
} finally {
  await Promise.allSettled([stack.stop(), github.stop()]);
}
