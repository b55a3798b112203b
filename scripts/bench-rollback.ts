// Time to restore with the docker target's fast path, under load: v1 and v2 are deployed with
// the deploy bundle, then the rollback bundle switches back and forth while autocannon sends a
// bounded rate of requests through Caddy on 127.0.0.1. For each rollback it prints the time from
// the start of the step to the moment the restored release answers every request (a probe
// reads each body every 20 ms), and the requests that failed during the switch.
// Run with `npm run bench:rollback`; BENCH_RUNS (default 5) rollbacks, BENCH_RATE (default 200/s).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startGitHubEmulator } from '@paved/github-emulator';
import { startStack } from '@paved/stack';
import { buildServiceImages, type BuiltService } from '../examples/service/build.js';
import { runAction } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';

interface CannonResult {
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface Cannon {
  stop(): void;
  on(event: 'done', listener: (result: CannonResult) => void): void;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Cannon;

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RATE = Number(process.env.BENCH_RATE ?? 200);

const stack = await startStack({ services: ['docker', 'registry', 'caddy'], nodeBaseImage: true });
const gh = await startGitHubEmulator({ autoCreate: true });
const rows: string[][] = [];
try {
  const [v1, v2] = (await buildServiceImages(stack.docker, stack.registry, stack.nodeBaseImage!, ['v1', 'v2'])) as [
    BuiltService,
    BuiltService,
  ];
  const workspace = makeWorkspace({
    '.github/paved.yml': `service: shop
environments:
  staging:
    host: ${stack.docker.host}
    proxy-url: ${stack.caddy.adminUrl}
    proxy-route: ${stack.caddy.handlerId}
    health-path: /healthz
    drain-timeout: 5s
`,
  });
  const github = { apiUrl: gh.url };
  for (const image of [v1.ref, v2.ref]) {
    const run = await runAction('deploy', { inputs: { environment: 'staging', image }, workspace, github });
    if (run.exitCode !== 0) throw new Error(`deploy of ${image} failed:\n${run.stdout}`);
  }

  for (let i = 0; i < RUNS; i++) {
    // The first rollback finds the last good release itself; later ones alternate by image.
    const [to, expected] = i === 0 ? ['previous', 'v1'] : i % 2 ? [v2.ref, 'v2'] : [v1.ref, 'v1'];
    const cannon = autocannon({ url: stack.caddy.url, connections: 8, overallRate: RATE, duration: 120 });
    const done = new Promise<CannonResult>((resolve) => cannon.on('done', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    let lastOther = performance.now();
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const text = await fetch(stack.caddy.url, { signal: AbortSignal.timeout(2_000) })
          .then((r) => r.text())
          .catch(() => 'error');
        if (text.trim() !== expected) lastOther = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const started = performance.now();
    const run = await runAction('rollback', {
      inputs: { environment: 'staging', to, reason: 'bench' },
      workspace,
      github,
    });
    const stepMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    probing = false;
    await probe;
    cannon.stop();
    const result = await done;
    if (run.exitCode !== 0) throw new Error(`rollback ${i + 1} failed:\n${run.stdout}`);
    const restoreMs = lastOther - started;
    const switchMs = /phase switch: (\d+)ms/.exec(run.log)?.[1];
    rows.push([
      String(i + 1),
      to === 'previous' ? 'previous' : expected,
      `${(restoreMs / 1_000).toFixed(2)} s`,
      `${(stepMs / 1_000).toFixed(2)} s`,
      `${switchMs ?? '?'} ms`,
      String(result.requests.total),
      String(result.errors + result.timeouts + result.non2xx),
    ]);
    console.log(rows.at(-1)!.join('\t'));
  }
} finally {
  await Promise.allSettled([stack.stop(), gh.stop()]);
}

const header = ['#', 'to', 'time to restore (100% restored)', 'whole step', 'proxy switch', 'requests', 'failed'];
console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
