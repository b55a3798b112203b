// Time and GitHub API requests to report 250, 500 and 1,000 releases (BENCH_SIZES to change),
// against the GitHub API emulator run as its own process, as GitHub is to a runner. Each
// history is generated with known answers; the report's figures are checked against them, so
// the bench times a correct report. Prints one row per size and the time per release, to show
// the cost is linear in releases. Goal: 1,000 releases in under 30 s.
// Run with `npm run bench:report`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createGitHubClient } from '@paved/core/github';
import { buildInsightsReport, githubLedgerSource } from '@paved/core/insights';
import { generateHistory, knownAnswers, OWNER, REPO } from '@paved/test-support/insights';

const SIZES = (process.env.BENCH_SIZES ?? '250,500,1000').split(',').map(Number);
const DAY = 86_400_000;

async function startEmulator(seedFile: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('packages', 'github-emulator', 'src', 'cli.ts'), '--seed', seedFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /^GITHUB_API_URL=(\S+)$/.exec(line);
    if (match) return { url: match[1]!, child };
  }
  throw new Error('the emulator exited before listening');
}

async function requestsSeen(url: string): Promise<number> {
  const log = (await (await fetch(`${url}/_emulator/requests`)).json()) as unknown[];
  return log.length;
}

const rows: string[][] = [
  ['releases', 'deployments read', 'API requests', 'list pages', 'compares', 'time', 'ms per release'],
];
const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-bench-report-'));
for (const size of SIZES) {
  const history = generateHistory({ releases: { production: size }, gapHours: [2, 10], seed: size });
  const first = history.model[0]!.createdAt;
  const since = first - DAY;
  const until = history.now;
  const seedFile = path.join(dir, `seed-${size}.json`);
  writeFileSync(seedFile, JSON.stringify(history.seed));
  const { url, child } = await startEmulator(seedFile);
  try {
    const github = createGitHubClient({ token: 'bench', apiUrl: url, repository: `${OWNER}/${REPO}`, throttle: false });
    const started = performance.now();
    const report = await buildInsightsReport({
      source: githubLedgerSource(github),
      environments: ['production'],
      window: { since, until, text: 'all' },
    });
    const ms = performance.now() - started;
    const production = report.environments[0]!;
    const known = knownAnswers(history, 'production', since, until);
    if (production.releases !== known.releases || production.leadTime.medianMs !== known.leadMedian) {
      throw new Error(`the report of ${size} releases does not match its known answers`);
    }
    const seen = await requestsSeen(url);
    rows.push([
      String(size),
      String(production.rows.length),
      String(seen),
      String(report.api.pages),
      String(production.leadTime.releases),
      `${(ms / 1000).toFixed(1)} s`,
      (ms / size).toFixed(1),
    ]);
  } finally {
    child.kill('SIGTERM');
  }
}

const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padStart(widths[i]!)).join('  ')}\n`);
process.stdout.write(
  `load average: ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${os.cpus().length} CPUs\n`,
);
