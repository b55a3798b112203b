import { markdown } from '../action/untrusted-text.js';
import { BAND_THRESHOLDS } from './bands.js';
import { band, duration, percent, rate } from './format.js';
import type { EnvironmentReport, InsightsReport } from './report.js';

/** Text from the ledger in a table cell or heading: no markup, no column breaks, no mentions. */
const text = markdown;

/** Mermaid labels allow no quotes or brackets; keep what names are made of. */
function mermaidLabel(value: string): string {
  return value.replace(/[^A-Za-z0-9 ._-]/g, '').slice(0, 60) || 'environment';
}

function headline(report: InsightsReport): string {
  const environments = report.environments.map((e) => e.environment).join(', ');
  return `## Deployment insights: ${text(report.repository)} · ${text(environments)} · ${text(report.period.text)}`;
}

function fourKeys(environment: EnvironmentReport): string {
  const { frequency, leadTime, changeFailure, restore } = environment;
  const failedNote = `${changeFailure.failed} of ${environment.releases} releases`;
  const restoreNote =
    `${restore.count} restored` +
    (restore.unrestored ? `, ${restore.unrestored} not restored yet` : '') +
    (restore.neverLive ? `, ${restore.neverLive} failed before taking traffic` : '');
  const leadNote =
    `${leadTime.count} commits in ${leadTime.releases} releases` +
    (leadTime.unmeasuredFirstRelease ? ' (the first release ever has nothing to compare with)' : '');
  return [
    '| Key | Value | DORA band | Evidence |',
    '| --- | --- | --- | --- |',
    `| Deployment frequency | ${rate(frequency.perDay)}/day · ${rate(frequency.perWeek)}/week | ${band(frequency.band)} | ${frequency.live} releases took traffic |`,
    `| Lead time for changes | median ${duration(leadTime.medianMs)} · p90 ${duration(leadTime.p90Ms)} | ${band(leadTime.band)} | ${leadNote} |`,
    `| Change failure rate | ${percent(changeFailure.rate)} | ${band(changeFailure.band)} | ${failedNote}: ${causes(environment)} |`,
    `| Time to restore | median ${duration(restore.medianMs)} · p90 ${duration(restore.p90Ms)} | ${band(restore.band)} | ${restoreNote} |`,
  ].join('\n');
}

/** An environment without releases in the period is a finding, not a clean bill of health. */
export function emptyNote(environment: EnvironmentReport): string {
  const latest = environment.latestDeployAt
    ? `the newest deploy was on ${environment.latestDeployAt.slice(0, 10)}`
    : 'no deploy was ever recorded';
  return `No release of ${text(environment.environment)} in this period (${latest}): only the deployment frequency can be rated.`;
}

function causes(environment: EnvironmentReport): string {
  const parts = Object.entries(environment.changeFailure.byCause)
    .filter(([, n]) => n > 0)
    .map(([cause, n]) => `${n} ${cause}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function gate(environment: EnvironmentReport): string {
  const { verdicts, total, inconclusiveShare, objectives, unnamed } = environment.gate;
  if (total === 0) return '_No quality gate verdicts were recorded on these releases._';
  const lines = [
    '| pass | warn | fail | inconclusive | inconclusive share |',
    '| --- | --- | --- | --- | --- |',
    `| ${verdicts.pass} | ${verdicts.warn} | ${verdicts.fail} | ${verdicts.inconclusive} | ${percent(inconclusiveShare)} |`,
  ];
  if (objectives.length > 0) {
    lines.push('', '| Objective | Failed | Not judged |', '| --- | --- | --- |');
    for (const objective of objectives.slice(0, 10))
      lines.push(`| ${text(objective.name)} | ${objective.failed} | ${objective.unjudged} |`);
  }
  if (unnamed > 0)
    lines.push('', `_${unnamed} verdict(s) named no objective: GitHub cut the description at 140 characters._`);
  return lines.join('\n');
}

/** Releases per week as a Mermaid chart: bars of releases with failed ones drawn over them, rollbacks as a line. */
export function weeklyChart(environment: EnvironmentReport): string {
  const weeks = environment.weeks;
  const max = Math.max(1, ...weeks.map((week) => Math.max(week.releases, week.rollbacks)));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "Releases per week, ${mermaidLabel(environment.environment)}"`,
    `  x-axis [${weeks.map((week) => `"${week.week.slice(5)}"`).join(', ')}]`,
    `  y-axis "Releases" 0 --> ${max}`,
    `  bar [${weeks.map((week) => week.releases).join(', ')}]`,
    `  bar [${weeks.map((week) => week.failed).join(', ')}]`,
    `  line [${weeks.map((week) => week.rollbacks).join(', ')}]`,
    '```',
    '',
    '_Bars: releases per week (week starting Monday, UTC), the failed ones drawn darker over them; line: rollbacks._',
  ].join('\n');
}

/** The job summary and `paved report`'s markdown: the four keys with bands, the gate, the weekly chart. */
export function reportMarkdown(report: InsightsReport): string {
  const parts = [
    headline(report),
    `${report.period.since.slice(0, 10)} to ${report.period.until.slice(0, 10)} (${Math.round(report.period.days)} days), read from the deployment ledger: ` +
      `${report.api.requests} API requests, ${report.api.retries} retried.`,
  ];
  for (const environment of report.environments) {
    parts.push(`### ${text(environment.environment)}`);
    if (environment.releases === 0) parts.push(`**${emptyNote(environment)}**`);
    parts.push(fourKeys(environment));
    if (environment.unfinished > 0)
      parts.push(`_${environment.unfinished} release(s) still in progress are not counted._`);
    parts.push('#### Releases per week', weeklyChart(environment), '#### Quality gate', gate(environment));
  }
  const notes = [
    `Bands: ${report.bandSource}. Frequency ${BAND_THRESHOLDS.frequency}; lead time ${BAND_THRESHOLDS.leadTime} (median); ` +
      `change failure rate ${BAND_THRESHOLDS.changeFailureRate}; time to restore ${BAND_THRESHOLDS.timeToRestore} (median).`,
  ];
  if (report.ignored.malformed > 0)
    notes.push(`⚠️ ${report.ignored.malformed} malformed record(s) ignored, e.g. ${text(report.warnings[0] ?? '')}`);
  if (report.ignored.notPaved > 0)
    notes.push(
      `${report.ignored.notPaved} deployment(s) not recorded by Paved (no image in the payload) were skipped.`,
    );
  parts.push(notes.map((note) => `> ${note}`).join('\n>\n'));
  return `${parts.join('\n\n')}\n`;
}
