import { band, duration, percent, rate } from './format.js';
import type { InsightsReport } from './report.js';

/** Ledger text on a terminal: no escape sequences or control characters. */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

function pad(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The report for a terminal: the four keys with bands per environment, then the gate's verdicts. */
export function reportText(report: InsightsReport): string {
  const lines = [
    `Deployment insights for ${clean(report.repository)}, ${report.period.since.slice(0, 10)} to ${report.period.until.slice(0, 10)} (${clean(report.period.text)})`,
  ];
  for (const environment of report.environments) {
    const { frequency, leadTime, changeFailure, restore, gate } = environment;
    lines.push(
      '',
      clean(environment.environment) +
        (environment.releases === 0
          ? ` (no release in this period; newest deploy ${environment.latestDeployAt?.slice(0, 10) ?? 'never'})`
          : ''),
      ...pad([
        ['key', 'value', 'band'],
        [
          'deployment frequency',
          `${rate(frequency.perDay)}/day, ${rate(frequency.perWeek)}/week (${frequency.live} live)`,
          band(frequency.band),
        ],
        [
          'lead time for changes',
          `median ${duration(leadTime.medianMs)}, p90 ${duration(leadTime.p90Ms)} (${leadTime.count} commits)`,
          band(leadTime.band),
        ],
        [
          'change failure rate',
          `${percent(changeFailure.rate)} (${changeFailure.failed} of ${environment.releases})`,
          band(changeFailure.band),
        ],
        [
          'time to restore',
          `median ${duration(restore.medianMs)}, p90 ${duration(restore.p90Ms)} (${restore.count} restored, ${restore.unrestored} not yet)`,
          band(restore.band),
        ],
      ]).map((line) => `  ${line}`),
      `  gate: ${gate.verdicts.pass} pass, ${gate.verdicts.warn} warn, ${gate.verdicts.fail} fail, ${gate.verdicts.inconclusive} inconclusive (${percent(gate.inconclusiveShare)})` +
        (gate.objectives[0] ? `; fails most: ${clean(gate.objectives[0].name)} (${gate.objectives[0].failed})` : ''),
    );
  }
  lines.push(
    '',
    `${report.api.requests} API requests (${report.api.retries} retried); ${report.ignored.malformed} malformed records ignored.`,
  );
  return `${lines.join('\n')}\n`;
}
