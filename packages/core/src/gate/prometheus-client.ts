import * as core from '@actions/core';
import { InputError, UserError } from '../action/errors.js';

/** One series of a range query; values are numbers, with NaN and ±Infinity kept as such. */
export interface RangeSeries {
  labels: Record<string, string>;
  /** [timestamp in ms, value] in time order. */
  points: Array<[number, number]>;
}

export interface PrometheusClientOptions {
  /** Base URL of the HTTP API, with any path prefix (https://host/prometheus). */
  url: string | URL;
  headers?: Record<string, string>;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on connection errors, timeouts, 429 and 5xx; default 3. */
  retries?: number;
  /** First back-off delay, doubled each retry; default 500 ms. */
  retryDelayMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** Prometheus refused the query itself (400 bad_data, 422 execution): the SLO file must change. */
export class PrometheusQueryError extends UserError {
  readonly errorType: string;
  readonly prometheusMessage: string;
  constructor(errorType: string, prometheusMessage: string) {
    super(`Prometheus rejected the query (${errorType}): ${prometheusMessage}`);
    this.name = 'PrometheusQueryError';
    this.errorType = errorType;
    this.prometheusMessage = prometheusMessage;
  }
}

/** Prometheus could not be asked (down, timing out, 5xx after retries): there is no evidence. */
export class PrometheusUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusUnavailableError';
  }
}

/** `Name: value` lines (the prometheus-headers input) as a header record. Values are never echoed. */
export function parseHeaderLines(lines: readonly string[], input = 'prometheus-headers'): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [index, line] of lines.entries()) {
    const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line);
    if (!match || match[2] === '') {
      throw new InputError(
        input,
        `Input '${input}' line ${index + 1} must look like 'Name: value' (e.g. Authorization: Bearer <token>)`,
      );
    }
    headers[match[1] as string] = match[2] as string;
  }
  return headers;
}

interface ApiBody {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: Array<{ metric?: Record<string, string>; values?: Array<[number, string]> }> };
}

export class PrometheusClient {
  private readonly base: URL;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: PrometheusClientOptions) {
    const base = new URL(String(options.url));
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.base = base;
    this.headers = options.headers ?? {};
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Where the API lives, without credentials, for messages and the report. */
  get url(): string {
    const shown = new URL(this.base);
    shown.username = '';
    shown.password = '';
    return shown.toString().replace(/\/$/, '');
  }

  /** `query_range` from `start` to `end` every `stepMs`; POSTed so long queries fit. */
  async queryRange(query: string, start: Date, end: Date, stepMs: number): Promise<RangeSeries[]> {
    const form = new URLSearchParams({
      query,
      start: (start.getTime() / 1000).toFixed(3),
      end: (end.getTime() / 1000).toFixed(3),
      step: `${stepMs / 1000}s`,
    });
    const body = await this.post('api/v1/query_range', form);
    if (body.data?.resultType !== 'matrix' || !Array.isArray(body.data.result)) {
      throw new PrometheusUnavailableError(
        `${this.url} answered query_range without a matrix result; is prometheus-url the Prometheus API?`,
      );
    }
    return body.data.result.map((series) => ({
      labels: series.metric ?? {},
      points: (series.values ?? []).map(([time, value]) => [Math.round(time * 1000), parseSampleValue(value)]),
    }));
  }

  private async post(endpoint: string, form: URLSearchParams): Promise<ApiBody> {
    const url = new URL(endpoint, this.base);
    let lastProblem = '';
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) {
        core.debug(`Prometheus: ${lastProblem}; retry ${attempt} of ${this.retries}`);
        await this.sleep(this.retryDelayMs * 2 ** (attempt - 1));
      }
      let response: Response;
      const signal = AbortSignal.timeout(this.timeoutMs);
      try {
        response = await this.fetch(url, {
          method: 'POST',
          headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form,
          signal,
        });
      } catch (error) {
        lastProblem = signal.aborted ? `no answer within ${this.timeoutMs} ms` : describeFetchFailure(error);
        continue;
      }
      const text = await response.text().catch(() => '');
      const body = parseJson(text);
      if (response.ok && body?.status === 'success') return body;
      if ((response.status === 400 || response.status === 422) && body?.status === 'error') {
        throw new PrometheusQueryError(body.errorType ?? 'bad_data', body.error ?? 'no message');
      }
      if (response.status === 401 || response.status === 403) {
        throw new UserError(
          `Prometheus at ${this.url} answered HTTP ${response.status}: check the credentials in prometheus-headers`,
        );
      }
      lastProblem = `HTTP ${response.status}${body?.error ? `: ${body.error}` : text ? `: ${text.slice(0, 200)}` : ''}`;
      if (response.status !== 429 && response.status < 500) break;
    }
    throw new PrometheusUnavailableError(`Prometheus at ${this.url} could not answer: ${lastProblem}`);
  }
}

/** Prometheus writes NaN, +Inf and -Inf as strings that Number() does not all understand. */
export function parseSampleValue(value: string): number {
  if (value === '+Inf' || value === 'Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  return Number(value);
}

function parseJson(text: string): ApiBody | undefined {
  try {
    return JSON.parse(text) as ApiBody;
  } catch {
    return undefined;
  }
}

function describeFetchFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: string } }).cause;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return typeof cause?.code === 'string' && !message.includes(cause.code) ? `${cause.code}: ${message}` : message;
}
