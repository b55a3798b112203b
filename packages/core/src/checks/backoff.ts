export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 5_000 };

/**
 * The wait before retry number `retry` (1 for the first): doubling from `initialMs` up to
 * `maxMs`, less up to a fifth at random so that many checks failing together do not all hit
 * a service that is warming up at the same instant.
 */
export function backoffDelay(retry: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, retry - 1));
  return Math.round(base * (1 - 0.2 * random()));
}
