// The engine against real services on loopback. Every failing suite must end within its
// wait-timeout plus a small margin: that bound is the behaviour under test, not a speed claim.
import { performance } from 'node:perf_hooks';
import { parseChecks, runSmokeChecks } from '../../src/checks/index.js';
import type { SmokeCheckOptions, SmokeSuiteResult } from '../../src/checks/index.js';
import {
  closedAfterAll,
  closedPort,
  json,
  makeSelfSigned,
  startHanging,
  startHealthy,
  startHttps,
  startRedirecting,
  startServer,
  startSlow,
  startWarmingUp,
  type SelfSigned,
  type TestServer,
} from '@paved/test-support/servers';

const MARGIN_MS = 1_000;
const serve = closedAfterAll();

async function suite(
  baseUrl: string,
  yaml: string,
  options: Partial<SmokeCheckOptions> = {},
): Promise<SmokeSuiteResult & { wallMs: number }> {
  const started = performance.now();
  const result = await runSmokeChecks({
    baseUrl,
    checks: parseChecks(yaml),
    waitTimeoutMs: 1_500,
    concurrency: 8,
    ...options,
  });
  return { ...result, wallMs: performance.now() - started };
}

function failing(result: SmokeSuiteResult & { wallMs: number }, waitTimeoutMs = 1_500) {
  expect(result.passed).toBe(false);
  expect(result.wallMs).toBeLessThan(waitTimeoutMs + MARGIN_MS);
  return result.checks[0]!;
}

