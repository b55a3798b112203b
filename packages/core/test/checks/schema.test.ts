import { ChecksFileError, parseChecks } from '../../src/checks/index.js';

function problemsOf(text: string): string[] {
  try {
    parseChecks(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ChecksFileError);
    return (error as ChecksFileError).problems;
  }
  throw new Error('expected a ChecksFileError');
}

describe('parseChecks', () => {
  it('fills every default in', () => {
    const [check] = parseChecks('checks:\n  - path: /healthz\n');
    expect(check).toEqual({
      name: 'GET /healthz',
      index: 0,
      path: '/healthz',
      method: 'GET',
      headers: {},
      bodyIsJson: false,
      timeoutMs: 10_000,
      followRedirects: true,
      repeat: 1,
      expect: { status: { codes: [], classes: [2] }, bodyContains: [], bodyNotContains: [], headers: {} },
    });
  });

  it('reads the full format of the issue', () => {
    const [check] = parseChecks(`
checks:
  - name: health
    path: /healthz
    method: post
    headers: { Accept: application/json, X-Retry: 3 }
    body: { probe: true }
    timeout: 5s
    follow-redirects: false
    repeat: 20
    expect:
      status: [200, 3xx]
      body-contains: ok
      body-not-contains: [error, panic]
      json: { status: ok, db: { ok: true } }
      headers: { Content-Type: application/json }
      max-latency: 500ms
      tls-min-days: 14
`);
    expect(check).toMatchObject({
      name: 'health',
      method: 'POST',
      headers: { Accept: 'application/json', 'X-Retry': '3' },
      body: '{"probe":true}',
      bodyIsJson: true,
      timeoutMs: 5_000,
      followRedirects: false,
      repeat: 20,
      expect: {
        status: { codes: [200], classes: [3] },
        bodyContains: ['ok'],
        bodyNotContains: ['error', 'panic'],
        json: { status: 'ok', db: { ok: true } },
        headers: { 'content-type': 'application/json' },
        maxLatencyMs: 500,
        tlsMinDays: 14,
      },
    });
  });

  it('sends a string body as is and takes a full url', () => {
    const [check] = parseChecks('checks:\n  - url: https://example.com/x?y=1\n    body: "a=1&b=2"\n');
    expect(check).toMatchObject({ url: 'https://example.com/x?y=1', body: 'a=1&b=2', bodyIsJson: false });
  });

  it('names the check and the key of an unknown key, with a hint', () => {
    expect(problemsOf('checks:\n  - name: health\n    path: /\n    expect:\n      stauts: 200\n')).toEqual([
      "Check 'health' (checks[0]): unknown key 'expect.stauts' (did you mean 'status'?); known keys: " +
        'expect.status, expect.body-contains, expect.body-not-contains, expect.json, expect.headers, ' +
        'expect.max-latency, expect.tls-min-days',
    ]);
    expect(problemsOf('checks:\n  - path: /\n  - path: /x\n    retries: 3\n')[0]).toMatch(
      /^Check checks\[1\]: unknown key 'retries'; known keys: name, path, url/,
    );
    expect(problemsOf('check:\n  - path: /\n')[0]).toBe(
      "The checks file: unknown key 'check' (did you mean 'checks'?); the file holds one key, checks",
    );
  });

  it('refuses a status of 999 with the form it expects', () => {
    expect(problemsOf('checks:\n  - name: health\n    path: /healthz\n    expect: { status: 999 }\n')).toEqual([
      "Check 'health' (checks[0]): expect.status must be an HTTP status 100-599, a list of them, or a class like 2xx, got 999",
    ]);
    expect(problemsOf('checks:\n  - path: /\n    expect: { status: [200, 6xx] }\n')[0]).toContain(
      'expect.status must be an HTTP status 100-599',
    );
  });

  it('refuses a negative, zero or unit-less timeout', () => {
    expect(problemsOf('checks:\n  - name: health\n    path: /\n    timeout: -5s\n')).toEqual([
      "Check 'health' (checks[0]): timeout must be a positive duration like 5s or 500ms, got -5s",
    ]);
    expect(problemsOf('checks:\n  - name: h\n    path: /\n    timeout: 0s\n')[0]).toContain(
      'timeout must be a positive',
    );
    expect(problemsOf('checks:\n  - name: h\n    path: /\n    timeout: 5\n')[0]).toContain(
      'got 5 (a bare number: add a unit, like 5s or 500ms)',
    );
    expect(problemsOf('checks:\n  - name: h\n    path: /\n    expect: { max-latency: -1ms }\n')[0]).toContain(
      "Check 'h' (checks[0]): expect.max-latency must be a positive duration",
    );
  });

  it('says where unparsable YAML breaks', () => {
    expect(problemsOf('checks:\n  - name: health\n   path: /x\n')[0]).toMatch(
      /^The checks file is not valid YAML: .* at line 3, column \d+$/,
    );
    expect(() => parseChecks('checks: [a', 'The checks file .github/smoke.yml')).toThrow(
      /^The checks file \.github\/smoke\.yml is not valid YAML: .*line 1, column 11$/,
    );
  });

  it('reports every problem at once, each naming its check', () => {
    const text = `
checks:
  - name: a
  - name: b
    path: /
    url: https://x
  - name: c
    path: /
    method: FETCH
    repeat: 0
    follow-redirects: yes
    expect: { tls-min-days: -1, headers: { X-Empty: '' }, body-contains: 3 }
  - name: a
    path: /again
`;
    expect(() => parseChecks(text)).toThrow(
      /^The checks file has 9 problems:\n- Check 'a' \(checks\[0\]\): needs a path/,
    );
    expect(problemsOf(text)).toEqual([
      "Check 'a' (checks[0]): needs a path (joined to the url input) or a url (a full URL)",
      "Check 'b' (checks[1]): has both path and url; use path (joined to the url input) or url (a full URL)",
      "Check 'c' (checks[2]): method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got FETCH",
      "Check 'c' (checks[2]): follow-redirects must be true or false, got yes",
      "Check 'c' (checks[2]): repeat must be a whole number from 1 to 100, got 0",
      "Check 'c' (checks[2]): expect.body-contains must be a non-empty text or a list of them, got 3",
      "Check 'c' (checks[2]): expect.headers.X-Empty must be the text the header value contains, got an empty value",
      "Check 'c' (checks[2]): expect.tls-min-days must be a number of days of at least 0, got -1",
      "Check 'a' (checks[3]): name 'a' is already used by checks[0]; give each check its own name",
    ]);
  });

  it('refuses an empty list, a missing list and a document that is not a mapping', () => {
    expect(problemsOf('checks: []\n')).toEqual([
      'The checks file: checks must be a list of one or more checks, got a list',
    ]);
    expect(problemsOf('')[0]).toBe('The checks file must be a mapping with a checks: list, got nothing');
    expect(() => parseChecks('healthz', 'The inline checks')).toThrow(
      'The inline checks must be a mapping with a checks: list, got healthz',
    );
  });

  it('refuses two checks with the same name', () => {
    expect(problemsOf('checks:\n  - path: /a\n    name: x\n  - path: /b\n    name: x\n')).toEqual([
      "Check 'x' (checks[1]): name 'x' is already used by checks[0]; give each check its own name",
    ]);
  });

  it('refuses a full URL in path and a relative one in url', () => {
    expect(problemsOf('checks:\n  - path: https://x/healthz\n')[0]).toContain(
      'path must be a path like /healthz (use url: for a full URL), got https://x/healthz',
    );
    expect(problemsOf('checks:\n  - url: /healthz\n')[0]).toContain('url must be an absolute http or https URL');
  });
});
