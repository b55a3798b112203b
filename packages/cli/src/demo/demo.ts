// `npm run demo`: the whole pipeline on the local stack, with `paved run` on the real deploy.yml
// template. Releases v1 (gates pass), then a v2 that is slower and fails 10% of its requests
// (the smoke test passes, the quality gate fails and says why, the rollback job restores v1),
// with load on both environments throughout. Ends with a report: the timeline, each verdict and
// why, requests failed during each switch, and the time to restore. Kept out of core: it only
// drives what users drive (paved run, the stack, git).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Caddy, Stack } from '@paved/stack';
import type { JobRun } from '../execution/types.js';
import { formatDuration } from '../report/format.js';
import { PAVED_ROOT, runPaved, type PavedRunResult } from '../run-paved.js';
import { startLocalStack } from '../stack/assemble.js';
import { startLoad, type LoadInstance } from '../stack/autocannon.js';

const SERVICE_FILES = ['server.mjs', 'migrate.mjs', 'Dockerfile'];
const GOOD = { version: 'v1', latencyMs: 0, errorRate: 0 };
const REGRESSED = { version: 'v2', latencyMs: 80, errorRate: 0.1 };
// The gate's shortest windows (its inputs allow 30s and 1m), at a 1 s step with [5s] rates.
const GATE = { window: '30s', baseline: '1m', step: '1s' };
const LOAD_RATE = 40;
const MAX_LOAD_SECONDS = 600;

export interface DemoOptions {
  out?: { write(text: string): unknown };
  /** Run scripts/install-stack.sh first (default true). */
  install?: boolean;
  /** Aborting cancels the running workflow; the stack is stopped on the way out. */
  signal?: AbortSignal;
}

export interface DemoResult {
  ok: boolean;
  failed: string[];
  report: string;
}

/** One row of the report's timeline. */
interface TimelineEntry {
  at: number;
  text: string;
}

interface GateReportFile {
  verdict: string;
  score: number;
  reason: string;
  environment?: string;
  deployedAt: string;
  secondsAfterDeploy: number;
  stoppedEarly: boolean;
  objectives: Array<{ name: string; status: string; reason: string }>;
}

/** Load on one URL: every answer and error with its time. */
interface Probe {
  env: string;
  path: string;
  events: Array<{ at: number; ok: boolean; status: number | 'error' }>;
  instance: LoadInstance;
}

function startProbe(env: string, baseUrl: string, urlPath: string): Probe {
  const instance = startLoad({
    url: `${baseUrl}${urlPath}`,
    connections: 4,
    overallRate: LOAD_RATE,
    duration: MAX_LOAD_SECONDS,
    timeout: 5,
  });
  const probe: Probe = { env, path: urlPath, events: [], instance };
  instance.on('response', (_client, statusCode) =>
    probe.events.push({ at: Date.now(), ok: statusCode >= 200 && statusCode < 300, status: statusCode }),
  );
  instance.on('reqError', () => probe.events.push({ at: Date.now(), ok: false, status: 'error' }));
  instance.on('timeout', () => probe.events.push({ at: Date.now(), ok: false, status: 'error' }));
  return probe;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function writeFile(root: string, relative: string, text: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function pavedConfig(stack: Stack<'docker'>, staging: Caddy, production: Caddy): string {
  const environment = (name: string, caddy: Caddy) => `  ${name}:
    url: ${caddy.url}
    host: ${stack.docker.host}
    proxy-url: ${caddy.adminUrl}
    proxy-route: ${caddy.handlerId}
`;
  return `service: shop
defaults:
  health-path: /healthz
  health-timeout: 30s
  drain-timeout: 2s
  retain: 3
environments:
${environment('staging', staging)}${environment('production', production)}`;
}

const SMOKE = `checks:
  - name: health
    path: /healthz
    expect:
      status: 200
`;

// Each environment is scraped through its proxy with an environment label; the template shares
// one SLO file, and each gate fills its own environment into the queries.
const SLO = `objectives:
  - name: error-rate
    query: (sum(rate(http_requests_total{environment="\${environment}",path="/",code=~"5.."}[5s])) or vector(0)) / sum(rate(http_requests_total{environment="\${environment}",path="/"}[5s]))
    direction: lower
    max: 0.02
    max-regression: 50%
    critical: true
  - name: latency-p95
    query: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{environment="\${environment}",path="/"}[5s])))
    direction: lower
    max: 0.05
    max-regression: 50%
    critical: true
`;

function findGateReports(runDir: string | undefined): GateReportFile[] {
  if (!runDir) return [];
  const found: GateReportFile[] = [];
  const visit = (dir: string, depth: number) => {
    if (depth > 6) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full, depth + 1);
      else if (/^deploy-quality-gate-.*\.json$/.test(entry.name)) {
        found.push(JSON.parse(readFileSync(full, 'utf8')) as GateReportFile);
      }
    }
  };
  visit(runDir, 0);
  return found.sort((a, b) => Date.parse(a.deployedAt) - Date.parse(b.deployedAt));
}

