import type { InsightsReport } from './report.js';

const COLUMNS = [
  'environment',
  'deployment_id',
  'kind',
  'version',
  'sha',
  'created_at',
  'went_live_at',
  'outcome',
  'causes',
  'rollback_of',
  'rolled_back_by',
  'restored_at',
  'time_to_restore_s',
  'commits',
  'lead_time_median_s',
  'gate',
] as const;

/** RFC 4180 quoting, and a leading quote on text a spreadsheet would run as a formula. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms / 1000));

/** One row per deployment in the period, for spreadsheets and further analysis. */
export function reportCsv(report: InsightsReport): string {
  const lines = [COLUMNS.join(',')];
  for (const environment of report.environments) {
    for (const row of environment.rows) {
      lines.push(
        [
          row.environment,
          row.deploymentId,
          row.kind,
          row.version,
          row.sha,
          row.createdAt,
          row.wentLiveAt,
          row.outcome,
          row.causes.join(' '),
          row.rollbackOf,
          row.rolledBackBy.join(' '),
          row.restoredAt,
          seconds(row.restoreMs),
          row.commits,
          seconds(row.leadTimeMedianMs),
          row.gate,
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
