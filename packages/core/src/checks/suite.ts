import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration } from '../action/index.js';
import { assertExchange, assertLatency, latencyOf } from './assertions.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { mergeHeaders } from './headers.js';
import { HttpClient, RequestError } from './http.js';
import { ConcurrencyLimit } from './limit.js';
import { displayUrl, REDACTED, redactor } from './redact.js';
import type { SmokeCheckResult, CheckSpec, Exchange, CheckFailure, SmokeSuiteResult } from './types.js';

/** A retry is only worth starting with at least this much of wait-timeout left. */
const MIN_ATTEMPT_MS = 200;
const EXCERPT_CHARS = 200;

export interface SmokeCheckOptions {
  /** What check paths are joined to. */
  baseUrl: string | URL;
  checks: CheckSpec[];
  /** How long failing checks are retried; the suite ends within it. */
  waitTimeoutMs: number;
  concurrency: number;
  /** Default request headers (the `headers` input): secret, redacted from every result. */
  headers?: Record<string, string>;
  /** Extra trusted CAs (PEM text). */
  ca?: string;
  tlsVerify?: boolean;
  backoff?: BackoffOptions;
  /** Called when a check failed an attempt and will be tried again. */
  onRetry?: (event: CheckRetryEvent) => void;
  /** Called as each check reaches its verdict. */
  onResult?: (result: SmokeCheckResult) => void;
}

export interface CheckRetryEvent {
  check: string;
  attempt: number;
  failures: CheckFailure[];
  delayMs: number;
}

interface Attempt {
  failures: CheckFailure[];
  exchanges: Exchange[];
  /** True when it failed only because wait-timeout was running out, not on its own merits. */
  cutShort: boolean;
}

/**
 * Runs every check, at most `concurrency` requests at once, retrying the failing ones with
 * backoff until `waitTimeoutMs` has passed since the start: a service still warming up gets
 * the whole window, a broken one is reported within it.
 */