describe('runSmokeChecks against real services', () => {
  it('passes a healthy service on every kind of assertion', async () => {
    const server = await serve(startHealthy());
    const result = await suite(
      server.url,
      `
checks:
  - name: health
    path: /healthz
    repeat: 5
    expect:
      status: 200
      body-contains: ok
      body-not-contains: error
      json: { status: ok, db: { ok: true }, features: [b] }
      headers: { content-type: application/json }
      max-latency: 5s
  - name: post
    path: /echo
    method: POST
    body: { probe: true }
    expect: { json: { method: POST, body: '{"probe":true}', headers: { content-type: application/json } } }
  - name: not found is expected
    path: /missing
    expect: { status: 4xx, json: { error: not found } }
`,
    );
    expect(result).toMatchObject({ passed: true, failed: 0, total: 3 });
    expect(result.checks[0]).toMatchObject({ passed: true, attempts: 1, status: 200, failures: [] });
    expect(result.checks[0]!.latenciesMs).toHaveLength(5);
    expect(server.requests.filter((r) => r.url === '/healthz')).toHaveLength(5);
  });

  it('waits for a service that answers 503 while warming up', async () => {
    const server = await serve(startWarmingUp(1_200));
    const result = await suite(server.url, 'checks:\n  - name: health\n    path: /healthz\n', {
      waitTimeoutMs: 15_000,
    });
    expect(result.passed).toBe(true);
    expect(result.checks[0]!.attempts).toBeGreaterThan(1);
    expect(result.checks[0]!.status).toBe(200);
  });

  it('gives up on a service still warming up when wait-timeout ends, saying what it got', async () => {
    const server = await serve(startWarmingUp(60_000));
    const check = failing(await suite(server.url, 'checks:\n  - name: health\n    path: /healthz\n'));
    expect(check.attempts).toBeGreaterThan(2);
    expect(check.status).toBe(503);
    expect(check.failures).toEqual([{ key: 'expect.status', expected: '2xx', got: '503' }]);
    expect(check.bodyExcerpt).toBe('{"status":"warming up"}');
  });

  it('does not let a hanging service hold the suite past wait-timeout', async () => {
    const server = await serve(startHanging());
    const check = failing(await suite(server.url, 'checks:\n  - name: hang\n    path: /\n    timeout: 30s\n'));
    expect(check.attempts).toBe(1);
    expect(check.failures).toEqual([
      {
        key: 'request',
        expected: 'an answer',
        got: 'no complete answer within 1.5s (what was left of wait-timeout 1.5s)',
      },
    ]);
  });

  it('retries a hanging service within its own timeout, and still ends in time', async () => {
    const server = await serve(startHanging());
    const check = failing(await suite(server.url, 'checks:\n  - name: hang\n    path: /\n    timeout: 300ms\n'));
    expect(check.attempts).toBeGreaterThan(1);
    expect(check.failures[0]?.got).toBe('no complete answer within 300ms (the check timeout)');
  });

  it('ends in time when many checks hang and few may run at once', async () => {
    const server = await serve(startHanging());
    const checks = Array.from({ length: 12 }, (_, i) => `  - name: c${i}\n    path: /${i}\n    timeout: 700ms`).join(
      '\n',
    );
    const result = await suite(server.url, `checks:\n${checks}\n`, { concurrency: 2 });
    failing(result);
    expect(result.failed).toBe(12);
    expect(result.checks.at(-1)!.failures[0]?.got).toBe(
      'wait-timeout 1.5s ran out before it could start (concurrency 2)',
    );
  });

  it('fails a slow service on its latency budget, single and p95', async () => {
    const server = await serve(startSlow(300));
    const result = await suite(
      server.url,
      'checks:\n  - name: slow\n    path: /\n    expect: { max-latency: 100ms }\n  - name: slow p95\n    path: /p\n    repeat: 3\n    expect: { max-latency: 100ms }\n',
      { waitTimeoutMs: 2_000 },
    );
    failing(result, 2_000);
    const [single, repeated] = result.checks;
    expect(single!.failures).toEqual([
      { key: 'expect.max-latency', expected: 'at most 100ms', got: expect.stringMatching(/^\d+ms$/) },
    ]);
    expect(single!.latencyMs).toBeGreaterThanOrEqual(300);
    expect(repeated!.failures[0]).toMatchObject({ expected: 'p95 over 3 requests at most 100ms' });
  });

  it('times a slow service out on the check timeout', async () => {
    const server = await serve(startSlow(800));
    const check = failing(await suite(server.url, 'checks:\n  - name: slow\n    path: /\n    timeout: 200ms\n'));
    expect(check.failures[0]?.got).toBe('no complete answer within 200ms (the check timeout)');
  });

  it('follows up to 5 redirects with relative Locations, and no more', async () => {
    const server = await serve(startRedirecting());
    const ok = await suite(
      server.url,
      'checks:\n  - { name: three, path: /hop/3, expect: { json: { arrived: true } } }\n  - { name: five, path: /hop/5 }\n  - { name: unfollowed, path: /hop/1, follow-redirects: false, expect: { status: 302 } }\n',
    );
    expect(ok.passed).toBe(true);
    const six = failing(await suite(server.url, 'checks:\n  - { name: six, path: /hop/6 }\n'));
    expect(six.failures[0]?.got).toBe(`more than 5 redirects (the last one to ${server.url}/hop/0)`);
    const loop = failing(await suite(server.url, 'checks:\n  - { name: loop, path: /loop, timeout: 1s }\n'));
    expect(loop.failures[0]?.got).toMatch(/^more than 5 redirects/);
    const unfollowed = failing(
      await suite(server.url, 'checks:\n  - { name: unfollowed, path: /hop/1, follow-redirects: false }\n'),
    );
    expect(unfollowed.failures).toEqual([{ key: 'expect.status', expected: '2xx', got: '302' }]);
  });

  it('sends the default headers, but not across origins, and redacts them from results', async () => {
    const other = await serve(startHealthy());
    const server = await serve(startRedirecting(other.url));
    const echo = await serve(startHealthy());
    const headers = { Authorization: 'Bearer S3CRET-token', 'X-Api-Key': 'S3CRET-key' };
    const result = await suite(
      echo.url,
      'checks:\n  - { name: echo, path: /echo, headers: { X-Trace: t1 }, expect: { body-contains: nothing-like-this } }\n',
      { headers },
    );
    expect(echo.requests[0]?.headers).toMatchObject({ authorization: 'Bearer S3CRET-token', 'x-trace': 't1' });
    const check = result.checks[0]!;
    expect(check.requestHeaders).toEqual({ Authorization: '***', 'X-Api-Key': '***', 'X-Trace': 't1' });
    // The service echoed the headers back; the excerpt must not carry them.
    expect(check.bodyExcerpt).toContain('***');
    expect(JSON.stringify(result)).not.toContain('S3CRET');

    const away = await suite(server.url, 'checks:\n  - { name: away, url: "' + server.url + '/away" }\n', { headers });
    expect(away.passed).toBe(true);
    expect(other.requests.at(-1)?.headers.authorization).toBeUndefined();
    expect(other.requests.at(-1)?.headers['x-api-key']).toBeUndefined();

    // A check in the checks file aimed at another origin never gets the base URL's credentials.
    const elsewhere = await suite(echo.url, `checks:\n  - { name: elsewhere, url: "${other.url}/" }\n`, { headers });
    expect(elsewhere.passed).toBe(true);
    expect(other.requests.at(-1)?.headers.authorization).toBeUndefined();
    expect(other.requests.at(-1)?.headers['x-api-key']).toBeUndefined();
  });

  it('reports a closed port as refused, within wait-timeout', async () => {
    const port = await closedPort();
    const check = failing(await suite(`http://127.0.0.1:${port}`, 'checks:\n  - name: closed\n    path: /\n'));
    expect(check.attempts).toBeGreaterThan(2);
    expect(check.failures).toEqual([
      { key: 'request', expected: 'an answer', got: `connection refused by 127.0.0.1:${port} (nothing listening)` },
    ]);
    expect(check.status).toBeUndefined();
  });

  it('fails a service that dies in the middle of its answer', async () => {
    const server = await serve(
      startServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.write('{"status":');
        setTimeout(() => res.socket?.destroy(), 20);
      }),
    );
    const check = failing(await suite(server.url, 'checks:\n  - name: cut\n    path: /\n'));
    expect(check.failures[0]).toEqual({
      key: 'request',
      expected: 'an answer',
      got: expect.stringMatching(/^127\.0\.0\.1:\d+ closed the connection before/),
    });
  });

  it('honours the concurrency limit', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await serve(
      startServer((_req, res) => {
        inFlight++;
        most = Math.max(most, inFlight);
        setTimeout(() => {
          inFlight--;
          json(res, 200, {});
        }, 40);
      }),
    );
    const checks = Array.from({ length: 15 }, (_, i) => `  - path: /${i}`).join('\n');
    const result = await suite(server.url, `checks:\n${checks}\n`, { concurrency: 3 });
    expect(result.passed).toBe(true);
    expect(most).toBe(3);
  });
});

