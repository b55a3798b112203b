// paved/smoke-test end to end: the committed bundle, run as the runner runs it, against real
// services on loopback started here.
import { readFileSync } from 'node:fs';
import { hasStackTrace, runAction } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';
import {
  closedAfterAll,
  closedPort,
  makeSelfSigned,
  startHealthy,
  startHttps,
  startWarmingUp,
} from '@paved/test-support/servers';

const SECRET = 'Bearer S3CRET-e2e-token';
const serve = closedAfterAll();

const CHECKS = `checks:
  - name: health
    path: /healthz
    expect:
      json: { status: ok, db: { ok: true } }
      headers: { content-type: application/json }
  - name: echo
    path: /echo
    expect: { body-contains: Authorization }
`;

describe('dist/smoke-test against real services', () => {
  it('passes a healthy service: outputs, report, summary table, no annotations', async () => {
    const server = await serve(startHealthy());
    const run = await runAction('smoke-test', {
      inputs: { url: server.url, checks: '.github/smoke.yml', headers: `Authorization: ${SECRET}` },
      workspace: makeWorkspace({ '.github/smoke.yml': CHECKS.replace('body-contains: Authorization', 'status: 200') }),
    });
    expect(run.exitCode).toBe(0);
    expect(run.annotations).toEqual([]);
    expect(run.outputs).toEqual({
      passed: 'true',
      failed: '0',
      report: expect.stringMatching(/paved\/smoke-test-report\.json$/),
    });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'));
    expect(report).toMatchObject({ version: 1, passed: true, failed: 0, total: 2, baseUrl: `${server.url}/` });
    expect(report.checks.map((c: { name: string; passed: boolean }) => [c.name, c.passed])).toEqual([
      ['health', true],
      ['echo', true],
    ]);
    expect(run.summary).toContain('<h2>Smoke test passed: 2 of 2 checks</h2>');
    expect(run.summary).toContain(
      '<tr><th>Check</th><th>Result</th><th>Status</th><th>Latency</th><th>Why it failed</th></tr>',
    );
    expect(run.summary).toMatch(
      /<tr><td><code>health<\/code><\/td><td>✅ passed<\/td><td>200<\/td><td>\d+(\.\d)?ms<\/td><td>—<\/td><\/tr>/,
    );
    expect(run.log).toContain('✓ health: 200 in ');
    expect(server.requests.find((r) => r.url === '/echo')?.headers.authorization).toBe(SECRET);
    expect(run.log + readFileSync(run.outputs.report!, 'utf8') + run.summary).not.toContain('S3CRET');
  });

  it('waits for a service warming up, with inline checks', async () => {
    const server = await serve(startWarmingUp(1_000));
    const run = await runAction('smoke-test', {
      inputs: { url: server.url, checks: 'checks:\n  - name: health\n    path: /healthz\n', 'wait-timeout': '20s' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    expect(run.log).toMatch(/… health: expect\.status: expected 2xx, got 503; retrying in \d+ms \(attempt 1\)/);
  });

  it('fails the step with one error line per failed check, sets passed=false, and keeps secrets out', async () => {
    const server = await serve(startHealthy());
    const port = await closedPort();
    const checks = `${CHECKS.replace('body-contains: Authorization', 'body-contains: nowhere-else')}
  - name: closed
    url: http://127.0.0.1:${port}/healthz
  - name: wrong status
    path: /missing
`;
    const run = await runAction('smoke-test', {
      inputs: { url: server.url, checks, 'wait-timeout': '2s', headers: `Authorization: ${SECRET}` },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({ passed: 'false', failed: '3', report: expect.any(String) });
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Check 'echo' failed: expect\.body-contains: expected a body containing "nowhere-else", got a body without it — body: \{.*\*\*\*.*\} \(GET http:\/\/127\.0\.0\.1:\d+\/echo, \d+ attempts in [\d.]+m?s\)$/,
      ),
      expect.stringMatching(
        new RegExp(
          `^Check 'closed' failed: request: expected an answer, got connection refused by 127\\.0\\.0\\.1:${port} ` +
            `\\(nothing listening\\) \\(GET http://127\\.0\\.0\\.1:${port}/healthz, \\d+ attempts in `,
        ),
      ),
      expect.stringMatching(
        /^Check 'wrong status' failed: expect\.status: expected 2xx, got 404 — body: \{"error":"not found"\} \(GET /,
      ),
    ]);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);

    const reportText = readFileSync(run.outputs.report!, 'utf8');
    const report = JSON.parse(reportText);
    expect(report).toMatchObject({ passed: false, failed: 3, total: 4 });
    expect(report.checks[1].requestHeaders).toEqual({ Authorization: '***' });
    expect(report.checks[3]).toMatchObject({
      name: 'wrong status',
      status: 404,
      failures: [{ key: 'expect.status', expected: '2xx', got: '404' }],
    });

    expect(run.summary).toContain('<h2>Smoke test failed: 3 of 4 checks failed</h2>');
    expect(run.summary).toContain('<td><code>wrong status</code></td><td>❌ failed</td><td>404</td>');
    expect(run.summary).toContain(
      'expect.status: expected 2xx, got 404<br>body: <code>{&quot;error&quot;:&quot;not found&quot;}</code>',
    );
    // The secret reached the service, but not the log, the report or the summary.
    expect(server.requests.some((r) => r.headers.authorization === SECRET)).toBe(true);
    expect(run.masks).toContain(SECRET);
    expect(run.log).not.toContain('S3CRET');
    expect(run.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain('S3CRET-e2e');
    expect(reportText + run.summary).not.toContain('S3CRET-e2e');
  });

  it('rejects a self-signed certificate by default and accepts it with ca', async () => {
    const tls = await makeSelfSigned(30);
    const server = await serve(startHttps(tls));
    const workspace = makeWorkspace({ 'ca.pem': tls.cert });
    const checks = 'checks:\n  - name: tls\n    path: /\n    expect: { tls-min-days: 14 }\n';
    const rejected = await runAction('smoke-test', {
      inputs: { url: server.url, checks, 'wait-timeout': '1s' },
      workspace,
    });
    expect(rejected.exitCode).toBe(1);
    expect(rejected.outputs.passed).toBe('false');
    expect(rejected.annotations.map((a) => a.message)).toEqual([
      expect.stringContaining('not accepted (DEPTH_ZERO_SELF_SIGNED_CERT'),
    ]);
    const accepted = await runAction('smoke-test', {
      inputs: { url: server.url, checks, 'wait-timeout': '1s', ca: 'ca.pem' },
      workspace,
    });
    expect(accepted.exitCode).toBe(0);
    expect(accepted.outputs.passed).toBe('true');
  });

  it('refuses a bad checks file naming the check and the key, with passed=false', async () => {
    const run = await runAction('smoke-test', {
      inputs: { url: 'http://127.0.0.1:1', checks: '.github/smoke.yml' },
      workspace: makeWorkspace({
        '.github/smoke.yml': 'checks:\n  - name: health\n    path: /\n    expect: { status: 999 }\n',
      }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        message:
          "Check 'health' (checks[0]): expect.status must be an HTTP status 100-599, a list of them, or a class like 2xx, got 999",
      }),
    ]);
    expect(run.outputs).toEqual({ passed: 'false' });
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('refuses a checks path that names no file, naming the input', async () => {
    const run = await runAction('smoke-test', { inputs: { url: 'http://127.0.0.1:1', checks: '.github/smoke.yml' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message)).toEqual([
      expect.stringMatching(
        /^Input 'checks' must be a checks file inside the workspace \(.*\) or inline YAML, got '\.github\/smoke\.yml': no such file in the workspace$/,
      ),
    ]);
  });
});
