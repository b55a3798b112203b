import { summary } from '@actions/core';
import { checkFailureMessage, checkPassLine } from '../../src/checks/index.js';
import type { SmokeCheckResult, SmokeSuiteResult } from '../../src/checks/index.js';
import { addSmokeTestSummary, smokeTestRows } from '../../src/summary/index.js';

const passed: SmokeCheckResult = {
  name: 'health',
  index: 0,
  method: 'GET',
  url: 'https://shop.example/healthz',
  passed: true,
  attempts: 1,
  status: 200,
  latencyMs: 42,
  latenciesMs: [40, 42],
  failures: [],
  bodyExcerpt: '{"status":"ok"}',
  requestHeaders: {},
  durationMs: 90,
};

const failed: SmokeCheckResult = {
  name: 'login <form>',
  index: 1,
  method: 'GET',
  url: 'https://shop.example/login',
  passed: false,
  attempts: 7,
  status: 503,
  latencyMs: 12,
  latenciesMs: [12],
  failures: [
    { key: 'expect.status', expected: '2xx', got: '503' },
    { key: 'expect.body-contains', expected: 'a body containing "Sign in"', got: 'a body without it' },
  ],
  bodyExcerpt: '<h1>warming up</h1>',
  requestHeaders: { Authorization: '***' },
  durationMs: 59_800,
};

const result: SmokeSuiteResult = {
  passed: false,
  failed: 1,
  total: 2,
  baseUrl: 'https://shop.example',
  startedAt: '2025-01-01T00:00:00.000Z',
  durationMs: 60_012,
  waitTimeoutMs: 60_000,
  concurrency: 8,
  checks: [passed, failed],
};

describe('smoke-test summary', () => {
  afterEach(() => summary.emptyBuffer());

  it('is a table of check, result, status, latency and why it failed, failures first', () => {
    const rows = smokeTestRows(result);
    expect(rows.map((row) => row.map((cell) => (typeof cell === 'string' ? cell : cell.data)))).toEqual([
      ['Check', 'Result', 'Status', 'Latency', 'Why it failed'],
      [
        '<code>login &lt;form&gt;</code>',
        '❌ failed',
        '503',
        '12ms',
        'expect.status: expected 2xx, got 503<br>' +
          'expect.body-contains: expected a body containing &quot;Sign in&quot;, got a body without it<br>' +
          'body: <code>&lt;h1&gt;warming up&lt;/h1&gt;</code><br>7 attempts in 59.8s',
      ],
      ['<code>health</code>', '✅ passed', '200', 'p95 42ms (2 requests)', '—'],
    ]);
  });

  it('opens with the verdict and the run', () => {
    const html = addSmokeTestSummary(summary, result).stringify();
    expect(html).toMatch(/^<h2>Smoke test failed: 1 of 2 checks failed<\/h2>\n/);
    expect(html).toContain('<p>Against <code>https://shop.example</code> in 1m; ');
    expect(html).toContain('wait-timeout 1m, concurrency 8.');
    expect(html).toContain('<table>');
    summary.emptyBuffer();
    expect(
      addSmokeTestSummary(summary, { ...result, passed: true, failed: 0, checks: [passed] }).stringify(),
    ).toContain('<h2>Smoke test passed: 2 of 2 checks</h2>');
  });

  it('writes annotation and log lines a person can act on', () => {
    expect(checkFailureMessage(failed)).toBe(
      "Check 'login <form>' failed: expect.status: expected 2xx, got 503; " +
        'expect.body-contains: expected a body containing "Sign in", got a body without it' +
        ' — body: <h1>warming up</h1> (GET https://shop.example/login, 7 attempts in 59.8s)',
    );
    expect(checkPassLine(passed)).toBe('✓ health: 200, p95 42ms over 2 requests (1 attempt in 90ms)');
  });
});
