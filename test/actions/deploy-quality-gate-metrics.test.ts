// dist/deploy-quality-gate pushes its verdict to a real Pushgateway, a real Prometheus scrapes it,
// and the example Grafana dashboard's queries find it there.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import {
  describeWithStack,
  startPrometheus,
  startPushgateway,
  toOpenMetrics,
  type Prometheus,
  type PromSample,
  type Pushgateway,
} from '@paved/stack';
import type { GateReport } from '@paved/core';
import { hasStackTrace, runAction, warningsOf } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';
import { serviceSlo, SyntheticService } from '@paved/test-support/gate';

const DEPLOY = Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000;
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
// A version from outside with everything the text format must escape.
const ODD_VERSION = '1.4.0 "rc"\\2\nbuild';

function history(): string {
  const base = { requestsPerSecond: 100, errorRate: 0.02, latencyMedianSeconds: 0.1 };
  const services = [
    { service: 'healthy', seed: 1, ...base },
    { service: 'slower', seed: 2, ...base, after: { latency: 1.8 } },
  ];
  return toOpenMetrics(
    services.flatMap((config) => {
      const service = new SyntheticService({ ...config, deployedAtMs: DEPLOY, intervalMs: 10_000 });
      service.advanceTo(DEPLOY - 42 * 60_000, false);
      service.advanceTo(DEPLOY + 6 * 60_000);
      // The dashboard selects a service's own series by environment and service, as the docs ask.
      return service
        .history()
        .map((series) => ({ ...series, labels: { ...series.labels, environment: 'production' } }));
    }),
  );
}

function reportOf(run: { outputs: Record<string, string> }): GateReport {
  return JSON.parse(readFileSync(run.outputs.report as string, 'utf8')) as GateReport;
}

