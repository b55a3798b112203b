// Benchmark of zero-downtime deploys: steady HTTP load through Caddy (autocannon, 127.0.0.1
// only, bounded) while the deploy bundle releases v2 over v1 and then redeploys v1. Reports
// requests sent, failed requests (non-2xx, errors, timeouts; the goal is 0) and each deploy's
// wall time split by phase. `npm run bench:deploy`; BENCH_RATE (default 250 req/s).
import { createRequire } from 'node:module';
import { startGitHubEmulator } from '@paved/github-emulator';
import { startStack } from '@paved/stack';
import { buildServiceImages } from '../examples/service/build.ts';
import { runAction, type ActionRun } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';

interface AutocannonResult {
  requests: { sent: number; average: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonInstance {
  stop(): void;
}
type Autocannon = (
  options: { url: string; connections: number; overallRate: number; duration: number; timeout: number },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
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

  let finish: (result: AutocannonResult) => void = () => {};
  const loaded = new Promise<AutocannonResult>((resolve) => (finish = resolve));
  const load = autocannon(
    { url: stack.caddy.url, connections: 10, overallRate: RATE, duration: MAX_SECONDS, timeout: 10 },
    (error, result) => (error ? process.stderr.write(`${error.message}\n`) : finish(result)),
  );
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
  load.stop();
  const result = await loaded;

  const failed = result.non2xx + result.errors + result.timeouts;
  const lines = [
    `Load: ${result.requests.sent} requests sent through Caddy at ${RATE} req/s target ` +
      `(${result.requests.average.toFixed(0)} req/s measured over ${result.duration.toFixed(1)} s); ` +
      `2xx ${result['2xx']}, failed ${failed} (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`,
  ];
  for (const { what, run, wallMs } of runs) {
    const phases = [...run.log.matchAll(/^phase (\w+): (\d+)ms/gm)].map((m) => `${m[1]} ${m[2]}ms`);
    lines.push(`${what}: wall ${(wallMs / 1_000).toFixed(2)} s (bundle start to exit) — ${phases.join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (failed > 0) process.exitCode = 1;
} finally {
  await Promise.allSettled([stack.stop(), github.stop()]);
}
