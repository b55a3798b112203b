// The quality gate judging a Kubernetes canary against the stable pods over the same window, end to
// end: the built deploy, deploy-quality-gate and rollback bundles, run as the runner runs them,
// against the local control plane and a real Prometheus, which scrapes the pods' metrics. Every
// pod the cluster runs gets its own series, labelled as Prometheus's Kubernetes discovery with the usual
// `labelmap: __meta_kubernetes_pod_label_(.+)` would label it (paved.dev/track → paved_dev_track),
// and what the series say is set per track. The whole service changes during each window, so a
// comparison with the time before the deploy reaches the opposite verdict: only a same-window
// comparison of canary against stable gets both right.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { GateReport } from '@paved/core';
import { describeWithStack, startPrometheus, type Prometheus } from '@paved/stack';
import { errorsOf, hasStackTrace, runAction, type ActionRun } from '@paved/test-support/harness';
import { startTogether } from '@paved/test-support/servers';
import {
  deploymentSpec,
  kubernetesConfig,
  NS,
  startKubernetesWorld,
  TRACK,
  V0,
  V1,
  V2,
  type KubernetesWorld,
} from './kubernetes-fixture.js';

const CONFIG = kubernetesConfig(`  production:
    kubernetes: { deployment: web, service: web, strategy: canary, canary-replicas: 1 }
`);

const SLO = `objectives:
  - name: latency
    query: avg(app_latency_seconds{job="shop", \${track}})
    direction: lower
    max-regression: 20%
    critical: true
traffic:
  query: sum(app_requests_per_second{job="shop", \${track}})
  min: 1
`;

/** The gate's windows: short enough for a test, with enough points for the rank test. */
const WINDOW_S = 30;
const STEP_S = 2;
/** How long before the first deploy the service must have reported, for the before/after gate's baseline. */
const BASELINE_S = 60;

/** What each pod reports, by its track, at a time: the test changes it as the story goes on. */
type Latency = (track: 'canary' | 'stable', timeMs: number) => number;

/**
 * The pods' metrics endpoint, as Prometheus scrapes it: one series per pod the cluster runs, with
 * the pod's track as a label (stable pods carry none before their first promotion), each scrape a
 * fresh measurement with its own noise. The pod list is refreshed every second by a bounded loop.
 */
class PodMetrics {
  latency: Latency = () => 0.1;
  readonly startedAt = Date.now();
  private pods: Array<{ name: string; track?: string }> = [];
  private stopped = false;
  private readonly done: Promise<void>;
  private seed = 7;
  private readonly server = http.createServer((_, response) => {
    const now = Date.now();
    const lines = this.pods.flatMap(({ name, track }) => {
      const labels = `job="shop",pod="${name}"${track ? `,paved_dev_track="${track}"` : ''}`;
      const latency = this.latency(track === 'canary' ? 'canary' : 'stable', now) * (1 + 0.1 * (this.random() - 0.5));
      const requests = 20 * (1 + 0.1 * (this.random() - 0.5));
      return [`app_latency_seconds{${labels}} ${latency}`, `app_requests_per_second{${labels}} ${requests}`];
    });
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
  });

