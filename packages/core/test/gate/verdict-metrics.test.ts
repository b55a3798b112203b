import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlatformError } from '../../src/action/errors.js';
import type { GateReport, GateReportObjective } from '../../src/gate/report.js';
import {
  escapeLabelValue,
  pushGateVerdict,
  verdictMetricsText,
  verdictPushUrl,
} from '../../src/gate/verdict-metrics.js';

const RELEASE = { service: 'shop', environment: 'production', version: '1.4.0', deploymentId: 42 };
const DECIDED = new Date('2026-05-01T12:05:00Z');

function objective(
  name: string,
  status: GateReportObjective['status'],
  baseline: number | null,
  candidate: number | null,
): GateReportObjective {
  return {
    name,
    status,
    baseline: { median: baseline },
    candidate: { median: candidate },
  } as GateReportObjective;
}

const REPORT = {
  verdict: 'fail',
  score: 50,
  decidedAt: DECIDED.toISOString(),
  objectives: [objective('error-rate', 'pass', 0.02, 0.021), objective('latency-p95', 'fail', 0.1, 0.19)],
} as GateReport;

describe('verdictMetricsText', () => {
  it('writes the verdict as a state set, its time, the score and each objective', () => {
    const text = verdictMetricsText(RELEASE, 'fail', DECIDED, REPORT);
    const samples = text.split('\n').filter((line) => line && !line.startsWith('#'));
    const base = 'version="1.4.0",deployment_id="42"';
    expect(samples).toEqual([
      `paved_gate_verdict{${base},outcome="pass"} 0`,
      `paved_gate_verdict{${base},outcome="warn"} 0`,
      `paved_gate_verdict{${base},outcome="fail"} 1`,
      `paved_gate_verdict{${base},outcome="inconclusive"} 0`,
      `paved_gate_verdict{${base},outcome="error"} 0`,
      `paved_gate_verdict_timestamp_seconds{${base},outcome="fail"} ${DECIDED.getTime() / 1000}`,
      `paved_gate_score{${base}} 50`,
      `paved_gate_objective_value{${base},objective="error-rate",side="baseline"} 0.02`,
      `paved_gate_objective_value{${base},objective="error-rate",side="candidate"} 0.021`,
      `paved_gate_objective_value{${base},objective="latency-p95",side="baseline"} 0.1`,
      `paved_gate_objective_value{${base},objective="latency-p95",side="candidate"} 0.19`,
      `paved_gate_objective_decision{${base},objective="error-rate",decision="pass"} 1`,
      `paved_gate_objective_decision{${base},objective="error-rate",decision="fail"} 0`,
      `paved_gate_objective_decision{${base},objective="error-rate",decision="inconclusive"} 0`,
      `paved_gate_objective_decision{${base},objective="error-rate",decision="pending"} 0`,
      `paved_gate_objective_decision{${base},objective="latency-p95",decision="pass"} 0`,
      `paved_gate_objective_decision{${base},objective="latency-p95",decision="fail"} 1`,
      `paved_gate_objective_decision{${base},objective="latency-p95",decision="inconclusive"} 0`,
      `paved_gate_objective_decision{${base},objective="latency-p95",decision="pending"} 0`,
    ]);
    // Every family is typed once, before its samples.
    expect(text.match(/^# TYPE \S+ gauge$/gm)).toHaveLength(5);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('leaves out a window without a finite median rather than writing a made-up value', () => {
    const report = { ...REPORT, objectives: [objective('latency-p95', 'inconclusive', 0.1, null)] } as GateReport;
    const text = verdictMetricsText(RELEASE, 'inconclusive', DECIDED, report);
    expect(text).toContain(
      'paved_gate_objective_value{version="1.4.0",deployment_id="42",objective="latency-p95",side="baseline"} 0.1',
    );
    expect(text).not.toContain('side="candidate"');
    expect(text).toContain('decision="inconclusive"} 1');
  });

  it('writes only the outcome when the gate could not judge', () => {
    const text = verdictMetricsText({ service: 'shop', environment: 'staging' }, 'error', DECIDED);
    expect(text).toContain('paved_gate_verdict{version="",deployment_id="",outcome="error"} 1');
    expect(text).not.toContain('paved_gate_score');
    expect(text).not.toContain('paved_gate_objective');
  });
});

describe('escapeLabelValue', () => {
  it('escapes what the text format requires and makes the rest valid UTF-8', () => {
    expect(escapeLabelValue('say "hi"\\now\nthen')).toBe('say \\"hi\\"\\\\now\\nthen');
    expect(escapeLabelValue('tab\there\rbell\u0007')).toBe('tab here bell ');
    expect(escapeLabelValue('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate');
    expect(escapeLabelValue('émoji 🚀')).toBe('émoji 🚀');
    expect(Array.from(escapeLabelValue('x'.repeat(500)))).toHaveLength(200);
  });
});

describe('verdictPushUrl', () => {
  it('groups by service and environment in base64url, so any value fits the path', () => {
    const url = verdictPushUrl('http://pushgateway:9091/', { service: 'a/b', environment: '' });
    expect(url).toBe(
      `http://pushgateway:9091/metrics/job/paved_gate/service@base64/${Buffer.from('a/b').toString('base64url')}/environment@base64/=`,
    );
  });
});

describe('pushGateVerdict', () => {
  let server: http.Server;
  let url: string;
  const received: Array<{ method?: string; url?: string; body: string }> = [];
  let answer = 200;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, body });
        response.writeHead(answer).end(answer === 200 ? '' : 'text format parsing error in line 3');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('replaces the group with a PUT of the text', async () => {
    answer = 200;
    const text = verdictMetricsText(RELEASE, 'pass', DECIDED, REPORT);
    await pushGateVerdict(url, RELEASE, text);
    expect(received.at(-1)).toEqual({
      method: 'PUT',
      url: new URL(verdictPushUrl(url, RELEASE)).pathname,
      body: text,
    });
  });

  it('says what the Pushgateway answered when it refuses the push', async () => {
    answer = 400;
    const error = await pushGateVerdict(url, RELEASE, 'x\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).platform).toBe('Pushgateway');
    expect((error as Error).message).toBe(
      `the Pushgateway at ${url} answered HTTP 400 (text format parsing error in line 3): check that pushgateway-url is the Pushgateway itself and that it accepts pushes`,
    );
  });

  it('names the Pushgateway and what to check when it cannot be reached', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await pushGateVerdict(`http://127.0.0.1:${port}`, RELEASE, 'x\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^the Pushgateway at http://127\\.0\\.0\\.1:${port} could not be reached \\(.*ECONNREFUSED.*\\): check pushgateway-url and that the runner can reach it$`,
      ),
    );
  });
});
