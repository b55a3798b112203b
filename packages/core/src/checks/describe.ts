import { formatDuration } from '../action/index.js';
import { checkFailureLine } from './assertions.js';
import type { SmokeCheckResult } from './types.js';

const EXCERPT_IN_LINE = 120;

/** The one line a person reads in the annotation of a failed check: what, expected vs got, a body excerpt. */
export function checkFailureMessage(check: SmokeCheckResult): string {
  let message = `Check '${check.name}' failed: ${check.failures.map(checkFailureLine).join('; ')}`;
  if (check.bodyExcerpt) {
    const body =
      check.bodyExcerpt.length > EXCERPT_IN_LINE
        ? `${check.bodyExcerpt.slice(0, EXCERPT_IN_LINE - 1)}…`
        : check.bodyExcerpt;
    message += ` — body: ${body}`;
  }
  return `${message} (${check.method} ${check.url}, ${attempts(check)})`;
}

/** The log line of a passed check. */
export function checkPassLine(check: SmokeCheckResult): string {
  const latency =
    check.latencyMs === undefined
      ? ''
      : check.latenciesMs.length > 1
        ? `, p95 ${formatDuration(check.latencyMs)} over ${check.latenciesMs.length} requests`
        : ` in ${formatDuration(check.latencyMs)}`;
  return `✓ ${check.name}: ${check.status}${latency} (${attempts(check)})`;
}

function attempts(check: SmokeCheckResult): string {
  return `${check.attempts} attempt${check.attempts === 1 ? '' : 's'} in ${formatDuration(check.durationMs)}`;
}