/** Polls Prometheus (bounded) until the query answers with something, as scrapes take a second or two. */
async function scraped(prometheus: Prometheus, expr: string): Promise<PromSample[]> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const result = await prometheus.query(expr);
    if (result.length > 0) return result;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Prometheus never answered ${expr} with a series`);
}

const byLabel = (samples: PromSample[], label: string) =>
  Object.fromEntries(samples.map((sample) => [sample.metric[label], Number(sample.value?.[1])]));

describeWithStack(
  'deploy-quality-gate pushes its verdict to the Pushgateway that Prometheus scrapes',
  ['prometheus', 'pushgateway'],
  () => {
    let prometheus: Prometheus;
    let pushgateway: Pushgateway;
    let gh: GitHubEmulator;
    let deploymentId: number;

    beforeAll(async () => {
      [prometheus, pushgateway] = await Promise.all([startPrometheus({ history: history() }), startPushgateway()]);
      await prometheus.setScrapeJobs([{ jobName: 'pushgateway', targets: [pushgateway.address], honorLabels: true }]);
      gh = await startGitHubEmulator({
        autoCreate: true,
        seed: {
          repositories: [
            {
              owner: 'acme',
              name: 'shop',
              commits: [{ sha: SHA, message: 'Cache the catalogue' }],
              branches: { main: SHA },
              environments: ['production'],
            },
          ],
        },
      });
      const response = await fetch(`${gh.url}/repos/acme/shop/deployments`, {
        method: 'POST',
        headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
        body: JSON.stringify({ ref: SHA, environment: 'production', required_contexts: [], auto_merge: false }),
      });
      deploymentId = ((await response.json()) as { id: number }).id;
    }, 120_000);
    afterAll(async () => {
      await Promise.allSettled([prometheus?.stop(), pushgateway?.stop(), gh?.stop()]);
    });

    const judge = (service: string, inputs: Record<string, string> = {}) =>
      runAction('deploy-quality-gate', {
        inputs: {
          'prometheus-url': prometheus.url,
          slo: 'slo.yml',
          'deployed-at': new Date(DEPLOY).toISOString(),
          environment: 'production',
          'pushgateway-url': pushgateway.url,
          service,
          'deployment-id': String(deploymentId),
          ...inputs,
        },
        workspace: makeWorkspace({ 'slo.yml': serviceSlo(service) }),
        github: { apiUrl: gh.url, repository: 'acme/shop', sha: SHA },
      });

    it('pushes a pass with its release, its score and both sides of every objective', async () => {
      const run = await judge('healthy', { version: ODD_VERSION });
      expect(run.exitCode).toBe(0);
      expect(run.outputs.verdict).toBe('pass');
      expect(warningsOf(run)).toEqual([]);
      expect(run.stdout).toContain(
        `Pushed the verdict (pass) to the Pushgateway ${pushgateway.url}/ as paved_gate_verdict{service="healthy",environment="production"}.`,
      );

      const verdict = await scraped(prometheus, 'paved_gate_verdict{service="healthy"}');
      expect(byLabel(verdict, 'outcome')).toEqual({ pass: 1, warn: 0, fail: 0, inconclusive: 0, error: 0 });
      // The labels arrive exactly as given: quote, backslash and newline survived the text format.
      expect(verdict[0]?.metric).toMatchObject({
        job: 'paved_gate',
        service: 'healthy',
        environment: 'production',
        version: ODD_VERSION,
        deployment_id: String(deploymentId),
      });

      const report = reportOf(run);
      const [decidedAt] = await scraped(prometheus, 'paved_gate_verdict_timestamp_seconds{service="healthy"}');
      expect(decidedAt?.metric.outcome).toBe('pass');
      expect(Number(decidedAt?.value?.[1])).toBe(Date.parse(report.decidedAt) / 1000);
      const [score] = await scraped(prometheus, 'paved_gate_score{service="healthy"}');
      expect(Number(score?.value?.[1])).toBe(100);

      const values = await scraped(prometheus, 'paved_gate_objective_value{service="healthy"}');
      const pushed = Object.fromEntries(
        values.map((sample) => [`${sample.metric.objective} ${sample.metric.side}`, Number(sample.value?.[1])]),
      );
      const expected = Object.fromEntries(
        report.objectives.flatMap((objective) => [
          [`${objective.name} baseline`, objective.baseline.median],
          [`${objective.name} candidate`, objective.candidate.median],
        ]),
      );
      expect(Object.keys(expected)).toHaveLength(4);
      expect(pushed).toEqual(expected);
      const decisions = await scraped(prometheus, 'paved_gate_objective_decision{service="healthy"} == 1');
      expect(Object.fromEntries(decisions.map((s) => [s.metric.objective, s.metric.decision]))).toEqual({
        'error-rate': 'pass',
        'latency-p95': 'pass',
      });
    });

    it('pushes a fail naming the objective that failed, and the next verdict replaces it', async () => {
      const run = await judge('slower', { version: '1.5.0' });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.verdict).toBe('fail');
      const verdict = await scraped(prometheus, 'paved_gate_verdict{service="slower"} == 1');
      expect(verdict.map((sample) => sample.metric.outcome)).toEqual(['fail']);
      const decision = await scraped(
        prometheus,
        'paved_gate_objective_decision{service="slower",objective="latency-p95",decision="fail"}',
      );
      expect(Number(decision[0]?.value?.[1])).toBe(1);

      // The group holds the last verdict only: a second run of the same service replaces it.
      const again = await judge('slower', { version: '1.5.1' });
      expect(again.outputs.verdict).toBe('fail');
      const versions = async () =>
        (await prometheus.query('paved_gate_verdict{service="slower",outcome="fail"}')).map((s) => s.metric.version);
      for (let attempt = 0; attempt < 100 && (await versions()).join() !== '1.5.1'; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await versions()).toEqual(['1.5.1']);
    });

    it('pushes error when the gate could not judge', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const run = await judge('unreachable', { 'prometheus-url': `http://127.0.0.1:${port}` });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.verdict).toBe('error');
      const verdict = await scraped(prometheus, 'paved_gate_verdict{service="unreachable"} == 1');
      expect(verdict.map((sample) => sample.metric.outcome)).toEqual(['error']);
      expect(await prometheus.query('paved_gate_objective_value{service="unreachable"}')).toEqual([]);
      expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    });

    it('keeps the verdict when the Pushgateway cannot be reached, and warns naming it', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const run = await judge('healthy', { 'pushgateway-url': `http://127.0.0.1:${port}` });
      expect(run.exitCode).toBe(0);
      expect(run.outputs.verdict).toBe('pass');
      const [warning, ...others] = warningsOf(run);
      expect(others).toEqual([]);
      expect(warning).toMatch(
        new RegExp(
          `^Could not push the verdict to the Pushgateway http://127\\.0\\.0\\.1:${port}/: the Pushgateway at http://127\\.0\\.0\\.1:${port}/ could not be reached \\(.*ECONNREFUSED.*\\): check pushgateway-url and that the runner can reach it\\. The verdict stands; dashboards will not show it\\.$`,
        ),
      );
      expect(gh.state.deploymentStatuses.filter((s) => s.deploymentId === deploymentId).at(-1)?.state).toBe('success');
      expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    });

    it("answers every query of the example dashboard with the gate's series", async () => {
      // The deploy step's marker, pushed as deploy pushes it, so the variables and the release
      // annotations have something to find.
      const at = DEPLOY / 1000;
      const marker = [
        '# TYPE paved_deployment gauge',
        `paved_deployment{environment="production",version="1.4.0",sha="${SHA}"} ${at}`,
        '',
      ].join('\n');
      const group = `${pushgateway.url}/metrics/job/paved_deploy/service/healthy/environment/production`;
      expect((await fetch(group, { method: 'PUT', body: marker })).status).toBe(200);
      await scraped(prometheus, `paved_deployment{service="healthy"} == ${at}`);

      const dashboard = JSON.parse(readFileSync('examples/grafana/paved-releases.json', 'utf8')) as {
        panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
        annotations: { list: Array<{ name: string; expr?: string }> };
      };
      const variables: Record<string, string> = {
        $environment: 'production',
        $service: 'healthy',
        $__rate_interval: '1m',
      };
      // Each verdict annotation is looked for on the service the earlier tests gave that outcome.
      const serviceFor: Record<string, string> = {
        'annotation Gate failed': 'slower',
        'annotation Gate without a verdict': 'unreachable',
      };
      const bind = (expr: string, where: string) =>
        expr.replace(/\$__rate_interval|\$environment|\$service/g, (name) =>
          name === '$service' && serviceFor[where] ? (serviceFor[where] as string) : (variables[name] as string),
        );
      const queries = [
        ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => [panel.title, target.expr])),
        ...dashboard.annotations.list.filter((a) => a.expr).map((a) => [`annotation ${a.name}`, a.expr as string]),
      ] as Array<[string, string]>;
      const empty: string[] = [];
      for (const [where, expr] of queries) {
        // The service's own panels are judged at the release (its history is back-filled there);
        // the gate's series over the last minutes, where the Pushgateway serves them.
        const time = /paved_/.test(expr) ? new Date() : new Date(DEPLOY + 5 * 60_000);
        const result = await prometheus.query(bind(expr, where), time);
        if (result.length === 0) empty.push(`${where}: ${bind(expr, where)}`);
        // Grafana takes an annotation's value as its time in ms: the release's is the deploy's.
        if (where === 'annotation Releases')
          expect(result.map((sample) => Number(sample.value?.[1]))).toEqual([DEPLOY]);
      }
      expect(empty).toEqual([]);
      expect(queries.length).toBeGreaterThanOrEqual(9);
    });
  },
);
