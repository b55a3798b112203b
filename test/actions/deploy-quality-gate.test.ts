import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGitHubEmulator } from '@paved/github-emulator';
import { describeWithStack, freePort, startPrometheus, toOpenMetrics, type Prometheus } from '@paved/stack';
import type { GateReport } from '@paved/core';
import { hasStackTrace, runAction } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';
import { serviceSlo, SyntheticService, type ServiceConfig } from '@paved/test-support/gate';

// Back-filled history: every service deployed at DEPLOY, half an hour ago, so the windows are
// complete and the gate judges at once.
const DEPLOY = Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000;
const SERVICES: Array<Omit<ServiceConfig, 'deployedAtMs' | 'intervalMs'>> = [
  {
    service: 'healthy',
    seed: 1,
    requestsPerSecond: 100,
    errorRate: 0.02,
    latencyMedianSeconds: 0.1,
    newInstancesAtDeploy: true,
  },
  {
    service: 'slower',
    seed: 2,
    requestsPerSecond: 100,
    errorRate: 0.02,
    latencyMedianSeconds: 0.1,
    after: { latency: 1.8 },
  },
  {
    service: 'incident',
    seed: 3,
    requestsPerSecond: 100,
    errorRate: 0.02,
    latencyMedianSeconds: 0.1,
    incident: { fromMs: DEPLOY - 7 * 60_000, toMs: DEPLOY - 5 * 60_000, latency: 3, errors: 4 },
  },
  {
    service: 'trickle',
    seed: 5,
    requestsPerSecond: 100,
    errorRate: 0.02,
    latencyMedianSeconds: 0.1,
    after: { traffic: 0.02 },
  },
  {
    service: 'long-incident',
    seed: 6,
    requestsPerSecond: 100,
    errorRate: 0.02,
    latencyMedianSeconds: 0.1,
    incident: { fromMs: DEPLOY - 7 * 60_000, toMs: DEPLOY, latency: 3, errors: 4 },
    after: { latency: 2 },
  },
  {
    service: 'collapse',
    seed: 4,
    requestsPerSecond: 100,
    errorRate: 0.02,
    latencyMedianSeconds: 0.1,
    after: { traffic: 0 },
  },
];

function history(): string {
  const series = SERVICES.flatMap((config) => {
    const service = new SyntheticService({ ...config, deployedAtMs: DEPLOY, intervalMs: 10_000 });
    // From 42 minutes before: the baseline plus the default look-back of 30m.
    service.advanceTo(DEPLOY - 42 * 60_000, false);
    service.advanceTo(DEPLOY + 6 * 60_000);
    return service.history();
  });
  return toOpenMetrics(series);
}

function gate(prometheusUrl: string, slo: string, inputs: Record<string, string> = {}) {
  return runAction('deploy-quality-gate', {
    inputs: {
      'prometheus-url': prometheusUrl,
      slo: 'slo.yml',
      'deployed-at': new Date(DEPLOY).toISOString(),
      environment: 'production',
      ...inputs,
    },
    workspace: makeWorkspace({ 'slo.yml': slo }),
  });
}

function reportOf(run: { outputs: Record<string, string> }): GateReport {
  return JSON.parse(readFileSync(run.outputs.report as string, 'utf8')) as GateReport;
}