describe('runSmokeChecks over TLS with a self-signed certificate', () => {
  let tls: SelfSigned;
  let server: TestServer;
  beforeAll(async () => {
    tls = await makeSelfSigned(30);
    server = await serve(startHttps(tls));
  });

  it('rejects it by default, saying what to do', async () => {
    const check = failing(await suite(server.url, 'checks:\n  - name: tls\n    path: /\n'));
    expect(check.failures[0]).toMatchObject({ key: 'request', expected: 'an answer' });
    expect(check.failures[0]?.got).toMatch(
      /^TLS certificate of 127\.0\.0\.1:\d+ not accepted \(\w+: .*\); pass its CA in the ca input, or set tls-verify: false$/,
    );
  });

  it('accepts it with ca, and checks how long it stays valid', async () => {
    const result = await suite(
      server.url,
      'checks:\n  - { name: fresh, path: /, expect: { tls-min-days: 14 } }\n  - { name: expiring, path: /x, expect: { tls-min-days: 60 } }\n',
      { ca: tls.cert },
    );
    expect(result.wallMs).toBeLessThan(1_500 + MARGIN_MS);
    const [fresh, expiring] = result.checks;
    expect(fresh).toMatchObject({ passed: true, status: 200 });
    expect(fresh!.tlsDaysLeft).toBeGreaterThan(29);
    expect(fresh!.tlsDaysLeft).toBeLessThanOrEqual(30);
    expect(expiring!.failures).toEqual([
      {
        key: 'expect.tls-min-days',
        expected: 'a certificate valid for at least 60 more days',
        got: expect.stringMatching(/^(29\.\d|30\.0) days left \(expires \d{4}-\d\d-\d\d\)$/),
      },
    ]);
  });

  it('accepts it with tls-verify false', async () => {
    const result = await suite(server.url, 'checks:\n  - name: tls\n    path: /\n', { tlsVerify: false });
    expect(result.passed).toBe(true);
  });
});