export async function runSmokeChecks(options: SmokeCheckOptions): Promise<SmokeSuiteResult> {
  const startedAt = new Date();
  const start = performance.now();
  const deadline = start + options.waitTimeoutMs;
  const remaining = () => deadline - performance.now();
  const secretHeaders = options.headers ?? {};
  const redact = redactor(Object.values(secretHeaders));
  const client = new HttpClient({
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    tlsVerify: options.tlsVerify ?? true,
  });
  const limit = new ConcurrencyLimit(options.concurrency);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;

  const attempt = async (check: CheckSpec, url: string, headers: Record<string, string>): Promise<Attempt> => {
    const exchanges: Exchange[] = [];
    for (let request = 1; request <= check.repeat; request++) {
      const left = remaining();
      if (left <= 0) {
        const got = `wait-timeout ${formatDuration(options.waitTimeoutMs)} ran out before request ${request} of ${check.repeat}`;
        return { failures: [{ key: 'request', expected: 'an answer', got }], exchanges, cutShort: true };
      }
      const cut = left < check.timeoutMs;
      const timeoutMs = Math.max(1, Math.floor(Math.min(check.timeoutMs, left)));
      try {
        const exchange = await client.exchange({
          method: check.method,
          url,
          headers,
          ...(check.body !== undefined ? { body: check.body } : {}),
          timeoutMs,
          timeoutReason: cut
            ? `what was left of wait-timeout ${formatDuration(options.waitTimeoutMs)}`
            : 'the check timeout',
          followRedirects: check.followRedirects,
          privateHeaders: Object.keys(secretHeaders),
        });
        exchanges.push(exchange);
        const failures = assertExchange(check.expect, exchange);
        if (failures.length > 0) return { failures, exchanges, cutShort: false };
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        const failure = { key: 'request', expected: 'an answer', got: error.message };
        return { failures: [failure], exchanges, cutShort: cut && error.kind === 'timeout' };
      }
    }
    const latency = assertLatency(
      check.expect,
      exchanges.map((e) => e.latencyMs),
    );
    return { failures: latency ? [latency] : [], exchanges, cutShort: false };
  };

  const runCheck = async (check: CheckSpec): Promise<SmokeCheckResult> => {
    const checkStart = performance.now();
    const url = targetUrl(options.baseUrl, check);
    // The secret headers are the base URL's credentials: a check aimed at another origin
    // (its own `url:` from the checks file) never carries them.
    const sameOrigin = new URL(url).origin === new URL(String(options.baseUrl)).origin;
    const headers = mergeHeaders(
      check.bodyIsJson ? { 'Content-Type': 'application/json' } : {},
      sameOrigin ? secretHeaders : {},
      check.headers,
    );
    let attempts = 0;
    let reported: Attempt | undefined;
    for (;;) {
      const outcome = await limit.run(async () => {
        if (remaining() <= 0 && attempts > 0) return undefined;
        if (remaining() <= 0) {
          const got = `wait-timeout ${formatDuration(options.waitTimeoutMs)} ran out before it could start (concurrency ${options.concurrency})`;
          return { failures: [{ key: 'request', expected: 'a chance to run', got }], exchanges: [], cutShort: false };
        }
        attempts++;
        return attempt(check, url, headers);
      });
      // An attempt cut short by the end of the window says less than the failure before it.
      if (outcome && !(outcome.cutShort && reported)) reported = outcome;
      const current = reported as Attempt;
      if (current.failures.length === 0) break;
      const delayMs = Math.min(backoffDelay(attempts, backoff), remaining() - MIN_ATTEMPT_MS);
      if (!outcome || delayMs <= 0) break;
      options.onRetry?.({
        check: check.name,
        attempt: attempts,
        failures: current.failures.map(redactFailure),
        delayMs,
      });
      await sleep(delayMs);
    }
    const final = reported as Attempt;
    const last = final.exchanges.at(-1);
    const latencies = final.exchanges.map((e) => Math.round(e.latencyMs * 10) / 10);
    const latencyMs = latencyOf(latencies);
    const tlsDays = final.exchanges.map((e) => e.tlsDaysLeft).filter((d): d is number => d !== undefined);
    const result: SmokeCheckResult = {
      name: check.name,
      index: check.index,
      method: check.method,
      url: redact(displayUrl(url)),
      passed: final.failures.length === 0,
      attempts,
      ...(last ? { status: last.status } : {}),
      ...(latencyMs !== undefined ? { latencyMs } : {}),
      latenciesMs: latencies,
      ...(tlsDays.length > 0 ? { tlsDaysLeft: Math.round(Math.min(...tlsDays) * 10) / 10 } : {}),
      failures: final.failures.map(redactFailure),
      ...(last ? { bodyExcerpt: redact(excerpt(last.body)) } : {}),
      requestHeaders: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [
          name,
          value === secretHeaders[name] && Object.hasOwn(secretHeaders, name) ? REDACTED : redact(value),
        ]),
      ),
      durationMs: Math.round(performance.now() - checkStart),
    };
    options.onResult?.(result);
    return result;
  };

  function redactFailure(failure: CheckFailure): CheckFailure {
    return { key: failure.key, expected: redact(failure.expected), got: redact(failure.got) };
  }

  try {
    const checks = await Promise.all(options.checks.map(runCheck));
    const failed = checks.filter((check) => !check.passed).length;
    return {
      passed: failed === 0,
      failed,
      total: checks.length,
      baseUrl: redact(displayUrl(String(options.baseUrl))),
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - start),
      waitTimeoutMs: options.waitTimeoutMs,
      concurrency: options.concurrency,
      checks,
    };
  } finally {
    client.close();
  }
}

/** A check's full URL: its own `url`, or its `path` joined under the base URL's path. */
export function targetUrl(base: string | URL, check: Pick<CheckSpec, 'path' | 'url'>): string {
  if (check.url !== undefined) return new URL(check.url).href;
  const root = new URL(String(base));
  const prefix = root.pathname.replace(/\/+$/, '');
  const path = (check.path ?? '/').replace(/^\/*/, '/');
  return new URL(prefix + path, root).href;
}

function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}
