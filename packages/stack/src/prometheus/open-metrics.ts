export interface HistorySeries {
  /** Metric name; for `type: 'counter'` it must end in `_total`. */
  name: string;
  type?: 'gauge' | 'counter' | 'unknown';
  labels?: Record<string, string>;
  /** Samples with timestamps in milliseconds since the epoch. */
  samples: ReadonlyArray<{ timestampMs: number; value: number }>;
}

/**
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: one family per metric
 * name (families must be contiguous), timestamps in seconds, ending with `# EOF`.
 */
export function toOpenMetrics(series: readonly HistorySeries[]): string {
  const families = new Map<string, HistorySeries[]>();
  for (const one of series) {
    const family = one.type === 'counter' ? one.name.replace(/_total$/, '') : one.name;
    families.set(family, [...(families.get(family) ?? []), one]);
  }
  const lines: string[] = [];
  for (const [family, members] of families) {
    lines.push(`# TYPE ${family} ${members[0]?.type ?? 'gauge'}`);
    for (const member of members) {
      const labels = Object.entries(member.labels ?? {})
        .map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
        .join(',');
      const selector = labels ? `${member.name}{${labels}}` : member.name;
      const sorted = [...member.samples].sort((a, b) => a.timestampMs - b.timestampMs);
      for (const sample of sorted) lines.push(`${selector} ${sample.value} ${(sample.timestampMs / 1000).toFixed(3)}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
