// Benchmark of the deploy-quality-gate against two reference judges, on synthetic services with
// a known truth back-filled into a real Prometheus (promtool), plus one live service scraped
// every second. `npm run bench:gate`; sizes via BENCH_AA, BENCH_PER_EFFECT, BENCH_BLIND,
// BENCH_TRICKLE (per depth and shape) and BENCH_INCIDENT (per length, height, position and
// regression). BENCH_GATE_ACTION points at another build of the action (a folder holding
// action.yml beside ../../dist), to measure an older gate on the same scenarios.
// All traffic stays on 127.0.0.1; every loop is bounded.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startPrometheus, toOpenMetrics, type Prometheus } from '@paved/stack';
import { hodgesLehmann, mean, parseSloFile, PrometheusClient, type GateReport, type Objective } from '@paved/core/gate';
import { runAction } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';
import { serviceSlo, SyntheticService, type ServiceConfig } from '@paved/test-support/gate';

const AA_RUNS = Number(process.env.BENCH_AA ?? 200);
const PER_EFFECT = Number(process.env.BENCH_PER_EFFECT ?? 30);
const BLIND_RUNS = Number(process.env.BENCH_BLIND ?? 10);
const TRICKLE_RUNS = Number(process.env.BENCH_TRICKLE ?? 2);
const INCIDENT_RUNS = Number(process.env.BENCH_INCIDENT ?? 1);
const GATE_ACTION = process.env.BENCH_GATE_ACTION || 'deploy-quality-gate';
const CONCURRENCY = 2;
const EFFECTS = [0.2, 0.5, 1.0];
const BASELINE_MS = 10 * 60_000;
/** History before the baseline, so a gate may look further back for a steady stretch. */
const HISTORY_BEFORE_MS = 30 * 60_000;
const WINDOW_MS = 5 * 60_000;
const STEP_MS = 15_000;
const TOLERANCE = 0.25;

type Verdict = 'pass' | 'warn' | 'fail' | 'inconclusive';
type Judge = 'paved gate' | 'threshold (Argo/Keptn)' | 'Mann-Whitney (Kayenta)';
const JUDGES: Judge[] = ['paved gate', 'threshold (Argo/Keptn)', 'Mann-Whitney (Kayenta)'];

interface Scenario {
  label: string;
  kind: 'aa' | 'regression' | 'nodata' | 'collapse' | 'trickle' | 'outliers';
  variant: string;
  /** Whether a pass is the right answer: false for a regression, no data or a release nobody used. */
  shouldPass: boolean;
  metric?: 'latency' | 'errors';
  effect?: number;
  incident: boolean;
  config?: ServiceConfig;
}

const started = Date.now();
const DEPLOY = Math.floor((Date.now() - 40 * 60_000) / 60_000) * 60_000;
const log = (line: string) =>
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);

function baseConfig(label: string, seed: number): ServiceConfig {
  return {
    service: label,
    seed,
    deployedAtMs: DEPLOY,
    intervalMs: 10_000,
    // Quiet services make noisy error ratios: 30 requests/s gives ~36 errors a minute.
    requestsPerSecond: [30, 100, 200][seed % 3] as number,
    errorRate: 0.02,
    latencyMedianSeconds: 0.1,
  };
}

const incident = { fromMs: DEPLOY - 7 * 60_000, toMs: DEPLOY - 5 * 60_000, latency: 3, errors: 4 };
const VARIANTS: Array<[string, (config: ServiceConfig, seed: number) => ServiceConfig]> = [
  ['noise', (c) => c],
  ['trend', (c, seed) => ({ ...c, trendPerMinute: seed % 2 ? 0.01 : -0.01 })],
  ['baseline incident', (c) => ({ ...c, incident })],
  ['traffic level change', (c, seed) => ({ ...c, after: { ...c.after, traffic: seed % 2 ? 0.5 : 2 } })],
  ['new instances', (c) => ({ ...c, newInstancesAtDeploy: true })],
  ['counter reset', (c) => ({ ...c, counterResetAtDeploy: true })],
];

