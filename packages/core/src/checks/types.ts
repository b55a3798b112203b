/** What a check expects of the status code: exact codes and whole classes such as `2xx`. */
export interface StatusExpectation {
  codes: number[];
  /** First digits of the accepted classes: `2` for `2xx`. */
  classes: number[];
}

export interface Expectations {
  status: StatusExpectation;
  bodyContains: string[];
  bodyNotContains: string[];
  /** A value the JSON body must contain (subset match); undefined when not asserted. */
  json?: unknown;
  /** Header names (lower-cased) and the text their values must contain. */
  headers: Record<string, string>;
  maxLatencyMs?: number;
  tlsMinDays?: number;
}

/** One validated check from the checks file, with every default filled in. */
export interface CheckSpec {
  name: string;
  /** Position in the checks list, for messages that point back at the file. */
  index: number;
  /** Joined to the suite's base URL; exactly one of path and url is set. */
  path?: string;
  url?: string;
  method: string;
  headers: Record<string, string>;
  /** The request body as sent; objects were serialised to JSON. */
  body?: string;
  /** True when body came from an object, so a JSON content type is added unless set. */
  bodyIsJson: boolean;
  timeoutMs: number;
  followRedirects: boolean;
  repeat: number;
  expect: Expectations;
}

/** One assertion that did not hold: the key in the checks file, what it wanted and what came. */
export interface CheckFailure {
  key: string;
  expected: string;
  got: string;
}

/** What one request (with its redirects) came back with. */
export interface Exchange {
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** True when the body was longer than what is kept for assertions. */
  truncated: boolean;
  latencyMs: number;
  redirects: number;
  /** Days until the soonest-expiring certificate met on the way (https only). */
  tlsDaysLeft?: number;
}

export interface SmokeCheckResult {
  name: string;
  index: number;
  method: string;
  url: string;
  passed: boolean;
  attempts: number;
  /** Status of the last response, when one came. */
  status?: number;
  /** Latency of the single request, or the p95 over `repeat` requests. */
  latencyMs?: number;
  latenciesMs: number[];
  tlsDaysLeft?: number;
  /** Why the last attempt failed; empty when it passed. */
  failures: CheckFailure[];
  /** A short piece of the last response body, secrets redacted. */
  bodyExcerpt?: string;
  /** Headers sent, with values that came from the secret `headers` input redacted. */
  requestHeaders: Record<string, string>;
  durationMs: number;
}

export interface SmokeSuiteResult {
  passed: boolean;
  failed: number;
  total: number;
  baseUrl: string;
  startedAt: string;
  durationMs: number;
  waitTimeoutMs: number;
  concurrency: number;
  checks: SmokeCheckResult[];
}