describeWithStack('deploy-quality-gate against a real Prometheus with back-filled history', ['prometheus'], () => {
  let prometheus: Prometheus;
  beforeAll(async () => {
    prometheus = await startPrometheus({ history: history() });
  }, 120_000);
  afterAll(async () => {
    await prometheus?.stop();
  });

  it('passes a healthy release whose new instances restart every counter', async () => {
    const run = await gate(prometheus.url, serviceSlo('healthy'));
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.outputs.score).toBe('100');
    const report = reportOf(run);
    expect(report.objectives.map((o) => o.status)).toEqual(['pass', 'pass']);
    expect(report.objectives[0]?.candidate.points).toBeGreaterThanOrEqual(18);
    expect(run.summary).toContain('xychart-beta');
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('passes a healthy release whose baseline held an incident', async () => {
    const run = await gate(prometheus.url, serviceSlo('incident'));
    expect(run.outputs.verdict).toBe('pass');
    expect(run.exitCode).toBe(0);
    // One incident mask for both objectives, smeared edges included: the same points leave each baseline.
    const [errors, latency] = reportOf(run).objectives;
    expect(latency?.baseline.outlierPoints).toBeGreaterThanOrEqual(8);
    expect(errors?.baseline.outlierRanges).toEqual(latency?.baseline.outlierRanges);
    expect(run.summary).toMatch(/left out as a disturbance \(\d\d:\d\d:\d\d–\d\d:\d\d:\d\d UTC\)/);
    // Both objectives carry their traffic: the ratio's denominator, the histogram's +Inf bucket.
    expect(run.summary).toContain('**Traffic watched:** `sum(rate(http_requests_total{service="incident"}[1m]))`');
  });

  it('fails a latency regression and explains it in the summary and the report', async () => {
    const run = await gate(prometheus.url, serviceSlo('slower'));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    const report = reportOf(run);
    const latency = report.objectives.find((o) => o.name === 'latency-p95');
    expect(latency?.status).toBe('fail');
    expect(latency?.change?.relative).toBeGreaterThan(0.5);
    expect(latency?.test?.pValue).toBeLessThan(0.01);
    expect(latency?.reason).toMatch(
      /^latency-p95 rose \d+(\.\d)?% \(medians [\d.]+ → [\d.]+(, \d+ baseline points? of a disturbance left out)?; Hodges-Lehmann shift [\d.]+\), more than the allowed 25%; Mann-Whitney U = \d+, p = [\d.]+: not noise\.$/,
    );
    expect(latency?.series.baseline.length).toBeGreaterThan(30);
    expect(report.objectives.find((o) => o.name === 'error-rate')?.status).toBe('pass');
    // The summary shows the query, both ranges, the numbers, the test and a chart.
    expect(run.summary).toContain('histogram_quantile(0.95');
    expect(run.summary).toContain(report.baselineWindow.start);
    expect(run.summary).toContain(report.candidateWindow.end);
    expect(run.summary).toMatch(/Mann-Whitney U = \d+/);
    expect(run.summary).toContain('```mermaid');
    expect(run.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'error', message: expect.stringContaining('latency-p95 rose') }),
        expect.objectContaining({ level: 'error', message: expect.stringMatching(/^Quality gate fail/) }),
      ]),
    );
  });

  it('serves every environment from one SLO file: ${environment} in a query is the environment input', async () => {
    // Here the synthetic services stand for environments: the label the query selects on is the input's value.
    const shared = serviceSlo('${environment}');
    const healthy = await gate(prometheus.url, shared, { environment: 'healthy' });
    const slower = await gate(prometheus.url, shared, { environment: 'slower' });
    expect([healthy.outputs.verdict, slower.outputs.verdict]).toEqual(['pass', 'fail']);
    expect(reportOf(slower).objectives.find((o) => o.name === 'latency-p95')?.query).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="slower"}[1m])))',
    );
    expect(slower.summary).toContain('http_requests_total{service="slower",code="500"}');

    const unbound = await gate(prometheus.url, shared, { environment: '' });
    expect(unbound.exitCode).toBe(1);
    expect(unbound.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      "slo.yml: objective 'error-rate' queries ${environment}, but the input 'environment' is empty: " +
        'pass the environment the release went to (environment: staging)',
    ]);
    expect(hasStackTrace(unbound.stdout + unbound.stderr)).toBe(false);
  });

  it('records the verdict on the deployment and keeps one comment on the pull request up to date', async () => {
    const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const gh = await startGitHubEmulator({
      autoCreate: true,
      seed: {
        repositories: [
          {
            owner: 'acme',
            name: 'shop',
            commits: [{ sha, message: 'Cache the catalogue' }],
            branches: { main: sha },
            pulls: [
              {
                number: 42,
                title: 'Cache the catalogue',
                head_sha: 'f'.repeat(40),
                merged: true,
                merge_commit_sha: sha,
                commits: [sha],
              },
            ],
            environments: ['production'],
          },
        ],
      },
    });
    try {
      const api = (route: string, body: unknown) =>
        fetch(`${gh.url}/repos/acme/shop/${route}`, {
          method: 'POST',
          headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((response) => response.json() as Promise<{ id: number }>);
      const deployment = await api('deployments', {
        ref: sha,
        environment: 'production',
        required_contexts: [],
        auto_merge: false,
      });
      await api(`deployments/${deployment.id}/statuses`, {
        state: 'in_progress',
        environment_url: 'https://shop.example.com',
      });
      const judge = (service: string) =>
        runAction('deploy-quality-gate', {
          inputs: {
            'prometheus-url': prometheus.url,
            slo: 'slo.yml',
            'deployed-at': String(DEPLOY / 1000),
            environment: 'production',
            'deployment-id': String(deployment.id),
            'comment-on-pr': 'true',
          },
          workspace: makeWorkspace({ 'slo.yml': serviceSlo(service) }),
          github: { apiUrl: gh.url, repository: 'acme/shop', sha },
        });

      const healthy = await judge('healthy');
      expect(healthy.outputs.verdict).toBe('pass');
      let statuses = gh.state.deploymentStatuses.filter((status) => status.deploymentId === deployment.id);
      expect(statuses.at(-1)).toMatchObject({ state: 'success', environmentUrl: 'https://shop.example.com' });
      expect(gh.state.comments).toHaveLength(1);
      expect(gh.state.comments[0]?.body).toContain('Deploy quality gate in **production**: pass');

      const slower = await judge('slower');
      expect(slower.outputs.verdict).toBe('fail');
      statuses = gh.state.deploymentStatuses.filter((status) => status.deploymentId === deployment.id);
      expect(statuses.at(-1)?.state).toBe('failure');
      expect(statuses.at(-1)?.description).toMatch(/^Quality gate: fail \(score 50\)/);
      expect(gh.state.comments).toHaveLength(1);
      const comment = gh.state.comments[0]?.body ?? '';
      expect(comment).toContain('<!-- paved:deploy-quality-gate:production -->');
      expect(comment).toContain('fail (score 50)');
      expect(comment).toMatch(/`latency-p95` \| ❌ fail \| [\d.]+ → [\d.]+ \| \+\d+/);
      expect(comment).toContain('https://github.com/acme/shop/actions/runs/');
      expect(slower.annotations.filter((a) => a.level === 'warning')).toEqual([]);
    } finally {
      await gh.stop();
    }
  });

  it.each([
    ['fail', 1, 'error'],
    ['warn', 0, 'warning'],
    ['pass', 0, 'notice'],
  ])('is inconclusive on a service with no data; on-inconclusive %s', async (mode, exitCode, level) => {
    const run = await gate(prometheus.url, serviceSlo('ghost'), { 'on-inconclusive': mode });
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(run.exitCode).toBe(exitCode);
    expect(run.annotations).toEqual([
      expect.objectContaining({ level, message: expect.stringContaining('on-inconclusive is') }),
    ]);
    expect(reportOf(run).objectives[0]?.reason).toMatch(/^No data: the query returned no series/);
  });

  it('is inconclusive, never a pass, when traffic collapses after the deploy', async () => {
    const run = await gate(prometheus.url, serviceSlo('collapse'));
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(reportOf(run).objectives[0]?.reason).toMatch(/NaN or infinite/);
  });

  it('judges a first release (no series before deployed-at) by its absolute bounds, and only those', async () => {
    // The history starts 42 minutes before DEPLOY: deployed there, the baseline has no series at all.
    const first = { 'deployed-at': new Date(DEPLOY - 42 * 60_000).toISOString() };
    const bounded = serviceSlo('healthy').replace(
      '    direction: lower\n    max-regression: 25%\n    critical: true\npass-score',
      '    direction: lower\n    max: 1\n    max-regression: 25%\n    critical: true\npass-score',
    );
    expect(bounded).not.toBe(serviceSlo('healthy'));
    const run = await gate(prometheus.url, bounded, first);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.exitCode).toBe(0);
    for (const objective of reportOf(run).objectives) {
      expect(objective.status).toBe('pass');
      expect(objective.baseline.series).toBe(0);
      expect(objective.checks.find((check) => check.kind === 'max-regression')?.status).toBe('not-judged');
      expect(objective.reason).toMatch(
        /^candidate median [\d.]+ is within the max [\d.]+; .* regression not judged: no data before deployed-at \(a first release has nothing to compare with\)\.$/,
      );
    }
    expect(run.summary).toContain('not judged: no data before deployed-at');

    // An objective with only max-regression has nothing to decide it: inconclusive, never a pass.
    const unbounded = await gate(prometheus.url, serviceSlo('healthy'), first);
    expect(unbounded.outputs.verdict).toBe('inconclusive');
    expect(unbounded.exitCode).toBe(1);
    const [errors, latency] = reportOf(unbounded).objectives;
    expect(errors?.status).toBe('pass');
    expect(latency?.status).toBe('inconclusive');
    expect(latency?.reason).toMatch(/^no baseline to compare with: No data: the query returned no series/);
  });

  it('cannot judge when Prometheus is down: a distinct outcome, at once, naming what the user set', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await gate(url, serviceSlo('healthy'), {
      'input-sources': 'prometheus-url: repository variable PAVED_PROMETHEUS_URL',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('error');
    expect(run.outputs.reason).toMatch(
      /^The deploy quality gate could not run \(Prometheus could not be asked\): Prometheus at .* could not answer: .*ECONNREFUSED.*Check repository variable PAVED_PROMETHEUS_URL \(input 'prometheus-url'\)/,
    );
    expect(run.outputs.report).toBeUndefined();
    expect(run.summary).toContain('could not judge the release');
    expect(run.summary).toContain('This is not a verdict on the release');
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('names the variable a template set an invalid input from', async () => {
    const run = await gate(prometheus.url, serviceSlo('healthy'), {
      window: '5 parsecs',
      'input-sources': 'window: the repository variable PAVED_GATE_WINDOW',
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      "Input 'window' must be a duration like 90s or 5m from 30s to 1d, got '5 parsecs'. It is set from the repository variable PAVED_GATE_WINDOW.",
    ]);
  });

  it("cannot judge a query Prometheus rejects: a configuration error naming the objective and Prometheus's message", async () => {
    const slo = serviceSlo('healthy').replace('sum by (le) (rate(', 'sum by (le) (rate(((');
    const run = await gate(prometheus.url, slo);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('error');
    expect(run.outputs.reason).toMatch(/^The deploy quality gate could not run \(its configuration is wrong\)/);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^Prometheus rejected the query of 'latency-p95' \(bad_data\): .*parse error/);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('is inconclusive, never a pass, when traffic falls to a trickle, and gives both rates', async () => {
    const run = await gate(prometheus.url, serviceSlo('trickle'));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('inconclusive');
    for (const objective of reportOf(run).objectives) {
      expect(objective.status).toBe('inconclusive');
      expect(objective.traffic?.status).toBe('too-low');
      expect(objective.reason).toMatch(
        /^traffic fell to [\d.]+ requests\/s after the deploy \(lower quartile\) from [\d.]+ requests\/s before it, [\d.]+% of it, below the 25% the gate needs \(traffic: min-share\)/,
      );
    }
  });

  it('honours a traffic query and bounds from the SLO file', async () => {
    const slo = `${serviceSlo('trickle')}traffic:\n  query: sum(rate(http_requests_total{service="trickle"}[1m]))\n  min-share: 1%\n`;
    const run = await gate(prometheus.url, slo);
    const report = reportOf(run);
    expect(report.objectives.map((o) => o.traffic?.source)).toEqual(['slo-file', 'slo-file']);
    expect(report.objectives.map((o) => o.traffic?.status)).toEqual(['enough', 'enough']);
  });

  it('looks further back when an incident covers most of the baseline, and catches the regression after it', async () => {
    const run = await gate(prometheus.url, serviceSlo('long-incident'));
    expect(run.outputs.verdict).toBe('fail');
    const latency = reportOf(run).objectives.find((o) => o.name === 'latency-p95');
    expect(latency?.status).toBe('fail');
    expect(latency?.baseline.movedBack).toMatch(
      /is not one steady level in the baseline before the deploy \(.*\): its better part spans [\d.]+ noise scales.*; every objective compared with the steady stretch \d\d:\d\d:\d\d–\d\d:\d\d:\d\d UTC instead$/,
    );
    expect(run.summary).toContain('compared with the steady stretch');
  });

  it('with no look-back allowed, a baseline that is mostly incident is inconclusive, never a pass', async () => {
    const run = await gate(prometheus.url, serviceSlo('long-incident'), { 'baseline-lookback': '0s' });
    const latency = reportOf(run).objectives.find((o) => o.name === 'latency-p95');
    expect(latency?.status).toBe('inconclusive');
    expect(latency?.reason).toMatch(/^no steady baseline to compare with: .*baseline-lookback/);
  });

  it('fails on a malformed SLO file, naming the file, the objective, the key and the line', async () => {
    const slo = serviceSlo('healthy').replace('max-regression: 25%', 'max-regression: 25');
    const run = await gate(prometheus.url, slo);
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe(
      "slo.yml (line 6): objective 'error-rate', key 'max-regression': must be a percentage such as 10%, got 25",
    );
  });
  describe('preflight', () => {
    const PAVED_YML = [
      'service: shop',
      'environments:',
      '  healthy:',
      '    url: https://healthy.example.com',
      '  slower:',
      '    url: https://slower.example.com',
      '',
    ].join('\n');
    const SMOKE = 'checks:\n  - name: health\n    path: /healthz\n';
    // One SLO file for both environments, the service named by ${environment}.
    const SLO = serviceSlo('${environment}');
    const preflight = (files: Record<string, string>, inputs: Record<string, string> = {}) =>
      runAction('deploy-quality-gate', {
        inputs: {
          mode: 'preflight',
          'prometheus-url': prometheus.url,
          slo: 'slo.yml',
          checks: '.github/smoke.yml',
          // The back-filled history ends 24 minutes ago: a long window still finds enough of it.
          'baseline-window': '1h',
          ...inputs,
        },
        workspace: makeWorkspace(files),
      });

    it('checks paved.yml, the smoke checks and every resolved query for every environment', async () => {
      const run = await preflight({ 'slo.yml': SLO, '.github/paved.yml': PAVED_YML, '.github/smoke.yml': SMOKE });
      expect(run.exitCode).toBe(0);
      expect(run.outputs.preflight).toBe('ok');
      expect(run.summary).toContain('Deploy preflight: ready');
      // Two objectives and their two inferred traffic queries, for each of the two environments.
      expect(run.summary.match(/✅ ok/g)?.length).toBe(1 + 1 + 2 * (1 + 4));
      expect(run.summary).toContain("traffic of 'latency-p95' (from its query) for slower");
      expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    });

    it('names every problem before anything goes live', async () => {
      const slo = SLO.replace('sum by (le) (rate(', 'sum by (le) (rate(((').replace(
        'service="${environment}",code="500"',
        'service="${environment}",code="5OO"',
      );
      const run = await preflight(
        {
          'slo.yml': slo,
          '.github/paved.yml': PAVED_YML.replace('service: shop', 'servise: shop'),
          '.github/smoke.yml': 'checks:\n  - name: health\n    path: /\n    expect: { status: 999 }\n',
        },
        { environment: 'healthy' },
      );
      expect(run.exitCode).toBe(1);
      expect(run.outputs.preflight).toBe('problems');
      const errors = run.annotations
        .filter((a) => a.level === 'error' && a.title === 'Preflight')
        .map((a) => a.message);
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^paved\.yml \(input 'config'\): .*servise/),
          expect.stringMatching(/^smoke checks \(input 'checks'\): .*999/),
          expect.stringMatching(/^objective 'latency-p95' for healthy: Prometheus rejects it \(bad_data\)/),
        ]),
      );
      // A typo in a label: no data. The objective has a max, so its bounds still judge: a warning.
      expect(run.annotations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            level: 'warning',
            message: expect.stringMatching(/^objective 'error-rate' for healthy: no data from .*check its labels/),
          }),
        ]),
      );
      expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    });

    it('refuses, before the first canary goes up, an SLO file whose queries cannot tell a canary from the stable pods', async () => {
      const canary = PAVED_YML.replace(
        '    url: https://slower.example.com',
        '    url: https://slower.example.com\n    target: kubernetes\n    kubernetes: { deployment: web, strategy: canary }',
      );
      const run = await preflight({ 'slo.yml': SLO, '.github/paved.yml': canary, '.github/smoke.yml': SMOKE });
      expect(run.exitCode).toBe(1);
      const errors = run.annotations
        .filter((a) => a.level === 'error' && a.title === 'Preflight')
        .map((a) => a.message);
      expect(errors).toEqual([
        "SLO file slo.yml for slower: slo.yml: the release is a canary (environment 'slower' uses strategy canary), but " +
          "objectives 'error-rate', 'latency-p95' do not select a track, so the canary's series could not be told from the " +
          "stable pods'. Add ${track} to the selectors of the service's series, e.g. " +
          'http_requests_total{service="shop", ${track}} (it matches the label track-label, paved_dev_track)',
      ]);
      // With ${track} in every selector, both environments pass: the rolling one reads every pod.
      const tracked = SLO.replace(/service="\$\{environment\}"/g, 'service="${environment}", ${track}');
      const fixed = await preflight({ 'slo.yml': tracked, '.github/paved.yml': canary, '.github/smoke.yml': SMOKE });
      expect(fixed.exitCode).toBe(0);
      expect(fixed.outputs.preflight).toBe('ok');
    });

    it('fails fast on an unreachable Prometheus, naming the variable the user set', async () => {
      const run = await preflight(
        { 'slo.yml': SLO, '.github/paved.yml': PAVED_YML, '.github/smoke.yml': SMOKE },
        {
          'prometheus-url': `http://127.0.0.1:${await freePort()}`,
          'input-sources': 'prometheus-url: repository variable PAVED_PROMETHEUS_URL',
        },
      );
      expect(run.exitCode).toBe(1);
      expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /ECONNREFUSED.*Check repository variable PAVED_PROMETHEUS_URL \(input 'prometheus-url'\)/,
          ),
        ]),
      );
    });
  });
});

