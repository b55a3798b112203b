import { UserError } from '../action/errors.js';

export interface Period {
  /** Epoch ms, inclusive. */
  since: number;
  /** Epoch ms, exclusive. */
  until: number;
  /** As given, for the report's title. */
  text: string;
}

const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function day(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : undefined;
}

/**
 * `30d`, `12w` (ending now), or `2026-01-01..2026-03-31` (whole UTC days, both included).
 * `source` names where the text came from (an input, a flag) so the error says what to fix.
 */
export function parsePeriod(text: string | undefined, source: string, now = Date.now()): Period {
  const value = (text ?? '').trim() || '30d';
  const relative = /^(\d{1,4})([dw])$/.exec(value);
  if (relative) {
    const days = Number(relative[1]) * (relative[2] === 'w' ? 7 : 1);
    if (days >= 1 && days <= 3660) return { since: now - days * DAY, until: now, text: value };
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (range) {
    const since = day(range[1]!);
    const last = day(range[2]!);
    if (since !== undefined && last !== undefined && last >= since) return { since, until: last + DAY, text: value };
  }
  throw new UserError(
    `${source} must be a number of days or weeks such as 30d or 12w (at most 3660 days), or a date range ` +
      `such as 2026-01-01..2026-03-31, got '${value}'`,
  );
}
