// Wall time of 100 smoke checks against a local service, beside status-only references sent
// with plain fetch in the same run. Run with `npm run bench:smoke` (tsx); prints a table of
// medians over several runs. Numbers depend on the machine: compare rows, not runs.
import { writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseChecks, runSmokeChecks } from '@paved/core/checks';
import { runAction } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';

const CHECKS = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const server = http.createServer((req, res) => {
  const id = Number(/^\/items\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
  res.writeHead(id >= 0 ? 200 : 404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ id, status: 'ok', db: { ok: true } }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const urls = Array.from({ length: CHECKS }, (_, i) => `${base}/items/${i}`);

const checksYaml = `checks:\n${urls
  .map(
    (_, i) =>
      `  - name: item ${i}\n    path: /items/${i}\n    expect:\n      status: 200\n` +
      `      json: { id: ${i}, status: ok, db: { ok: true } }\n      headers: { content-type: application/json }\n` +
      `      body-contains: ok\n      max-latency: 2s\n`,
  )
  .join('')}`;
const checks = parseChecks(checksYaml);
const workspace = makeWorkspace({ 'smoke.yml': checksYaml });

async function paved(concurrency: number): Promise<void> {
  const result = await runSmokeChecks({ baseUrl: base, checks, waitTimeoutMs: 60_000, concurrency });
  if (!result.passed) throw new Error(`paved engine: ${result.failed} checks failed`);
}

async function fetchStatus(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
}

const cases: [string, () => Promise<void>][] = [
  ['paved engine, all assertions, concurrency 8 (default)', () => paved(8)],
  ['paved engine, all assertions, concurrency 1', () => paved(1)],
  [
    'reference: fetch, status only, sequential (url-health-check style)',
    async () => {
      for (const url of urls) await fetchStatus(url);
    },
  ],
  [
    'reference: fetch, status only, 8 at a time',
    async () => {
      const queue = [...urls];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let url = queue.shift(); url; url = queue.shift()) await fetchStatus(url);
        }),
      );
    },
  ],
  [
    'paved/smoke-test bundle, whole step under Node 24 (startup included)',
    async () => {
      const run = await runAction('smoke-test', { inputs: { url: base, checks: 'smoke.yml' }, workspace });
      if (run.outputs.passed !== 'true') throw new Error(`bundle run failed:\n${run.stdout}`);
    },
  ],
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const rows: string[][] = [];
for (const [name, task] of cases) {
  await task(); // warm-up: JIT, connection pools, the bundle in the page cache
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  rows.push([name, ms(median(times)), ms(Math.min(...times)), ms(Math.max(...times))]);
}
server.close();

const header = ['100 checks against a local service', `median of ${RUNS}`, 'min', 'max'];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] as string).length)));
const line = (cells: string[]) =>
  `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(' | ')} |`;
const output = [
  line(header),
  `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
  ...rows.map(line),
].join('\n');
process.stdout.write(`${output}\n\nNode ${process.version} (engine rows); the bundle row runs Node 24.\n`);
if (process.env.BENCH_OUT) writeFileSync(path.resolve(process.env.BENCH_OUT), `${output}\n`);