describeWithStack('deploy-quality-gate on live data (1 s scrape, early exit)', ['prometheus'], () => {
  let prometheus: Prometheus;
  let server: http.Server;
  let service: SyntheticService;
  beforeAll(async () => {
    // Two minutes of baseline are back-filled up to now; the live service continues them.
    const now = Math.floor(Date.now() / 1000) * 1000;
    service = new SyntheticService({
      service: 'live',
      seed: 7,
      deployedAtMs: Number.MAX_SAFE_INTEGER,
      intervalMs: 1_000,
      requestsPerSecond: 100,
      errorRate: 0.02,
      latencyMedianSeconds: 0.1,
      after: { latency: 2 },
    });
    service.advanceTo(now - 150_000, false);
    service.advanceTo(now);
    prometheus = await startPrometheus({ history: toOpenMetrics(service.history()), scrapeIntervalSeconds: 1 });
    server = http.createServer((_, response) => {
      service.advanceTo(Date.now(), false);
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(service.exposition());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await prometheus.setScrapeJobs([
      { jobName: 'live', targets: [`127.0.0.1:${(server.address() as AddressInfo).port}`] },
    ]);
  }, 120_000);
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await prometheus?.stop();
  });

  it('fails a 2x latency regression within a minute of traffic, before the window ends', async () => {
    const deployedAt = Date.now();
    service.config.deployedAtMs = deployedAt;
    const run = await runAction('deploy-quality-gate', {
      inputs: {
        'prometheus-url': prometheus.url,
        slo: 'slo.yml',
        'deployed-at': new Date(deployedAt).toISOString(),
        'baseline-window': '2m',
        window: '3m',
        step: '1s',
      },
      workspace: makeWorkspace({ 'slo.yml': serviceSlo('live', { range: '5s' }) }),
    });
    expect(run.outputs.verdict).toBe('fail');
    expect(run.exitCode).toBe(1);
    const report = reportOf(run);
    expect(report.stoppedEarly).toBe(true);
    expect(report.secondsAfterDeploy).toBeLessThan(60);
    expect(report.objectives.find((o) => o.name === 'latency-p95')?.reason).toMatch(
      /^Stopped early: with 99.9% confidence/,
    );
  }, 120_000);
});
