import { describeWithStack, startPrometheus, startStack, toOpenMetrics, type Stack } from '../src/index.js';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js';

const MINUTE = 60_000;

function history(name: string, value: number, fromMs: number, toMs: number) {
  const samples = [];
  for (let t = fromMs; t <= toMs; t += MINUTE) samples.push({ timestampMs: t, value });
  return toOpenMetrics([{ name, labels: { service: 'demo' }, samples }]);
}

describeWithStack('prometheus and pushgateway', ['prometheus', 'pushgateway'], () => {
  let stack: Stack<'prometheus' | 'pushgateway'>;
  let app: LoopbackServer;
  let requests = 0;

  beforeAll(async () => {
    app = await startLoopbackServer((req, res) => {
      if (req.url !== '/metrics') return res.writeHead(404).end();
      requests++;
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end(`# TYPE paved_test_requests_total counter\npaved_test_requests_total ${requests}\n`);
    });
    stack = await startStack({ services: ['prometheus', 'pushgateway'] });
  }, 30_000);

  afterAll(async () => {
    await stack?.stop();
    await app?.close();
  });

  test('scrapes new targets after a reload and answers an instant query', async () => {
    const { prometheus, pushgateway } = stack;
    await pushgateway.push('deploy', 'paved_deploy_marker{version="1.2.3"} 1');
    const targets = await prometheus.setScrapeJobs([
      { jobName: 'app', targets: [app.address] },
      { jobName: 'pushgateway', targets: [pushgateway.address], honorLabels: true },
    ]);
    expect(
      targets
        .filter((t) => t.health === 'up')
        .map((t) => t.job)
        .sort(),
    ).toEqual(['app', 'pushgateway']);

    // A scrape being done does not make it queryable in the same instant; poll briefly.
    let up: Awaited<ReturnType<typeof prometheus.query>> = [];
    for (let i = 0; i < 20 && up.length < 2; i++) {
      up = await prometheus.query('up == 1');
      if (up.length < 2) await new Promise((r) => setTimeout(r, 250));
    }
    expect(up.map((s) => s.metric.job).sort()).toEqual(['app', 'pushgateway']);
    const scraped = await prometheus.query('paved_test_requests_total');
    expect(Number(scraped[0]?.value?.[1])).toBeGreaterThan(0);
    const marker = await prometheus.query('paved_deploy_marker');
    expect(marker[0]?.metric).toMatchObject({ job: 'deploy', version: '1.2.3' });
  }, 30_000);

  test('back-filled history answers a range query over the past', async () => {
    const { prometheus } = stack;
    const now = Date.now();
    const from = now - 3 * 60 * MINUTE;
    const to = now - 60 * MINUTE;
    const pidBefore = prometheus.pid;
    const blocks = await prometheus.backfill(history('paved_history_latency_seconds', 0.25, from, to));
    expect(blocks.length).toBeGreaterThan(0);
    expect(prometheus.pid).not.toBe(pidBefore);

    const range = await prometheus.queryRange(
      'paved_history_latency_seconds',
      new Date(from + 10 * MINUTE),
      new Date(to - 10 * MINUTE),
      300,
    );
    expect(range).toHaveLength(1);
    expect(range[0]?.values?.length).toBeGreaterThanOrEqual(20);
    expect(range[0]?.values?.every(([, v]) => v === '0.25')).toBe(true);

    // Scraping carries on after the restart.
    const targets = await prometheus.activeTargets();
    expect(targets.map((t) => t.job).sort()).toEqual(['app', 'pushgateway']);
  }, 60_000);
});

describeWithStack('prometheus started with history', ['prometheus'], () => {
  test('history given at start is queryable at once', async () => {
    const now = Date.now();
    const prometheus = await startPrometheus({
      history: history('paved_history_errors_ratio', 0.01, now - 2 * 60 * MINUTE, now - 30 * MINUTE),
    });
    try {
      const range = await prometheus.queryRange(
        'paved_history_errors_ratio',
        new Date(now - 100 * MINUTE),
        new Date(now - 40 * MINUTE),
        60,
      );
      expect(range[0]?.values?.length).toBe(61);
    } finally {
      await prometheus.stop();
    }
  }, 30_000);
});
