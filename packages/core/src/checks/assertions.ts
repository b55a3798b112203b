import { formatDuration } from '../action/index.js';
import { jsonSubsetFailures } from './json-subset.js';
import { p95 } from './percentile.js';
import { describeStatus, statusMatches } from './status.js';
import type { Exchange, Expectations, CheckFailure } from './types.js';

const CONTEXT = 30;

/** Every assertion of `expect` except latency, applied to one response; [] when all hold. */
export function assertExchange(expect: Expectations, exchange: Exchange): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (!statusMatches(expect.status, exchange.status)) {
    failures.push({ key: 'expect.status', expected: describeStatus(expect.status), got: String(exchange.status) });
  }
  for (const text of expect.bodyContains) {
    if (!exchange.body.includes(text)) {
      failures.push({
        key: 'expect.body-contains',
        expected: `a body containing ${quote(text)}`,
        got:
          exchange.body === ''
            ? 'an empty body'
            : `a body without it${exchange.truncated ? ' (first 1 MiB read)' : ''}`,
      });
    }
  }
  for (const text of expect.bodyNotContains) {
    const at = exchange.body.indexOf(text);
    if (at >= 0) {
      failures.push({
        key: 'expect.body-not-contains',
        expected: `no ${quote(text)} in the body`,
        got: around(exchange.body, at, text.length),
      });
    }
  }
  if (expect.json !== undefined) failures.push(...assertJson(expect.json, exchange));
  for (const [name, text] of Object.entries(expect.headers)) {
    const value = exchange.headers[name];
    if (value === undefined) {
      failures.push({
        key: `expect.headers.${name}`,
        expected: `${name} containing ${quote(text)}`,
        got: 'no such header',
      });
    } else if (!value.toLowerCase().includes(text.toLowerCase())) {
      failures.push({
        key: `expect.headers.${name}`,
        expected: `${name} containing ${quote(text)}`,
        got: quote(value),
      });
    }
  }
  if (expect.tlsMinDays !== undefined) {
    const failure = assertTls(expect.tlsMinDays, exchange);
    if (failure) failures.push(failure);
  }
  return failures;
}

function assertJson(expected: unknown, exchange: Exchange): CheckFailure[] {
  let actual: unknown;
  try {
    actual = JSON.parse(exchange.body);
  } catch {
    const type = exchange.headers['content-type'];
    return [
      {
        key: 'expect.json',
        expected: 'a JSON body',
        got: `${exchange.body === '' ? 'an empty body' : 'a body that is not JSON'}${type ? ` (content-type ${type})` : ''}`,
      },
    ];
  }
  return jsonSubsetFailures(expected, actual, 'expect.json');
}

function assertTls(minDays: number, exchange: Exchange): CheckFailure | undefined {
  const expected = `a certificate valid for at least ${minDays} more days`;
  if (exchange.tlsDaysLeft === undefined) {
    return { key: 'expect.tls-min-days', expected, got: `no TLS certificate (${new URL(exchange.url).protocol} URL)` };
  }
  if (exchange.tlsDaysLeft >= minDays) return undefined;
  const days = exchange.tlsDaysLeft;
  const expires = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return {
    key: 'expect.tls-min-days',
    expected,
    got:
      days < 0
        ? `expired ${(-days).toFixed(1)} days ago (${expires})`
        : `${days.toFixed(1)} days left (expires ${expires})`,
  };
}

/** The latency budget: on the single request, or on the p95 of `repeat` requests. */
export function assertLatency(expect: Expectations, latenciesMs: readonly number[]): CheckFailure | undefined {
  if (expect.maxLatencyMs === undefined || latenciesMs.length === 0) return undefined;
  const latency = latencyOf(latenciesMs) as number;
  if (latency <= expect.maxLatencyMs) return undefined;
  const over = latenciesMs.length > 1 ? `p95 over ${latenciesMs.length} requests ` : '';
  return {
    key: 'expect.max-latency',
    expected: `${over}at most ${formatDuration(expect.maxLatencyMs)}`,
    got: formatDuration(latency),
  };
}

/** What the summary shows as a check's latency: the one request, or p95 over several. */
export function latencyOf(latenciesMs: readonly number[]): number | undefined {
  return latenciesMs.length === 1 ? latenciesMs[0] : p95(latenciesMs);
}

/** `key: expected X, got Y`, the one-line form used in annotations and the summary. */
export function checkFailureLine(failure: CheckFailure): string {
  return `${failure.key}: expected ${failure.expected}, got ${failure.got}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 79)}…` : text);
}

function around(body: string, at: number, length: number): string {
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(body.length, at + length + CONTEXT);
  const text = body.slice(start, end).replace(/\s+/g, ' ');
  return `"${start > 0 ? '…' : ''}${text}${end < body.length ? '…' : ''}"`;
}