function scenarios(): Scenario[] {
  const list: Scenario[] = [];
  let seed = 1000;
  for (let i = 0; i < AA_RUNS; i++) {
    const [variant, apply] = VARIANTS[i % VARIANTS.length] as (typeof VARIANTS)[number];
    const label = `aa-${i}`;
    list.push({
      label,
      kind: 'aa',
      variant,
      shouldPass: true,
      incident: variant === 'baseline incident',
      config: apply(baseConfig(label, ++seed), seed),
    });
  }
  for (const metric of ['latency', 'errors'] as const) {
    for (const effect of EFFECTS) {
      for (let i = 0; i < PER_EFFECT; i++) {
        // A third of the regressions hide behind an incident in the baseline.
        const withIncident = i % 3 === 2;
        const [variant, apply] = withIncident
          ? (VARIANTS[2] as (typeof VARIANTS)[number])
          : (VARIANTS[[0, 1, 3, 4, 5][i % 5] as number] as (typeof VARIANTS)[number]);
        const label = `${metric}-${effect}-${i}`;
        const regressed = {
          ...baseConfig(label, ++seed),
          after: metric === 'latency' ? { latency: 1 + effect } : { errors: 1 + effect },
        };
        list.push({
          label,
          kind: 'regression',
          variant,
          shouldPass: false,
          metric,
          effect,
          incident: withIncident,
          config: apply(regressed, seed),
        });
      }
    }
  }
  for (let i = 0; i < BLIND_RUNS; i++) {
    list.push({ label: `nodata-${i}`, kind: 'nodata', variant: 'no series', shouldPass: false, incident: false });
    const label = `collapse-${i}`;
    list.push({
      label,
      kind: 'collapse',
      variant: 'traffic stops',
      shouldPass: false,
      incident: false,
      config: { ...baseConfig(label, ++seed), after: { traffic: 0 } },
    });
  }
  // Traffic collapses to a trickle: the release looks healthy on almost no requests.
  for (const depth of TRICKLE_DEPTHS) {
    for (const [shape, trafficAfterDeploy] of TRICKLE_SHAPES(depth)) {
      for (let i = 0; i < TRICKLE_RUNS; i++) {
        const label = `trickle-${depth}-${shape}-${i}`;
        list.push({
          label,
          kind: 'trickle',
          variant: `${shape}, ${depth * 100}% of the traffic`,
          shouldPass: false,
          incident: false,
          config: { ...baseConfig(label, ++seed), trafficAfterDeploy },
        });
      }
    }
  }
  // Large incidents in the baseline, with and without a real regression after the deploy.
  for (const [length, position, height, after] of incidentGrid()) {
    for (let i = 0; i < INCIDENT_RUNS; i++) {
      const label = `outliers-${length}-${position}-${height.name}-${after.name}-${i}`;
      const lengthMs = length * 60_000;
      const fromMs =
        position === 'start'
          ? DEPLOY - BASELINE_MS
          : position === 'middle'
            ? DEPLOY - BASELINE_MS / 2 - lengthMs / 2
            : DEPLOY - lengthMs;
      const config = baseConfig(label, ++seed);
      list.push({
        label,
        kind: 'outliers',
        variant: `${length} min ${height.name} incident at the ${position}, ${after.name}`,
        shouldPass: after.name === 'no regression',
        incident: true,
        config: {
          ...config,
          incident: { fromMs, toMs: fromMs + lengthMs, latency: height.latency, errors: height.errors },
          ...(after.after ? { after: after.after } : {}),
        },
      });
    }
  }
  return list;
}

const TRICKLE_DEPTHS = [0.1, 0.03, 0.01, 0.003];
function TRICKLE_SHAPES(depth: number): Array<[string, (ms: number) => number]> {
  return [
    ['step', () => depth],
    // Falls from full traffic to the trickle over the first 90 s.
    ['ramp down', (ms) => Math.max(depth, 1 - (ms / 90_000) * (1 - depth))],
    // Full traffic for a minute, then the trickle (routing breaks later).
    ['after a minute', (ms) => (ms < 60_000 ? 1 : depth)],
    // A trickle that comes and goes: three times the depth every other half-minute.
    ['uneven', (ms) => (Math.floor(ms / 30_000) % 2 ? depth * 3 : depth / 2)],
  ];
}

interface IncidentAfter {
  name: string;
  after?: ServiceConfig['after'];
}
function incidentGrid(): Array<
  [number, 'start' | 'middle' | 'end', { name: string; latency: number; errors: number }, IncidentAfter]
