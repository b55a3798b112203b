import { assertExchange, assertLatency, checkFailureLine } from '../../src/checks/assertions.js';
import { jsonSubsetFailures } from '../../src/checks/json-subset.js';
import { parseChecks } from '../../src/checks/parse.js';
import { p95, percentile } from '../../src/checks/percentile.js';
import { describeStatus, parseStatusExpectation, statusMatches } from '../../src/checks/status.js';
import type { Exchange, Expectations } from '../../src/checks/types.js';

function expectations(yaml: string): Expectations {
  return parseChecks(`checks:\n  - path: /\n    expect:\n${yaml.replace(/^/gm, '      ')}\n`)[0]!.expect;
}

function exchange(overrides: Partial<Exchange> = {}): Exchange {
  return {
    url: 'http://127.0.0.1/healthz',
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: '{"status":"ok","db":{"ok":true}}',
    truncated: false,
    latencyMs: 12,
    redirects: 0,
    ...overrides,
  };
}

describe('status expectations', () => {
  it('reads codes, classes and lists, and refuses anything else', () => {
    expect(parseStatusExpectation(200)).toEqual({ codes: [200], classes: [] });
    expect(parseStatusExpectation('2XX')).toEqual({ codes: [], classes: [2] });
    expect(parseStatusExpectation([200, '301', '4xx'])).toEqual({ codes: [200, 301], classes: [4] });
    for (const bad of [999, 99, '6xx', 'ok', [], [200, 1000], 200.5, true]) {
      expect([bad, parseStatusExpectation(bad)]).toEqual([bad, undefined]);
    }
  });

  it('matches and describes them', () => {
    const expectation = parseStatusExpectation([204, '3xx'])!;
    expect(statusMatches(expectation, 204)).toBe(true);
    expect(statusMatches(expectation, 302)).toBe(true);
    expect(statusMatches(expectation, 200)).toBe(false);
    expect(describeStatus(expectation)).toBe('204 or 3xx');
    expect(describeStatus(parseStatusExpectation([200, 201, 204])!)).toBe('200, 201 or 204');
  });
});

describe('jsonSubsetFailures', () => {
  const body = { status: 'ok', db: { ok: true, pool: 4 }, features: ['a', { name: 'b', on: true }], count: 1 };

  it('passes a subset, whatever extra keys and list order', () => {
    expect(jsonSubsetFailures({ status: 'ok', db: { ok: true } }, body)).toEqual([]);
    expect(jsonSubsetFailures({ features: [{ on: true }, 'a'] }, body)).toEqual([]);
    expect(jsonSubsetFailures({}, body)).toEqual([]);
  });

  it('names the path of each mismatch, with expected and got', () => {
    expect(jsonSubsetFailures({ db: { ok: false, replica: true }, count: '1' }, body)).toEqual([
      { key: 'json.db.ok', expected: 'false', got: 'true' },
      { key: 'json.db.replica', expected: 'true', got: 'no such key' },
      { key: 'json.count', expected: '"1"', got: '1' },
    ]);
    expect(jsonSubsetFailures({ features: ['c'] }, body)).toEqual([
      { key: 'json.features[0]', expected: 'an item matching "c"', got: '["a",{"name":"b","on":true}]' },
    ]);
    expect(jsonSubsetFailures({ db: { ok: true } }, [1])).toEqual([{ key: 'json', expected: 'an object', got: '[1]' }]);
    expect(jsonSubsetFailures({ status: null }, { status: null })).toEqual([]);
  });
});

describe('percentile', () => {
  it('uses the nearest rank, so p95 is an observed value', () => {
    expect(p95([])).toBeUndefined();
    expect(p95([42])).toBe(42);
    expect(p95([5, 1, 3, 2, 4])).toBe(5);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(p95(hundred)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
    // 19 fast requests and one very slow one: the slow one is the top 5 %, the p95 is fast.
    expect(p95([...Array.from({ length: 19 }, () => 10), 900])).toBe(10);
    expect(p95([...Array.from({ length: 18 }, () => 10), 900, 900])).toBe(900);
  });
});

describe('assertExchange', () => {
  it('passes a response that meets every expectation', () => {
    const expect_ = expectations(
      'status: 200\nbody-contains: ok\nbody-not-contains: error\njson: { db: { ok: true } }\nheaders: { Content-Type: APPLICATION/JSON }',
    );
    expect(assertExchange(expect_, exchange())).toEqual([]);
  });

  it('says expected vs got for each failed assertion', () => {
    const expect_ = expectations(
      'status: 2xx\nbody-contains: [ok, ready]\nbody-not-contains: warming\njson: { status: ok }\nheaders: { x-version: "1.2", content-type: json }',
    );
    const failures = assertExchange(
      expect_,
      exchange({ status: 503, body: '{"status":"warming up"}', headers: { 'content-type': 'text/plain' } }),
    );
    expect(failures.map(checkFailureLine)).toEqual([
      'expect.status: expected 2xx, got 503',
      'expect.body-contains: expected a body containing "ok", got a body without it',
      'expect.body-contains: expected a body containing "ready", got a body without it',
      'expect.body-not-contains: expected no "warming" in the body, got "{"status":"warming up"}"',
      'expect.json.status: expected "ok", got "warming up"',
      'expect.headers.x-version: expected x-version containing "1.2", got no such header',
      'expect.headers.content-type: expected content-type containing "json", got "text/plain"',
    ]);
  });

  it('says when the body is not JSON', () => {
    const failures = assertExchange(
      expectations('json: { status: ok }'),
      exchange({ body: '<html>', headers: { 'content-type': 'text/html' } }),
    );
    expect(failures).toEqual([
      { key: 'expect.json', expected: 'a JSON body', got: 'a body that is not JSON (content-type text/html)' },
    ]);
  });

  it('checks how long the certificate stays valid', () => {
    const expect_ = expectations('tls-min-days: 14');
    expect(assertExchange(expect_, exchange({ url: 'https://x/', tlsDaysLeft: 30 }))).toEqual([]);
    const [soon] = assertExchange(expect_, exchange({ url: 'https://x/', tlsDaysLeft: 3.24 }));
    expect(soon).toEqual({
      key: 'expect.tls-min-days',
      expected: 'a certificate valid for at least 14 more days',
      got: expect.stringMatching(/^3\.2 days left \(expires \d{4}-\d\d-\d\d\)$/),
    });
    const [plain] = assertExchange(expect_, exchange());
    expect(plain?.got).toBe('no TLS certificate (http: URL)');
  });
});

describe('assertLatency', () => {
  it('applies the budget to the one request, or to the p95 of several', () => {
    const expect_ = expectations('max-latency: 100ms');
    expect(assertLatency(expect_, [80])).toBeUndefined();
    expect(assertLatency(expect_, [120])).toEqual({
      key: 'expect.max-latency',
      expected: 'at most 100ms',
      got: '120ms',
    });
    expect(assertLatency(expect_, [...Array.from({ length: 19 }, () => 20), 500])).toBeUndefined();
    expect(assertLatency(expect_, [...Array.from({ length: 18 }, () => 20), 500, 500])).toEqual({
      key: 'expect.max-latency',
      expected: 'p95 over 20 requests at most 100ms',
      got: '500ms',
    });
    expect(assertLatency(expectations('status: 200'), [5000])).toBeUndefined();
  });
});
