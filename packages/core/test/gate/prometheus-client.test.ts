import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parseHeaderLines,
  PrometheusClient,
  PrometheusQueryError,
  PrometheusUnavailableError,
} from '../../src/gate/prometheus-client.js';

type Reply = { status: number; body: unknown } | 'hang';

/** A stand-in Prometheus answering the queued replies in order, recording each request. */
async function fakePrometheus(replies: Reply[]) {
  const requests: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({ url: request.url ?? '', headers: request.headers, body });
      const reply = replies.shift() ?? { status: 500, body: {} };
      if (reply === 'hang') return;
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/prom`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const MATRIX = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      {
        metric: { job: 'api' },
        values: [
          [1700000000, '0.5'],
          [1700000015, 'NaN'],
          [1700000030, '+Inf'],
          [1700000045, '-Inf'],
        ],
      },
    ],
  },
};

const client = (url: string, extra: object = {}) =>
  new PrometheusClient({ url, retryDelayMs: 1, sleep: async () => {}, ...extra });

describe('the Prometheus client', () => {
  it('POSTs query_range under the path prefix with the headers, and parses NaN and ±Inf', async () => {
    const prom = await fakePrometheus([{ status: 200, body: MATRIX }]);
    try {
      const series = await client(prom.url, { headers: { Authorization: 'Bearer t0k' } }).queryRange(
        'sum(rate(x[1m]))',
        new Date(1_700_000_000_000),
        new Date(1_700_000_045_000),
        15_000,
      );
      expect(series).toEqual([
        {
          labels: { job: 'api' },
          points: [
            [1_700_000_000_000, 0.5],
            [1_700_000_015_000, NaN],
            [1_700_000_030_000, Infinity],
            [1_700_000_045_000, -Infinity],
          ],
        },
      ]);
      expect(prom.requests[0]?.url).toBe('/prom/api/v1/query_range');
      expect(prom.requests[0]?.headers.authorization).toBe('Bearer t0k');
      expect(Object.fromEntries(new URLSearchParams(prom.requests[0]?.body))).toEqual({
        query: 'sum(rate(x[1m]))',
        start: '1700000000.000',
        end: '1700000045.000',
        step: '15s',
      });
    } finally {
      await prom.close();
    }
  });

  it("surfaces Prometheus's own message for a query it rejects, without retrying", async () => {
    const prom = await fakePrometheus([
      {
        status: 400,
        body: { status: 'error', errorType: 'bad_data', error: '1:14: parse error: unclosed left parenthesis' },
      },
    ]);
    try {
      const error = await client(prom.url)
        .queryRange('sum(rate(x[1m]', new Date(0), new Date(1), 15_000)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrometheusQueryError);
      expect((error as PrometheusQueryError).prometheusMessage).toBe('1:14: parse error: unclosed left parenthesis');
      expect(prom.requests).toHaveLength(1);
    } finally {
      await prom.close();
    }
  });

  it('retries 5xx and then answers', async () => {
    const prom = await fakePrometheus([
      { status: 503, body: { status: 'error', error: 'too many queries' } },
      { status: 502, body: {} },
      { status: 200, body: MATRIX },
    ]);
    try {
      await expect(client(prom.url).queryRange('up', new Date(0), new Date(1), 1_000)).resolves.toHaveLength(1);
      expect(prom.requests).toHaveLength(3);
    } finally {
      await prom.close();
    }
  });

  it('gives up after the retries with what went wrong last', async () => {
    const prom = await fakePrometheus([
      { status: 500, body: {} },
      { status: 500, body: {} },
      { status: 503, body: { status: 'error', error: 'overloaded' } },
    ]);
    try {
      const error = await client(prom.url, { retries: 2 })
        .queryRange('up', new Date(0), new Date(1), 1_000)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrometheusUnavailableError);
      expect((error as Error).message).toMatch(/could not answer: HTTP 503: overloaded$/);
    } finally {
      await prom.close();
    }
  });

  it('times out a request that hangs, and calls a refused connection by its name', async () => {
    const prom = await fakePrometheus(['hang', 'hang']);
    try {
      const slow = await client(prom.url, { retries: 1, timeoutMs: 100 })
        .queryRange('up', new Date(0), new Date(1), 1_000)
        .catch((e: unknown) => e);
      expect((slow as Error).message).toMatch(/no answer within 100 ms/);
    } finally {
      await prom.close();
    }
    const closed = await fakePrometheus([]);
    await closed.close();
    const refused = await client(closed.url, { retries: 0 })
      .queryRange('up', new Date(0), new Date(1), 1_000)
      .catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('reads header lines and names the bad one without echoing it', () => {
    expect(parseHeaderLines(['Authorization: Bearer abc', 'X-Scope-OrgID:tenant'])).toEqual({
      Authorization: 'Bearer abc',
      'X-Scope-OrgID': 'tenant',
    });
    expect(() => parseHeaderLines(['Bearer S3CRET'])).toThrow(
      /^Input 'prometheus-headers' line 1 must look like 'Name: value'/,
    );
    expect(() => parseHeaderLines(['Bearer S3CRET'])).not.toThrow(/S3CRET/);
  });
});
