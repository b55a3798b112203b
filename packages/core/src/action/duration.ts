const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;

/**
 * Parses `500ms`, `90s`, `5m`, `1h`, `1d` and compounds such as `1m30s` into milliseconds.
 * A bare number is refused: `30` could mean seconds or milliseconds, and guessing wrong
 * turns a 30 s timeout into a 30 ms one.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = PART.exec(value)) !== null) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
    consumed = PART.lastIndex;
  }
  if (consumed !== value.length || !Number.isFinite(total)) return undefined;
  return Math.round(total);
}

/** Formats milliseconds the way people write durations: `850ms`, `12.5s`, `3m 5s`, `1h 2m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1_000) return `${sign}${Math.round(abs)}ms`;
  if (abs < 60_000) return `${sign}${trimZeros((abs / 1_000).toFixed(1))}s`;
  if (abs < 3_600_000) {
    const minutes = Math.floor(abs / 60_000);
    const seconds = Math.round((abs % 60_000) / 1_000);
    return `${sign}${minutes}m${seconds ? ` ${seconds}s` : ''}`;
  }
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.round((abs % 3_600_000) / 60_000);
  return `${sign}${hours}h${minutes ? ` ${minutes}m` : ''}`;
}

function trimZeros(text: string): string {
  return text.replace(/\.0$/, '');
}