  constructor(
    private readonly world: KubernetesWorld,
    maxTicks: number,
  ) {
    this.done = this.watch(maxTicks);
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async watch(maxTicks: number): Promise<void> {
    for (let tick = 0; tick < maxTicks && !this.stopped; tick++) {
      try {
        this.pods = (await this.world.pods('app=web')).map((pod) => ({
          name: pod.metadata.name,
          ...(pod.metadata.labels?.[TRACK] ? { track: pod.metadata.labels[TRACK] } : {}),
        }));
      } catch {
        // The next tick asks again; a scrape meanwhile reports the pods last seen.
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  /** mulberry32: the same noise on every run. */
  private random(): number {
    let t = (this.seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

let world: KubernetesWorld;
let prometheus: Prometheus;
let metrics: PodMetrics;
/** When the surge of the first scenario began; it lasts until the second deploy. */
let surgeFrom: number;

function gate(deploy: ActionRun, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction('deploy-quality-gate', {
    inputs: {
      'prometheus-url': prometheus.url,
      slo: 'slo.yml',
      'deployed-at': deploy.outputs['deployed-at'] as string,
      'deployment-id': deploy.outputs['deployment-id'] as string,
      canary: deploy.outputs.canary as string,
      environment: 'production',
      window: `${WINDOW_S}s`,
      step: `${STEP_S}s`,
      'baseline-window': `${BASELINE_S}s`,
      'baseline-lookback': '0s',
      'early-exit': 'false',
      ...inputs,
    },
    workspace: world.workspace,
    timeoutMs: 180_000,
    github: { apiUrl: world.gh.url },
  });
}

const reportOf = (run: ActionRun) => JSON.parse(readFileSync(run.outputs.report as string, 'utf8')) as GateReport;
const canaryPods = () => world.pods(`app=web,${TRACK}=canary`);

function expectClean(run: ActionRun) {
  expect(errorsOf(run)).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
}

describeWithStack(
  'the quality gate judges a Kubernetes canary against the stable pods over the same window',
  ['kubernetes', 'prometheus'],
  () => {
    beforeAll(async () => {
      [world, prometheus] = await startTogether(
        startKubernetesWorld(CONFIG, [deploymentSpec('web', V0, { replicas: 3, progressDeadlineSeconds: 4 })]),
        startPrometheus({ scrapeIntervalSeconds: 1 }),
      );
      await world.cluster.admin.api.create(`/api/v1/namespaces/${NS}/services`, {
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      });
      writeFileSync(path.join(world.workspace, 'slo.yml'), SLO);
      // Ten minutes of pod lists at most: the whole file takes about four.
      metrics = new PodMetrics(world, 600);
      await prometheus.setScrapeJobs([{ jobName: 'shop', targets: [await metrics.listen()], honorLabels: true }]);
    }, 300_000);

    afterAll(async () => {
      await metrics?.stop();
      await Promise.allSettled([world?.stop(), prometheus?.stop()]);
    }, 60_000);

    it('passes a canary as good as the stable pods while the whole service slowed, then promotes it', async () => {
      // The before/after gate below needs a full baseline before the deploy.
      const calm = metrics.startedAt + (BASELINE_S + 5) * 1000 - Date.now();
      if (calm > 0) await new Promise((resolve) => setTimeout(resolve, calm));

      const deploy = await world.deploy('production', { image: V1 });
      expectClean(deploy);
      expect(deploy.outputs.canary).toBe('deployed');
      surgeFrom = Date.parse(deploy.outputs['deployed-at'] as string);
      // From the deploy on, a surge doubles everyone's latency: the canary's pod as much as the stable ones.
      metrics.latency = (_, time) => (time >= surgeFrom ? 0.2 : 0.1);
      expect((await canaryPods()).map((pod) => pod.metadata.labels?.[TRACK])).toEqual(['canary']);

      const judged = await gate(deploy);
      expectClean(judged);
      expect(judged.outputs.verdict).toBe('pass');
      expect(judged.log).toContain('The release is a canary: judging it against the stable pods over the same window.');
      const report = reportOf(judged);
      expect(report.comparison).toBe('canary-vs-stable');
      expect(report.baselineWindow).toEqual(report.candidateWindow);
      const [latency] = report.objectives;
      expect(latency!.baseline.median).toBeGreaterThan(0.17);
      expect(latency!.candidate.median).toBeGreaterThan(0.17);
      expect(latency!.reason).toMatch(/\(stable median 0\.\d+, canary 0\.\d+ over the same window;/);
      expect(latency!.traffic?.sentence).toMatch(
        /^canary traffic \d+(\.\d+)? requests\/s .*, stable \d+(\.\d+)? requests\/s over the same window$/,
      );
      const id = Number(deploy.outputs['deployment-id']);
      expect(world.statesOf(id)).toEqual(['in_progress', 'success', 'success']);

      // The same release judged against the time before the deploy: the surge reads as a regression.
      const beforeAfter = await gate(deploy, { canary: '', 'deployment-id': '' });
      expect(beforeAfter.outputs).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/latency/) });
      expect(reportOf(beforeAfter).comparison).toBe('before-after');

      // The pipeline's next step after a passing gate.
      const promote = await world.deploy('production', { image: V1, canary: 'promote' });
      expectClean(promote);
      expect(promote.outputs).toMatchObject({ canary: 'promoted', ref: V1 });
      expect(await world.deploymentStatus('web-canary')).toBe(404);
      expect(await world.runningIn('web')).toEqual({ template: V1, pods: [V1] });
    }, 240_000);

    it('fails a canary slower than the stable pods beside it while the service got faster, and the rollback rejects it', async () => {
      // The before/after gate below compares with a baseline wholly inside the surge.
      const steady = surgeFrom + (BASELINE_S + 5) * 1000 - Date.now();
      if (steady > 0) await new Promise((resolve) => setTimeout(resolve, steady));
      const deploy = await world.deploy('production', { image: V2 });
      expectClean(deploy);
      const deployedAt = Date.parse(deploy.outputs['deployed-at'] as string);
      // The surge ends as the canary comes up: the stable pods answer in 60 ms, the canary's pod in 100 ms.
      metrics.latency = (track, time) => (time < deployedAt ? 0.2 : track === 'stable' ? 0.06 : 0.1);

      const judged = await gate(deploy);
      expect(judged.exitCode).toBe(1);
      expect(hasStackTrace(judged.stdout + judged.stderr)).toBe(false);
      expect(judged.outputs.verdict).toBe('fail');
      const [latency] = reportOf(judged).objectives;
      expect(latency!.status).toBe('fail');
      expect(latency!.reason).toMatch(
        /^latency rose \d+(\.\d)?% \(stable median 0\.\d+, canary 0\.\d+ over the same window; .*more than the allowed 20%; Mann-Whitney U = .*: not noise\.$/,
      );
      // The pushed values carry ±5% noise around 60 ms and 100 ms.
      expect(latency!.baseline.median).toBeGreaterThan(0.055);
      expect(latency!.baseline.median).toBeLessThan(0.065);
      expect(latency!.candidate.median).toBeGreaterThan(0.09);
      expect(latency!.candidate.median).toBeLessThan(0.11);
      const id = Number(deploy.outputs['deployment-id']);
      expect(world.statesOf(id)).toEqual(['in_progress', 'success', 'failure']);

      // Against the surge before the deploy, the service as a whole got faster: that gate would have passed it.
      const beforeAfter = await gate(deploy, { canary: '', 'deployment-id': '' });
      expect(beforeAfter.outputs).toMatchObject({ verdict: 'pass' });

      // What the stage runs after a failed verdict: the rollback, which rejects the canary.
      const rollback = await world.rollback('production', {
        reason: `The deploy quality gate judged the release ${judged.outputs.verdict} (score ${judged.outputs.score}): ${judged.outputs.reason}`,
      });
      expectClean(rollback);
      expect(rollback.log).toContain(`Rejecting the canary web-canary (${V2})`);
      // The API server answers the deletion at once; the object goes once the garbage collector is done.
      for (let i = 0; i < 30 && (await world.deploymentStatus('web-canary')) !== 404; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      expect(await world.deploymentStatus('web-canary')).toBe(404);
      expect(await world.runningIn('web')).toEqual({ template: V1, pods: [V1] });
    }, 240_000);

    it('refuses to judge a canary by an SLO query that cannot tell it from the stable pods', async () => {
      writeFileSync(
        path.join(world.workspace, 'blind.yml'),
        'objectives:\n  - name: latency\n    query: avg(app_latency_seconds{job="shop"})\n    direction: lower\n    max-regression: 20%\n',
      );
      const run = await gate(
        {
          outputs: { 'deployed-at': new Date(Date.now() - 60_000).toISOString(), canary: 'deployed' },
        } as unknown as ActionRun,
        { slo: 'blind.yml', 'deployment-id': '' },
      );
      expect(run.exitCode).toBe(1);
      expect(run.outputs.verdict).toBe('error');
      expect(errorsOf(run)).toEqual([
        "blind.yml: the release is a canary (input 'canary' is deployed), but objective 'latency' does not select a track, " +
          "so the canary's series could not be told from the stable pods'. Add ${track} to the selectors of the service's " +
          'series, e.g. http_requests_total{service="shop", ${track}} (it matches the label track-label, paved_dev_track)',
      ]);
      expect(run.outputs.reason).toMatch(
        /^The deploy quality gate could not run \(its configuration is wrong\): blind\.yml: /,
      );
      expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    });
  },
);