> {
  const grid: Array<
    [number, 'start' | 'middle' | 'end', { name: string; latency: number; errors: number }, IncidentAfter]
  > = [];
  const heights = [
    { name: 'moderate', latency: 1.6, errors: 2 },
    { name: 'high', latency: 3, errors: 4 },
  ];
  const afters: IncidentAfter[] = [
    { name: 'no regression' },
    { name: 'latency x2 after', after: { latency: 2 } },
    { name: 'errors x2 after', after: { errors: 2 } },
  ];
  for (const length of [3, 5, 7])
    for (const position of ['start', 'middle', 'end'] as const)
      for (const height of heights) for (const after of afters) grid.push([length, position, height, after]);
  return grid;
}

// ---------- reference judges (as the bench's own code, over the same query results) ----------

interface Windows {
  baseline: number[];
  candidate: number[];
  baselineSeries: number;
  candidateSeries: number;
}

/**
 * Argo AnalysisTemplate / Keptn style: the window's average against fixed bounds and against
 * the baseline's average (+25%). NaN results pass through the `|| isNaN(result[0])` idiom
 * users add for quiet periods; an empty result is a measurement error (Argo: Error, not a pass).
 */
function thresholdJudge(objectives: Objective[], data: Windows[]): Verdict {
  let failedCritical = false;
  let errors = 0;
  let held = 0;
  for (const [index, objective] of objectives.entries()) {
    const windows = data[index] as Windows;
    if (windows.candidateSeries === 0) {
      errors++;
      continue;
    }
    const candidate = windows.candidate.filter(Number.isFinite);
    const baseline = windows.baseline.filter(Number.isFinite);
    if (candidate.length === 0) {
      held++;
      continue;
    }
    const value = mean(candidate);
    const reference = mean(baseline);
    const bad =
      (objective.max !== undefined && value > objective.max) ||
      (objective.maxRegression !== undefined && baseline.length > 0 && value > reference * (1 + TOLERANCE));
    if (bad && objective.critical) failedCritical = true;
    if (!bad) held++;
  }
  if (failedCritical) return 'fail';
  if (errors > 0) return 'inconclusive';
  const score = (100 * held) / objectives.length;
  return score >= 90 ? 'pass' : score >= 75 ? 'warn' : 'fail';
}

/**
 * Kayenta style: per metric, Mann-Whitney at confidence 0.98 (two-sided CI of the shift) with
 * NaN removed, independent points assumed; High when the CI excludes 0 and the ratio of means
 * exceeds 1 + tolerance (0.25). NODATA for an empty window; ≥ 50 % NODATA scores 0; a failed
 * critical metric scores 0; pass at 90, marginal (warn) at 75.
 */
function kayentaJudge(objectives: Objective[], data: Windows[]): Verdict {
  let nodata = 0;
  let passed = 0;
  let failedCritical = false;
  for (const [index, objective] of objectives.entries()) {
    const windows = data[index] as Windows;
    const candidate = windows.candidate.filter(Number.isFinite);
    const baseline = windows.baseline.filter(Number.isFinite);
    if (candidate.length === 0 || baseline.length === 0) {
      nodata++;
      continue;
    }
    const interval = hodgesLehmann(baseline, candidate, 0.99);
    const ratio = mean(candidate) / mean(baseline);
    const high = objective.direction === 'lower' ? interval.lower > 0 && ratio > 1 + TOLERANCE : false;
    const low = objective.direction === 'higher' ? interval.upper < 0 && ratio < 1 - TOLERANCE : false;
    if (high || low) {
      if (objective.critical) failedCritical = true;
    } else passed++;
  }
  if (nodata * 2 >= objectives.length || failedCritical) return 'fail';
  const score = (100 * passed) / (objectives.length - nodata);
  return score >= 90 ? 'pass' : score >= 75 ? 'warn' : 'fail';
}

async function fetchWindows(
  client: PrometheusClient,
  objectives: Objective[],
  deployedAt: number,
  windowEnd: number,
  stepMs: number,
  baselineMs: number,
): Promise<Windows[]> {
  return Promise.all(
    objectives.map(async (objective) => {
      const [baseline, candidate] = await Promise.all([
        client.queryRange(objective.query, new Date(deployedAt - baselineMs), new Date(deployedAt), stepMs),
        client.queryRange(objective.query, new Date(deployedAt + stepMs), new Date(windowEnd), stepMs),
      ]);
      return {
        baseline: baseline[0]?.points.map(([, v]) => v) ?? [],
        candidate: candidate[0]?.points.map(([, v]) => v) ?? [],
        baselineSeries: baseline.length,
        candidateSeries: candidate.length,
      };
    }),
  );
}