/** A run's jobs as timeline rows: when each started and ended, or that it was skipped and why. */
function jobTimeline(run: PavedRunResult): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const job of run.jobs) {
    if (job.skipReason !== undefined) {
      const reason = job.skipReason.startsWith('if: ') ? 'its if: did not hold' : job.skipReason;
      entries.push({ at: job.startedAt.getTime(), text: `○ ${job.label} skipped (${reason})` });
    } else if (job.calls === undefined) {
      // A caller's own start and end frame its jobs, which are listed after it.
      const outcome = job.result === 'success' ? 'succeeded' : job.result === 'failure' ? 'failed' : job.result;
      entries.push({ at: job.startedAt.getTime(), text: `● ${job.label}` });
      entries.push({
        at: job.endedAt.getTime(),
        text: `${job.result === 'success' ? '✓' : '✗'} ${job.label} ${outcome} in ${formatDuration(job.durationMs)}`,
      });
    }
  }
  return entries;
}

async function body(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return `${response.status} ${(await response.text()).trim()}`;
  } catch (error) {
    return `error ${(error as Error).message}`;
  }
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const out = options.out ?? process.stdout;
  const started = Date.now();
  const clock = (at: number) => `+${((at - started) / 1000).toFixed(1).padStart(6)}s`;
  const say = (text: string) => out.write(`${clock(Date.now())}  ${text}\n`);
  const expectations: Array<{ what: string; ok: boolean; detail: string }> = [];
  const expect = (what: string, ok: boolean, detail = '') => {
    expectations.push({ what, ok, detail });
    say(`${ok ? '✓' : '✗'} ${what}${detail ? ` (${detail})` : ''}`);
  };

  if (options.install !== false) {
    say('Checking the local stack programs (scripts/install-stack.sh)…');
    execFileSync('bash', [path.join(PAVED_ROOT, 'scripts', 'install-stack.sh')], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }

  say('Starting the local stack: Docker Engine, registry, Prometheus (1 s scrape), Pushgateway, two Caddy proxies…');
  const local = await startLocalStack({
    environments: [
      { name: 'staging', handlerId: 'paved-upstream' },
      { name: 'production', handlerId: 'shop-production' },
    ],
    jobPrefix: 'shop',
    scrapeIntervalSeconds: 1,
    nodeBaseImage: true,
  });
  const stack = local.stack;
  const probes: Probe[] = [];
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'paved-demo-'));
  const previousDockerHost = process.env.DOCKER_HOST;
  const timeline: TimelineEntry[] = [];
  try {
    const staging = local.proxies[0]!.caddy;
    const production = local.proxies[1]!.caddy;

    // The repository: the example service at its root, Paved's config, one commit per release.
    for (const file of SERVICE_FILES) {
      copyFileSync(path.join(PAVED_ROOT, 'examples', 'service', file), path.join(workspace, file));
    }
    writeFile(workspace, '.github/paved.yml', pavedConfig(stack, staging, production));
    writeFile(workspace, '.github/paved/smoke-checks.yml', SMOKE);
    writeFile(workspace, '.github/paved/slo.yml', SLO);
    writeFile(workspace, '.gitignore', '.paved/\n');
    git(workspace, ['init', '--quiet', '--initial-branch', 'main']);
    git(workspace, ['config', 'user.email', 'demo@paved.invalid']);
    git(workspace, ['config', 'user.name', 'Paved demo']);

    // Build jobs talk to the stack's engine, as a self-hosted runner's steps use its DOCKER_HOST.
    process.env.DOCKER_HOST = stack.docker.host;
    const vars = [
      `PAVED_IMAGE=${stack.registry.address}/acme/shop`,
      `PAVED_PROMETHEUS_URL=${stack.prometheus.url}`,
      `PAVED_PUSHGATEWAY_URL=${stack.pushgateway.url}`,
      `PAVED_GATE_WINDOW=${GATE.window}`,
      `PAVED_BASELINE_WINDOW=${GATE.baseline}`,
      `PAVED_GATE_STEP=${GATE.step}`,
    ];
    const logFile = path.join(workspace, 'paved-run.log');
    const release = async (label: string, knobs: typeof GOOD): Promise<PavedRunResult> => {
      writeFile(workspace, 'release.json', `${JSON.stringify(knobs, null, 2)}\n`);
      git(workspace, ['add', '--all']);
      git(workspace, ['commit', '--quiet', '--message', `Release ${knobs.version}: ${JSON.stringify(knobs)}`]);
      say(`${label}: paved run workflows-templates/deploy.yml (${knobs.version}: ${JSON.stringify(knobs)})`);
      timeline.push({
        at: Date.now(),
        text: `▶ ${label}: commit ${knobs.version}, paved run workflows-templates/deploy.yml`,
      });
      let partial = '';
      const result = await runPaved({
        workflow: path.join(PAVED_ROOT, 'workflows-templates', 'deploy.yml'),
        workspace,
        vars: Object.fromEntries(
          vars.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
        ),
        repository: 'acme/shop',
        actor: 'mona',
        // The demo brings its own stack; one left running by `paved stack up` stays out of it.
        useStack: false,
        quiet: true,
        color: false,
        signal: options.signal,
        out: {
          write(text: string) {
            writeFileSync(logFile, text, { flag: 'a' });
            partial += text;
            const parts = partial.split('\n');
            partial = parts.pop() ?? '';
            // Quiet: step output shows only for failed steps, so everything here is worth seeing.
            for (const text of parts) if (text.trim()) out.write(`${clock(Date.now())}  ${text}\n`);
            return true;
          },
        },
      });
      timeline.push(...jobTimeline(result));
      return result;
    };

    // A job of one environment's stage (its label starts with the stage's name, e.g. "Staging / Deploy").
    const jobOf = (run: PavedRunResult, env: string, id: string): JobRun | undefined =>
      run.jobs.find((job) => job.id === id && job.label.toLowerCase().startsWith(env.toLowerCase()));
    const jobResult = (run: PavedRunResult, env: string, id: string) => jobOf(run, env, id)?.result ?? 'not run';
    // When a job that ran started and ended; undefined for a job that did not run.
    const ranFrom = (job: JobRun | undefined) => (job && !job.skipReason ? job.startedAt.getTime() : undefined);
    const ranUntil = (job: JobRun | undefined) => (job && !job.skipReason ? job.endedAt.getTime() : undefined);

    for (const [env, caddy] of [
      ['staging', staging],
      ['production', production],
    ] as const) {
      probes.push(startProbe(env, caddy.url, '/'), startProbe(env, caddy.url, '/healthz'));
    }
    say(`Load: ${LOAD_RATE} req/s on / and ${LOAD_RATE} req/s on /healthz through each proxy, until the end`);

    // v1: the first release. Nothing ran before it, so the gates judge it by absolute bounds.
    const v1 = await release('Release v1', GOOD);
    if (options.signal?.aborted) throw new Error('Stopped.');
    expect('v1: paved run succeeds', v1.exitCode === 0, `exit code ${v1.exitCode}`);
    const v1Reports = findGateReports(v1.runDir);
    for (const env of ['staging', 'production']) {
      const report = v1Reports.find((r) => r.environment === env);
      expect(`v1: ${env} gate passes`, report?.verdict === 'pass', report ? `${report.verdict}` : 'no report');
    }
    expect('v1 serves staging', (await body(staging.url)) === '200 v1', await body(staging.url));
    expect('v1 serves production', (await body(production.url)) === '200 v1', await body(production.url));

    // v2: slower and failing; the smoke test passes, the gate fails, the stage rolls back.
    const v2 = await release('Release v2 (regressed)', REGRESSED);
    expect('v2: paved run fails (the gate caught it)', v2.exitCode === 1, `exit code ${v2.exitCode}`);
    for (const [id, wanted, what] of [
      ['deploy', 'success', 'staging deploy succeeds'],
      ['smoke-test', 'success', 'staging smoke test passes'],
      ['quality-gate', 'failure', 'staging quality gate fails'],
      ['rollback', 'success', 'staging rolls back'],
    ] as const) {
      const result = jobResult(v2, 'staging', id);
      expect(`v2: ${what}`, result === wanted, result);
    }
    const productionJobs = v2.jobs.filter((job) => job.label.toLowerCase().startsWith('production'));
    expect(
      'v2: production is not deployed',
      productionJobs.every((job) => job.result === 'skipped'),
      productionJobs.map((job) => `${job.label} ${job.result}`).join(', ') || 'no production jobs',
    );
    const v2Report = findGateReports(v2.runDir).find((r) => r.environment === 'staging');
    expect('v2: the staging gate verdict is fail', v2Report?.verdict === 'fail', v2Report?.verdict ?? 'no report');
    expect('v1 serves staging again', (await body(staging.url)) === '200 v1', await body(staging.url));
    expect('v1 still serves production', (await body(production.url)) === '200 v1', await body(production.url));
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    // Report.
    const end = Date.now();
    for (const probe of probes) probe.instance.stop();
    const stagingDeployed = jobOf(v2, 'staging', 'deploy')?.outputs['deployed-at'];
    const deployStart = ranFrom(jobOf(v2, 'staging', 'deploy'));
    const deployEnd = ranUntil(jobOf(v2, 'staging', 'deploy'));
    const rollbackStart = ranFrom(jobOf(v2, 'staging', 'rollback'));
    const rollbackEnd = ranUntil(jobOf(v2, 'staging', 'rollback'));
    const v1DeployStart = ranFrom(jobOf(v1, 'staging', 'deploy'));
    const v1DeployEnd = ranUntil(jobOf(v1, 'staging', 'deploy'));
    const failures = (env: string, urlPath: string, from?: number, to?: number) => {
      const probe = probes.find((p) => p.env === env && p.path === urlPath);
      if (!probe || from === undefined || to === undefined) return { sent: 0, failed: -1, why: '' };
      const inside = probe.events.filter((event) => event.at >= from && event.at <= to);
      const failed = inside.filter((event) => !event.ok);
      const why = [...new Set(failed.map((event) => String(event.status)))].join(', ');
      return { sent: inside.length, failed: failed.length, why };
    };
    const v2Switch = failures('staging', '/healthz', deployStart, deployEnd);
    const rollbackSwitch = failures('staging', '/healthz', rollbackStart, rollbackEnd);
    const v1Switch = failures('staging', '/healthz', v1DeployStart, v1DeployEnd);
    for (const [which, counted] of [
      ['the v1 → v2 switch', v2Switch],
      ['the rollback switch', rollbackSwitch],
    ] as const) {
      expect(
        `no /healthz request failed during ${which}`,
        counted.failed === 0,
        `${counted.failed} of ${counted.sent}`,
      );
    }
    const after = rollbackEnd ?? end;
    const afterRollback = failures('staging', '/', after, end);
    const regressedTraffic = failures('staging', '/', deployEnd, rollbackEnd);
    const mttrMs = stagingDeployed && rollbackEnd ? rollbackEnd - Date.parse(stagingDeployed) : undefined;
    expect(
      'MTTR measured',
      mttrMs !== undefined && mttrMs > 0,
      mttrMs === undefined ? 'missing' : `${(mttrMs / 1000).toFixed(1)} s`,
    );

    const report: string[] = ['', '═══ Paved demo report ═══', '', 'Timeline (time since the demo started):'];
    for (const entry of timeline) report.push(`  ${clock(entry.at)}  ${entry.text}`);
    report.push('', 'Quality gate verdicts:');
    for (const [label, reports] of [
      ['v1', v1Reports],
      ['v2', findGateReports(v2.runDir)],
    ] as const) {
      for (const r of reports) {
        report.push(
          `  ${label} ${r.environment}: ${r.verdict} (score ${r.score}), ${r.stoppedEarly ? 'stopped early' : 'decided'} ${r.secondsAfterDeploy.toFixed(0)} s after the deploy — ${r.reason}`,
        );
        for (const objective of r.objectives)
          report.push(`      ${objective.name}: ${objective.status} — ${objective.reason}`);
      }
    }
    const describe = (f: { sent: number; failed: number; why: string }) =>
      f.failed < 0 ? 'not measured' : `${f.failed} failed of ${f.sent}${f.why ? ` (${f.why})` : ''}`;
    report.push(
      '',
      'Requests failed during each switch (staging, /healthz through the proxy, during the job that switched):',
      `  v1 deploy: nothing to switch from (first release; before it the proxy had no upstream) — ${describe(v1Switch)}`,
      `  v1 → v2 deploy: ${describe(v2Switch)}`,
      `  v2 → v1 rollback: ${describe(rollbackSwitch)}`,
      `  GET / while v2 served staging (its intended 500s): ${describe(regressedTraffic)}`,
      `  GET / after the rollback: ${describe(afterRollback)}`,
      '',
      `Time to restore (MTTR), from v2 taking traffic (${stagingDeployed ?? '?'}) to the rollback's success: ${
        mttrMs === undefined ? 'not measured' : `${(mttrMs / 1000).toFixed(1)} s`
      }`,
      '',
      'Expectations:',
      ...expectations.map((e) => `  ${e.ok ? '✓' : '✗'} ${e.what}${e.detail ? ` (${e.detail})` : ''}`),
      '',
      `Total ${((Date.now() - started) / 1000).toFixed(0)} s. paved run output: ${logFile} (kept with PAVED_DEMO_KEEP=1)`,
    );
    const failed = expectations.filter((e) => !e.ok).map((e) => e.what);
    report.push(
      failed.length === 0 ? 'DEMO PASSED: every step behaved as expected.' : `DEMO FAILED: ${failed.join('; ')}`,
    );
    const text = report.join('\n');
    out.write(`${text}\n`);
    return { ok: failed.length === 0, failed, report: text };
  } catch (error) {
    const message = `DEMO FAILED: ${(error as Error).stack ?? String(error)}`;
    out.write(`${message}\n`);
    return { ok: false, failed: [message], report: message };
  } finally {
    for (const probe of probes) probe.instance.stop();
    if (previousDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = previousDockerHost;
    await local.stop();
    if (process.env.PAVED_DEMO_KEEP) say(`Kept the demo repository: ${workspace}`);
    else rmSync(workspace, { recursive: true, force: true });
  }
}
