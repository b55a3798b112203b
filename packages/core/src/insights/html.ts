import { BAND_THRESHOLDS } from './bands.js';
import { band, duration, percent, rate } from './format.js';
import type { EnvironmentReport, InsightsReport, ReleaseRow } from './report.js';

/** Everything from the ledger goes through this: names, versions and reasons are text, never markup. */
function esc(value: string | number | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const COLOURS = { good: '#2da44e', failed: '#cf222e', rollback: '#bf8700', unfinished: '#8c959f', axis: '#57606a' };

/** Releases per week: good and failed stacked, rollbacks as a diamond with their count. */
function weeklySvg(environment: EnvironmentReport): string {
  const weeks = environment.weeks;
  const width = 960;
  const height = 260;
  const left = 40;
  const bottom = 40;
  const top = 24;
  const max = Math.max(1, ...weeks.map((week) => Math.max(week.releases, week.rollbacks)));
  const slot = (width - left - 10) / Math.max(1, weeks.length);
  const barWidth = Math.max(2, slot * 0.7);
  const scale = (height - top - bottom) / max;
  const y = (value: number) => height - bottom - value * scale;
  const ticks = [0, Math.ceil(max / 2), max];
  const labelEvery = Math.ceil(weeks.length / 16);
  const bars = weeks.map((week, index) => {
    const x = left + index * slot + (slot - barWidth) / 2;
    const good = week.releases - week.failed;
    const title = `Week of ${week.week}: ${week.releases} releases, ${week.failed} failed, ${week.rollbacks} rollbacks`;
    const diamond =
      week.rollbacks > 0
        ? `<path class="rollback" d="M${x + barWidth / 2} ${y(week.rollbacks) - 6}l5 5l-5 5l-5 -5z" fill="${COLOURS.rollback}"/>`
        : '';
    const label =
      index % labelEvery === 0
        ? `<text x="${x + barWidth / 2}" y="${height - bottom + 14}" text-anchor="middle" font-size="10" fill="${COLOURS.axis}">${esc(week.week.slice(5))}</text>`
        : '';
    return (
      `<g class="week" data-week="${esc(week.week)}" data-releases="${week.releases}" data-failed="${week.failed}" data-rollbacks="${week.rollbacks}">` +
      `<title>${esc(title)}</title>` +
      `<rect class="good" x="${x.toFixed(1)}" y="${y(week.releases).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(good * scale).toFixed(1)}" fill="${COLOURS.good}"/>` +
      `<rect class="failed" x="${x.toFixed(1)}" y="${y(week.failed).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(week.failed * scale).toFixed(1)}" fill="${COLOURS.failed}"/>` +
      `${diamond}${label}</g>`
    );
  });
  const axis = ticks
    .map(
      (tick) =>
        `<line x1="${left}" x2="${width - 10}" y1="${y(tick)}" y2="${y(tick)}" stroke="#d0d7de"/>` +
        `<text x="${left - 6}" y="${y(tick) + 4}" text-anchor="end" font-size="10" fill="${COLOURS.axis}">${tick}</text>`,
    )
    .join('');
  return (
    `<svg class="chart weekly" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Releases per week in ${esc(environment.environment)}" xmlns="http://www.w3.org/2000/svg">` +
    `${axis}${bars.join('')}` +
    `<text x="${left}" y="14" font-size="11" fill="${COLOURS.axis}">releases per week (Monday, UTC) · ` +
    `<tspan fill="${COLOURS.good}">■ good</tspan> <tspan fill="${COLOURS.failed}">■ failed</tspan> <tspan fill="${COLOURS.rollback}">◆ rollbacks</tspan></text>` +
    '</svg>'
  );
}

/** Every release on one time axis, coloured by outcome; a rollback is a triangle. */
function timelineSvg(environment: EnvironmentReport, report: InsightsReport): string {
  const width = 960;
  const height = 70;
  const since = Date.parse(report.period.since);
  const until = Date.parse(report.period.until);
  const x = (iso: string) => 10 + ((Date.parse(iso) - since) / (until - since)) * (width - 20);
  const marks = environment.rows
    .filter((row) => Date.parse(row.createdAt) >= since && Date.parse(row.createdAt) < until)
    .map((row) => {
      const colour = row.kind === 'rollback' ? COLOURS.rollback : COLOURS[row.outcome];
      const px = x(row.createdAt).toFixed(1);
      const title = `${row.kind} ${row.version} (deployment ${row.deploymentId}) ${row.createdAt}: ${row.outcome}`;
      return row.kind === 'rollback'
        ? `<path class="mark rollback" d="M${px} 46l5 9h-10z" fill="${colour}"><title>${esc(title)}</title></path>`
        : `<circle class="mark release ${row.outcome}" cx="${px}" cy="${row.outcome === 'failed' ? 20 : 32}" r="4" fill="${colour}" fill-opacity="0.75"><title>${esc(title)}</title></circle>`;
    });
  return (
    `<svg class="chart timeline" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Every release in the period" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="10" x2="${width - 10}" y1="40" y2="40" stroke="#d0d7de"/>${marks.join('')}</svg>`
  );
}

function keysTable(environment: EnvironmentReport): string {
  const { frequency, leadTime, changeFailure, restore } = environment;
  const row = (key: string, value: string, rated: string, evidence: string) =>
    `<tr><th scope="row">${key}</th><td>${esc(value)}</td><td class="band ${esc(rated.split(' ')[0]!.toLowerCase())}">${esc(rated)}</td><td>${esc(evidence)}</td></tr>`;
  return (
    '<table class="keys"><thead><tr><th>Key</th><th>Value</th><th>DORA band</th><th>Evidence</th></tr></thead><tbody>' +
    row(
      'Deployment frequency',
      `${rate(frequency.perDay)}/day · ${rate(frequency.perWeek)}/week`,
      band(frequency.band),
      `${frequency.live} releases took traffic`,
    ) +
    row(
      'Lead time for changes',
      `median ${duration(leadTime.medianMs)} · p90 ${duration(leadTime.p90Ms)}`,
      band(leadTime.band),
      `${leadTime.count} commits in ${leadTime.releases} releases`,
    ) +
    row(
      'Change failure rate',
      percent(changeFailure.rate),
      band(changeFailure.band),
      `${changeFailure.failed} of ${environment.releases} releases`,
    ) +
    row(
      'Time to restore',
      `median ${duration(restore.medianMs)} · p90 ${duration(restore.p90Ms)}`,
      band(restore.band),
      `${restore.count} restored, ${restore.unrestored} not yet, ${restore.neverLive} never took traffic`,
    ) +
    '</tbody></table>'
  );
}

function gateSection(environment: EnvironmentReport): string {
  const { verdicts, total, inconclusiveShare, objectives } = environment.gate;
  if (total === 0) return '<p>No quality gate verdicts were recorded on these releases.</p>';
  const rows = objectives
    .slice(0, 10)
    .map(
      (objective) =>
        `<tr><td>${esc(objective.name)}</td><td>${objective.failed}</td><td>${objective.unjudged}</td></tr>`,
    )
    .join('');
  return (
    `<p class="verdicts">${verdicts.pass} pass · ${verdicts.warn} warn · ${verdicts.fail} fail · ${verdicts.inconclusive} inconclusive (${esc(percent(inconclusiveShare))} inconclusive)</p>` +
    (rows
      ? `<table><thead><tr><th>Objective</th><th>Failed</th><th>Not judged</th></tr></thead><tbody>${rows}</tbody></table>`
      : '')
  );
}

function releaseRow(row: ReleaseRow): string {
  return (
    `<tr class="${esc(row.outcome)}"><td>${row.deploymentId}</td><td>${esc(row.kind)}</td><td>${esc(row.version)}</td>` +
    `<td><code>${esc(row.sha.slice(0, 7))}</code></td><td>${esc(row.createdAt.replace('T', ' ').slice(0, 16))}</td>` +
    `<td>${esc(row.outcome)}${row.causes.length ? ` (${esc(row.causes.join(', '))})` : ''}</td>` +
    `<td>${row.commits ?? ''}</td><td>${esc(duration(row.leadTimeMedianMs))}</td><td>${esc(duration(row.restoreMs))}</td><td>${esc(row.gate ?? '')}</td></tr>`
  );
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1040px;padding:16px 24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:28px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f6f8fa;position:sticky;top:0}
.band.elite{background:#dafbe1}.band.high{background:#ddf4ff}.band.medium{background:#fff8c5}.band.low{background:#ffebe9}
.releases{max-height:420px;overflow:auto;border:1px solid #d0d7de}.releases table{margin:0}
tr.failed td{background:#fff5f5}.note{color:#57606a;font-size:12px}.chart{display:block;margin:8px 0}
`;

/** One self-contained file: inline CSS and SVG, no script, and a policy that forbids any fetch. */
export function reportHtml(report: InsightsReport): string {
  const sections = report.environments.map(
    (environment) =>
      `<section class="environment" data-environment="${esc(environment.environment)}">` +
      `<h2>${esc(environment.environment)}</h2>` +
      (environment.releases === 0
        ? `<p class="empty"><strong>No release in this period (newest deploy: ${esc(environment.latestDeployAt?.slice(0, 10) ?? 'never')}): only the deployment frequency can be rated.</strong></p>`
        : '') +
      keysTable(environment) +
      `<h3>Releases per week</h3>${weeklySvg(environment)}` +
      `<h3>Every release</h3>${timelineSvg(environment, report)}` +
      `<h3>Quality gate</h3>${gateSection(environment)}` +
      `<h3>Releases (${environment.rows.length})</h3><div class="releases"><table><thead><tr><th>Deployment</th><th>Kind</th><th>Version</th><th>Commit</th><th>Created (UTC)</th><th>Outcome</th><th>Commits</th><th>Lead time (median)</th><th>Restored after</th><th>Gate</th></tr></thead><tbody>` +
      `${[...environment.rows].reverse().map(releaseRow).join('')}</tbody></table></div></section>`,
  );
  const title = `Deployment insights: ${report.repository}`;
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body>` +
    `<h1>${esc(title)}</h1><p>${esc(report.period.since.slice(0, 10))} to ${esc(report.period.until.slice(0, 10))} (${esc(report.period.text)}) · generated ${esc(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC · ${report.api.requests} API requests</p>` +
    sections.join('') +
    `<p class="note">Bands: ${esc(report.bandSource)}. Frequency ${esc(BAND_THRESHOLDS.frequency)}; lead time ${esc(BAND_THRESHOLDS.leadTime)}; change failure rate ${esc(BAND_THRESHOLDS.changeFailureRate)}; time to restore ${esc(BAND_THRESHOLDS.timeToRestore)}.` +
    (report.ignored.malformed ? ` ${report.ignored.malformed} malformed records ignored.` : '') +
    '</p></body></html>\n'
  );
}