// ---------- the batch: back-filled scenarios ----------

interface Outcome {
  scenario: Scenario;
  verdicts: Record<Judge, Verdict>;
  gateMs: number;
}

async function runBatch(prometheus: Prometheus, list: Scenario[]): Promise<Outcome[]> {
  const client = new PrometheusClient({ url: prometheus.url });
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const scenario = list[next++] as Scenario;
      const sloText = serviceSlo(scenario.label);
      const objectives = parseSloFile(sloText, 'slo.yml').objectives;
      const begun = Date.now();
      const run = await runAction(GATE_ACTION, {
        inputs: {
          'prometheus-url': prometheus.url,
          slo: 'slo.yml',
          'deployed-at': new Date(DEPLOY).toISOString(),
          'baseline-window': '10m',
          window: '5m',
          step: '15s',
        },
        workspace: makeWorkspace({ 'slo.yml': sloText }),
      });
      const gateMs = Date.now() - begun;
      const gate = (run.outputs.verdict ?? 'error') as Verdict;
      if (!run.outputs.verdict)
        log(`gate gave no verdict for ${scenario.label}: ${run.annotations.map((a) => a.message).join(' | ')}`);
      const data = await fetchWindows(client, objectives, DEPLOY, DEPLOY + WINDOW_MS, STEP_MS, BASELINE_MS);
      outcomes.push({
        scenario,
        gateMs,
        verdicts: {
          'paved gate': gate,
          'threshold (Argo/Keptn)': thresholdJudge(objectives, data),
          'Mann-Whitney (Kayenta)': kayentaJudge(objectives, data),
        },
      });
      if (outcomes.length % 50 === 0) log(`${outcomes.length} of ${list.length} scenarios judged`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

// ---------- live: 1 s scrape, a 2x latency regression, time to verdict ----------

interface LiveResult {
  gateSeconds: number | null;
  gateVerdict: string;
  stoppedEarly: boolean;
  thresholdSeconds: number | null;
  kayentaSeconds: number | null;
}

async function runLive(): Promise<LiveResult> {
  const window = 180_000;
  const baselineMs = 120_000;
  const now = Math.floor(Date.now() / 1000) * 1000;
  const service = new SyntheticService({
    service: 'live',
    seed: 99,
    deployedAtMs: Number.MAX_SAFE_INTEGER,
    intervalMs: 1_000,
    requestsPerSecond: 100,
    errorRate: 0.02,
    latencyMedianSeconds: 0.1,
    after: { latency: 2 },
  });
  service.advanceTo(now - baselineMs - 30_000, false);
  service.advanceTo(now);
  const prometheus = await startPrometheus({ history: toOpenMetrics(service.history()), scrapeIntervalSeconds: 1 });
  const server = http.createServer((_, response) => {
    service.advanceTo(Date.now(), false);
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(service.exposition());
  });
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await prometheus.setScrapeJobs([
      { jobName: 'live', targets: [`127.0.0.1:${(server.address() as AddressInfo).port}`] },
    ]);
    await sleep(3_000);
    const deployedAt = Date.now();
    service.config.deployedAtMs = deployedAt;
    log('live: deployed a 2x latency regression; the gate watches with early exit');
    const sloText = serviceSlo('live', { range: '5s' });
    const run = await runAction(GATE_ACTION, {
      inputs: {
        'prometheus-url': prometheus.url,
        slo: 'slo.yml',
        'deployed-at': new Date(deployedAt).toISOString(),
        'baseline-window': '2m',
        window: '3m',
        step: '1s',
      },
      workspace: makeWorkspace({ 'slo.yml': sloText }),
      timeoutMs: 300_000,
    });
    const report = run.outputs.report
      ? (JSON.parse(readFileSync(run.outputs.report, 'utf8')) as GateReport)
      : undefined;
    const gateSeconds = report && report.verdict === 'fail' ? report.secondsAfterDeploy : null;
    log(
      `live: gate ${run.outputs.verdict} after ${report?.secondsAfterDeploy}s (stopped early: ${report?.stoppedEarly})`,
    );
    // Argo-style measurements every 60 s over the traffic so far; Kayenta judges the full window.
    const objectives = parseSloFile(sloText, 'slo.yml').objectives;
    const client = new PrometheusClient({ url: prometheus.url });
    let thresholdSeconds: number | null = null;
    let kayentaSeconds: number | null = null;
    for (const at of [60_000, 120_000, 180_000]) {
      const wait = deployedAt + at + 2_000 - Date.now();
      if (wait > 0) await sleep(wait);
      const data = await fetchWindows(client, objectives, deployedAt, deployedAt + at, 1_000, baselineMs);
      if (thresholdSeconds === null && thresholdJudge(objectives, data) === 'fail') thresholdSeconds = at / 1000;
      if (at === window && kayentaJudge(objectives, data) === 'fail') kayentaSeconds = at / 1000;
    }
    return {
      gateSeconds,
      gateVerdict: run.outputs.verdict ?? 'none',
      stoppedEarly: report?.stoppedEarly ?? false,
      thresholdSeconds,
      kayentaSeconds,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await prometheus.stop();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------- figures ----------

function rate(outcomes: Outcome[], judge: Judge, hit: (verdict: Verdict) => boolean): string {
  if (outcomes.length === 0) return 'n/a';
  const count = outcomes.filter((outcome) => hit(outcome.verdicts[judge])).length;
  return `${((100 * count) / outcomes.length).toFixed(1)}% (${count}/${outcomes.length})`;
}

function table(outcomes: Outcome[], live: LiveResult): string {
  const aa = outcomes.filter((o) => o.scenario.kind === 'aa');
  const blind = outcomes.filter((o) => o.scenario.kind === 'nodata' || o.scenario.kind === 'collapse');
  const regressions = (effect: number, filter: (o: Outcome) => boolean = () => true) =>
    outcomes.filter((o) => o.scenario.kind === 'regression' && o.scenario.effect === effect && filter(o));
  const liveFor: Record<Judge, string> = {
    'paved gate':
      live.gateSeconds === null
        ? `no fail (${live.gateVerdict})`
        : `${live.gateSeconds} s${live.stoppedEarly ? ' (early exit)' : ''}`,
    'threshold (Argo/Keptn)':
      live.thresholdSeconds === null ? 'no fail in 180 s' : `${live.thresholdSeconds} s (60 s interval)`,
    'Mann-Whitney (Kayenta)':
      live.kayentaSeconds === null ? 'no fail at 180 s' : `${live.kayentaSeconds} s (full window)`,
  };
  const rows: Array<[string, ...string[]]> = [
    ['A/A false alarms (verdict fail)', ...JUDGES.map((j) => rate(aa, j, (v) => v === 'fail'))],
    [
      'A/A step not passed (fail or inconclusive)',
      ...JUDGES.map((j) => rate(aa, j, (v) => v === 'fail' || v === 'inconclusive')),
    ],
    ...EFFECTS.map((effect): [string, ...string[]] => [
      `detected +${effect * 100}% (latency and errors)`,
      ...JUDGES.map((j) => rate(regressions(effect), j, (v) => v === 'fail')),
    ]),
    ...EFFECTS.map((effect): [string, ...string[]] => [
      `  of which behind a baseline incident, +${effect * 100}%`,
      ...JUDGES.map((j) =>
        rate(
          regressions(effect, (o) => o.scenario.incident),
          j,
          (v) => v === 'fail',
        ),
      ),
    ]),
    [
      'unsafe passes (pass or warn on no data / collapse)',
      ...JUDGES.map((j) => rate(blind, j, (v) => v === 'pass' || v === 'warn')),
    ],
    ...classRows(outcomes),
    ['time to fail, live 2x latency, 1 s scrape', ...JUDGES.map((j) => liveFor[j])],
  ];
  const header: [string, ...string[]] = ['', ...JUDGES];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * Per class of the harder scenarios: unsafe passes (pass or warn where a pass is wrong) and
 * false alarms (fail where a pass is right); inconclusive is neither.
 */
function classRows(outcomes: Outcome[]): Array<[string, ...string[]]> {
  const passed = (v: Verdict) => v === 'pass' || v === 'warn';
  const rows: Array<[string, ...string[]]> = [];
  const trickle = outcomes.filter((o) => o.scenario.kind === 'trickle');
  for (const depth of TRICKLE_DEPTHS) {
    const group = trickle.filter((o) => o.scenario.variant.endsWith(`, ${depth * 100}% of the traffic`));
    rows.push([`unsafe passes, trickle to ${depth * 100}% (4 shapes)`, ...JUDGES.map((j) => rate(group, j, passed))]);
  }
  const outliers = outcomes.filter((o) => o.scenario.kind === 'outliers');
  for (const length of [3, 5, 7]) {
    const group = outliers.filter((o) => o.scenario.variant.startsWith(`${length} min `));
    const bad = group.filter((o) => !o.scenario.shouldPass);
    const good = group.filter((o) => o.scenario.shouldPass);
    rows.push([
      `unsafe passes, ${length} min baseline incident + regression x2`,
      ...JUDGES.map((j) => rate(bad, j, passed)),
    ]);
    rows.push([
      `false alarms, ${length} min baseline incident alone`,
      ...JUDGES.map((j) => rate(good, j, (v) => v === 'fail')),
    ]);
  }
  return rows;
}

function breakdown(outcomes: Outcome[]): string {
  const lines: string[] = [];
  for (const kind of ['aa', 'nodata', 'collapse', 'trickle', 'outliers'] as const) {
    const variants = [...new Set(outcomes.filter((o) => o.scenario.kind === kind).map((o) => o.scenario.variant))];
    for (const variant of variants) {
      const group = outcomes.filter((o) => o.scenario.kind === kind && o.scenario.variant === variant);
      const counts = JUDGES.map((judge) => {
        const tally: Record<string, number> = {};
        for (const o of group) tally[o.verdicts[judge]] = (tally[o.verdicts[judge]] ?? 0) + 1;
        return `${judge}: ${Object.entries(tally)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`;
      });
      lines.push(`  ${kind} / ${variant} (${group.length}): ${counts.join(' · ')}`);
    }
  }
  for (const metric of ['latency', 'errors'] as const) {
    const cells = EFFECTS.map((effect) => {
      const group = outcomes.filter((o) => o.scenario.metric === metric && o.scenario.effect === effect);
      return `+${effect * 100}%: ${JUDGES.map((j) => `${group.filter((o) => o.verdicts[j] === 'fail').length}`).join('/')} of ${group.length}`;
    });
    lines.push(`  detection, ${metric} (gate/threshold/kayenta): ${cells.join(' · ')}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const bundle = path.join(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
    'dist',
    'deploy-quality-gate',
    'index.js',
  );
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: run node scripts/build.mjs deploy-quality-gate first`);
  const list = scenarios();
  log(`generating ${list.length} synthetic services (10 s samples, deploy at ${new Date(DEPLOY).toISOString()})`);
  const series = list.flatMap((scenario) => {
    if (!scenario.config) return [];
    const service = new SyntheticService(scenario.config);
    service.advanceTo(DEPLOY - BASELINE_MS - HISTORY_BEFORE_MS - 2 * 60_000, false);
    service.advanceTo(DEPLOY + WINDOW_MS + 60_000);
    return service.history();
  });
  const openMetrics = toOpenMetrics(series);
  log(`back-filling ${(openMetrics.length / 1e6).toFixed(0)} MB of OpenMetrics with promtool`);
  const prometheus = await startPrometheus({ history: openMetrics, timeoutMs: 120_000 });
  try {
    log(`Prometheus ${prometheus.url} ready; judging (${CONCURRENCY} at a time) while the live scenario runs`);
    const skipLive = process.env.BENCH_LIVE === '0';
    const noLive: LiveResult = {
      gateSeconds: null,
      gateVerdict: 'skipped',
      stoppedEarly: false,
      thresholdSeconds: null,
      kayentaSeconds: null,
    };
    const [outcomes, live] = await Promise.all([runBatch(prometheus, list), skipLive ? noLive : runLive()]);
    const gateTimes = outcomes.map((o) => o.gateMs).sort((a, b) => a - b);
    const output = [
      '',
      `deploy-quality-gate bench: ${outcomes.length} back-filled scenarios + 1 live, ${((Date.now() - started) / 1000).toFixed(0)} s on ${os.cpus().length} cores`,
      `(gate bundle run: median ${gateTimes[Math.floor(gateTimes.length / 2)]} ms per scenario; max-regression / tolerance ${TOLERANCE * 100}%, baseline 10m, window 5m, step 15s)`,
      '',
      table(outcomes, live),
      '',
      breakdown(outcomes),
      '',
    ].join('\n');
    process.stdout.write(output);
    const file = path.join(os.tmpdir(), 'paved-bench-gate.txt');
    writeFileSync(file, output);
    log(`figures written to ${file}`);
  } finally {
    await prometheus.stop();
  }
}

await main();
