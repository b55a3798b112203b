import type { summary as Summary } from '@actions/core';
import { formatDuration } from '../action/duration.js';
import { markdown, markdownCode, markdownLink } from '../action/untrusted-text.js';
import { formatChange, formatNumber, formatPercent, formatPValue } from '../gate/format.js';
import type { CannotJudgeKind } from '../gate/errors.js';
import type { PreflightFinding } from '../gate/preflight.js';
import type { GateReport, GateReportObjective } from '../gate/report.js';
import type { Verdict } from '../gate/verdict.js';

const ICON: Record<Verdict | 'pending' | 'not-judged', string> = {
  pass: '✅',
  warn: '⚠️',
  fail: '❌',
  inconclusive: '❔',
  pending: '⏳',
  'not-judged': '➖',
};

/** Chart points per objective: enough to see a step, few enough to read. */
const CHART_BINS = 40;
/** A passing objective "moved" when its relative change is at least this big. */
const MOVED = 0.05;

/**
 * The job summary of the quality gate, as Markdown (the summary renders Mermaid): the verdict
 * and why, a table of every objective, then per objective the resolved query, both time ranges,
 * the medians, the change, the points, the test's numbers, the deciding sentence and a chart.
 */
export function addQualityGateSummary(summary: typeof Summary, report: GateReport): typeof Summary {
  return summary.addRaw(qualityGateMarkdown(report), true);
}

export function qualityGateMarkdown(report: GateReport): string {
  const lines: string[] = [];
  lines.push(`## ${ICON[report.verdict]} Deploy quality gate: ${report.verdict} (score ${report.score})`, '');
  lines.push(escapeText(report.reason), '');
  const when = report.stoppedEarly
    ? `stopped early ${formatDuration(report.secondsAfterDeploy * 1000)} after the deploy`
    : `decided ${formatDuration(report.secondsAfterDeploy * 1000)} after the deploy`;
  lines.push(
    [
      report.environment ? `Environment **${escapeText(report.environment)}**` : undefined,
      `deployed at ${report.deployedAt}`,
      ...(canary(report)
        ? [`**canary vs stable over the same window** ${report.candidateWindow.start} → ${report.candidateWindow.end}`]
        : [
            `baseline ${report.baselineWindow.start} → ${report.baselineWindow.end}`,
            `candidate ${report.candidateWindow.start} → ${report.candidateWindow.end}`,
          ]),
      `step ${report.stepSeconds}s`,
      when,
      `pass-score ${report.slo.passScore}, warn-score ${report.slo.warnScore}`,
      `Prometheus ${escapeText(report.prometheus)}`,
    ]
      .filter(Boolean)
      .join(' · '),
    '',
  );
  const side = sides(report);
  if (canary(report)) {
    lines.push(
      `Compared ${report.compared}: each objective's query with \`\${track}\` bound to the canary's pods and to the stable ones, ` +
        'so that what changed for the whole service meanwhile moved both sides.',
      '',
    );
  }
  lines.push(trafficLine(report), '');
  lines.push(
    `| Objective | Result | ${side.Baseline} median | ${side.Candidate} median | Change | Points (${side.baseline} / ${side.candidate}) | Test | Why |`,
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const objective of report.objectives) lines.push(tableRow(objective));
  lines.push('');
  for (const objective of report.objectives) lines.push(...details(objective, report), '');
  lines.push(`<sub>Full report: the \`report\` output (JSON, version ${report.version}).</sub>`, '');
  return lines.join('\n');
}

function tableRow(objective: GateReportObjective): string {
  const name = `${markdownCode(objective.name)}${objective.critical ? ' (critical)' : ''}${objective.weight !== 1 ? ` ×${objective.weight}` : ''}`;
  const test = objective.test
    ? `U = ${formatNumber(objective.test.u)}, p = ${formatPValue(objective.test.pValue)}`
    : '—';
  return [
    name,
    `${ICON[objective.status]} ${objective.status}`,
    value(objective.baseline.median),
    value(objective.candidate.median),
    objective.change?.relative != null ? formatChange(objective.change.relative) : '—',
    `${objective.baseline.points} / ${objective.candidate.points}`,
    test,
    escapeCell(objective.reason),
  ]
    .join(' | ')
    .replace(/^/, '| ')
    .concat(' |');
}

function canary(report: GateReport): boolean {
  return report.comparison === 'canary-vs-stable';
}

/** How the two windows are called: baseline and candidate, or stable and canary. */
function sides(report: GateReport) {
  return canary(report)
    ? { baseline: 'stable', candidate: 'canary', Baseline: 'Stable', Candidate: 'Canary' }
    : { baseline: 'baseline', candidate: 'candidate', Baseline: 'Baseline', Candidate: 'Candidate' };
}

function details(objective: GateReportObjective, report: GateReport): string[] {
  const side = sides(report);
  const window = (label: string, w: GateReportObjective['baseline']) =>
    `- ${label}: ${w.start} → ${w.end}, ${w.points} of ${w.expectedPoints} points usable` +
    `${w.nonFinite ? ` (${w.nonFinite} NaN/±Inf)` : ''}` +
    `${w.outlierPoints ? `, ${w.outlierPoints} left out as a disturbance${outlierTimes(w.outlierRanges)}` : ''}, ${w.effectivePoints} effective` +
    `${w.median !== null ? `; median ${formatNumber(w.median)}, p10 ${value(w.p10)}, p90 ${value(w.p90)}` : ''}` +
    `${w.unavailable ? `; ${escapeText(w.unavailable)}` : ''}` +
    `${w.movedBack ? `. ${escapeText(w.movedBack)}` : ''}`;
  const out = [
    `### ${ICON[objective.status]} ${escapeText(objective.name)}`,
    '',
    `${fence(objective.query)}promql`,
    objective.query,
    fence(objective.query),
    '',
    window(side.Baseline, objective.baseline),
    window(side.Candidate, objective.candidate),
  ];
  if (objective.traffic) {
    out.push(
      `- Traffic (${TRAFFIC_SOURCE[objective.traffic.source]}): ${markdownCode(objective.traffic.query)} — ${escapeText(objective.traffic.sentence)}`,
    );
  } else {
    out.push(
      '- Traffic: none could be found for this objective (no `traffic:` in the SLO file, and its query is neither a ratio of rates nor a histogram quantile)',
    );
  }
  if (objective.test) {
    const t = objective.test;
    out.push(
      `- Test: ${t.name} = ${formatNumber(t.u)}, z = ${formatNumber(t.z)}, one-sided p = ${formatPValue(t.pValue)} ` +
        `(in the worse direction), P(${side.candidate} > ${side.baseline}) = ${formatNumber(t.probabilityOfSuperiority)}, ` +
        `effective points ${t.effectiveBaseline} / ${t.effectiveCandidate}; Hodges-Lehmann shift ${formatNumber(t.shift)} ` +
        `(${formatPercent(t.confidence)} bounds ${bound(t.shiftLower)} … ${bound(t.shiftUpper)})`,
    );
  }
  for (const check of objective.checks) {
    const limit = check.kind === 'max-regression' ? formatPercent(check.limit) : formatNumber(check.limit);
    out.push(`- ${ICON[check.status]} \`${check.kind}: ${limit}\` — ${escapeText(check.sentence)}`);
  }
  out.push(
    `- **Decided by:** ${escapeText(objective.reason)}`,
    '',
    ...(canary(report) ? canaryChart(objective) : chart(objective)),
  );
  return out;
}

const TRAFFIC_SOURCE: Record<NonNullable<GateReportObjective['traffic']>['source'], string> = {
  'slo-file': "the SLO file's traffic query",
  'ratio-denominator': 'the denominator of its ratio',
  'histogram-count': 'the count of its histogram',
};

/** Which traffic signals were watched, or that none could be found. */
function trafficLine(report: GateReport): string {
  const watched = report.objectives.filter((objective) => objective.traffic);
  if (watched.length === 0) {
    return '**Traffic:** none could be found — add a `traffic:` query to the SLO file so a release few users reached is never passed.';
  }
  const queries = [...new Set(watched.map((objective) => (objective.traffic as { query: string }).query))];
  const without = report.objectives
    .filter((objective) => !objective.traffic)
    .map((objective) => markdownCode(objective.name));
  return (
    `**Traffic watched:** ${queries.map((query) => markdownCode(query)).join(', ')}` +
    (without.length > 0 ? `; none for ${without.join(', ')}` : '') +
    '.'
  );
}

/** The job summary of a gate that could not judge: not a verdict, and what to check. */
export function addQualityGateErrorSummary(
  summary: typeof Summary,
  reason: string,
  kind: CannotJudgeKind | 'unexpected',
): typeof Summary {
  const next = {
    configuration:
      'Fix the configuration named above (the preflight in the build job checks it before the next deploy).',
    prometheus: 'Check that Prometheus is up and reachable from the runner at the URL given.',
    unexpected: 'Re-run with debug logging (secret ACTIONS_STEP_DEBUG=true) and report it.',
  }[kind];
  return summary.addRaw(
    [
      '## 🛑 Deploy quality gate: could not judge the release',
      '',
      escapeText(reason),
      '',
      `This is not a verdict on the release: the pipeline stops, nothing is promoted and nothing is rolled back unless the environment opts into it. ${next}`,
      '',
    ].join('\n'),
    true,
  );
}

const FINDING_ICON: Record<PreflightFinding['status'], string> = { ok: '✅', warning: '⚠️', error: '❌' };

/** The job summary of the preflight: one row per thing checked. */
export function addPreflightSummary(summary: typeof Summary, findings: readonly PreflightFinding[]): typeof Summary {
  const errors = findings.filter((finding) => finding.status === 'error').length;
  const lines = [
    `## ${errors > 0 ? '❌' : '✅'} Deploy preflight: ${errors > 0 ? `${errors} problem${errors === 1 ? '' : 's'}` : 'ready'}`,
    '',
    '| Checked | Result | Detail |',
    '| --- | --- | --- |',
    ...findings.map(
      (finding) =>
        `| ${escapeCell(finding.subject)}${finding.query ? `<br>${markdownCode(finding.query)}` : ''} | ${FINDING_ICON[finding.status]} ${finding.status} | ${escapeCell(finding.message)} |`,
    ),
    '',
  ];
  return summary.addRaw(lines.join('\n'), true);
}

/**
 * A Mermaid xychart of both windows on one time axis (deploy at 0): line 1 is the objective,
 * line 2 the limit it is judged against. xychart has no gaps, so empty bins repeat the last value.
 */
export function chart(objective: GateReportObjective): string[] {
  const points = [...objective.series.baseline, ...objective.series.candidate];
  const finite = points.filter((point): point is [number, number] => point[1] !== null);
  if (finite.length < 2) return ['_No data to chart._'];
  const deployed = Date.parse(objective.baseline.end) / 1000;
  const start = Date.parse(objective.baseline.start) / 1000;
  const end = Date.parse(objective.candidate.end) / 1000;
  const bins = Math.min(CHART_BINS, points.length);
  const width = (end - start) / bins;
  const labels: string[] = [];
  const values: number[] = [];
  let last = finite[0]?.[1] ?? 0;
  for (let bin = 0; bin < bins; bin++) {
    const from = start + bin * width;
    const inBin = finite.filter(([time]) => time >= from && (bin === bins - 1 ? time <= end : time < from + width));
    if (inBin.length > 0) last = middle(inBin.map(([, v]) => v));
    values.push(last);
    labels.push(`"${offsetLabel(from + width / 2 - deployed)}"`);
  }
  const limit = limitLine(objective);
  const series = [`  line [${values.map(chartNumber).join(', ')}]`];
  if (limit !== undefined) series.push(`  line [${values.map(() => chartNumber(limit.value)).join(', ')}]`);
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${objective.name.replace(/"/g, "'")}: baseline before 0, candidate after"`,
    `  x-axis "seconds from the deploy" [${labels.join(', ')}]`,
    `  y-axis "value"`,
    ...series,
    '```',
    `<sub>Line 1: the query's points (medians per bin)${limit ? `; line 2: ${limit.label}` : ''}.</sub>`,
  ];
}

/**
 * A Mermaid xychart of the canary and the stable pods over the same window: line 1 the canary,
 * line 2 stable, line 3 the limit.
 */
export function canaryChart(objective: GateReportObjective): string[] {
  const canaryPoints = objective.series.candidate.filter((point): point is [number, number] => point[1] !== null);
  const stablePoints = objective.series.baseline.filter((point): point is [number, number] => point[1] !== null);
  if (canaryPoints.length < 2 && stablePoints.length < 2) return ['_No data to chart._'];
  const start = Date.parse(objective.candidate.start) / 1000;
  const end = Date.parse(objective.candidate.end) / 1000;
  const bins = Math.max(1, Math.min(CHART_BINS, objective.series.candidate.length));
  const width = (end - start) / bins;
  const binned = (points: Array<[number, number]>) => {
    const values: number[] = [];
    let last = points[0]?.[1] ?? 0;
    for (let bin = 0; bin < bins; bin++) {
      const from = start + bin * width;
      const inBin = points.filter(([time]) => time >= from && (bin === bins - 1 ? time <= end : time < from + width));
      if (inBin.length > 0) last = middle(inBin.map(([, v]) => v));
      values.push(last);
    }
    return values;
  };
  // The canary's window starts one step after the deploy.
  const deployed = start - objective.candidate.stepSeconds;
  const labels = Array.from({ length: bins }, (_, bin) => `"${offsetLabel(start + (bin + 0.5) * width - deployed)}"`);
  const canaryValues = binned(canaryPoints);
  const series = [
    `  line [${canaryValues.map(chartNumber).join(', ')}]`,
    `  line [${binned(stablePoints).map(chartNumber).join(', ')}]`,
  ];
  const limit = limitLine(objective, 'stable');
  if (limit !== undefined) series.push(`  line [${canaryValues.map(() => chartNumber(limit.value)).join(', ')}]`);
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${objective.name.replace(/"/g, "'")}: canary and stable over the same window"`,
    `  x-axis "seconds from the deploy" [${labels.join(', ')}]`,
    `  y-axis "value"`,
    ...series,
    '```',
    `<sub>Line 1: the canary's points, line 2: the stable pods' (medians per bin)${limit ? `; line 3: ${limit.label}` : ''}.</sub>`,
  ];
}

function limitLine(
  objective: GateReportObjective,
  baseline = 'baseline',
): { value: number; label: string } | undefined {
  const regression = objective.checks.find((check) => check.kind === 'max-regression');
  if (regression && objective.baseline.median !== null) {
    const sign = objective.direction === 'lower' ? 1 : -1;
    const value = objective.baseline.median + sign * Math.abs(objective.baseline.median) * regression.limit;
    return { value, label: `the ${baseline} median ${sign > 0 ? '+' : '−'}${formatPercent(regression.limit)} allowed` };
  }
  const bound = objective.checks.find((check) => check.kind === 'max' || check.kind === 'min');
  return bound ? { value: bound.limit, label: `the ${bound.kind} ${formatNumber(bound.limit)}` } : undefined;
}

/**
 * A short comment for the pull requests that brought the deployed commit: environment,
 * verdict, the objectives that moved, and a link to the run.
 */
export function qualityGateComment(report: GateReport, options: { runUrl?: string; sha?: string } = {}): string {
  const moved = report.objectives.filter(
    (objective) => objective.status !== 'pass' || Math.abs(objective.change?.relative ?? 0) >= MOVED,
  );
  const where = report.environment ? ` in **${escapeText(report.environment)}**` : '';
  const lines = [
    `### ${ICON[report.verdict]} Deploy quality gate${where}: ${report.verdict} (score ${report.score})`,
    '',
    `${escapeText(report.reason)}${options.sha ? ` Deployed commit \`${options.sha.slice(0, 12)}\`.` : ''}`,
    '',
  ];
  if (moved.length === 0) {
    lines.push(`No objective moved by ${formatPercent(MOVED)} or more.`);
  } else {
    const side = sides(report);
    lines.push(
      `| Objective | Result | ${side.Baseline} → ${side.candidate} | Change | Why |`,
      '| --- | --- | --- | --- | --- |',
    );
    for (const objective of moved) {
      lines.push(
        `| ${markdownCode(objective.name)} | ${ICON[objective.status]} ${objective.status} | ${value(objective.baseline.median)} → ${value(objective.candidate.median)} | ${objective.change?.relative != null ? formatChange(objective.change.relative) : '—'} | ${escapeCell(objective.reason)} |`,
      );
    }
  }
  if (options.runUrl)
    lines.push('', markdownLink('The run, with every number and a chart per objective', options.runUrl));
  return `${lines.join('\n')}\n`;
}

/** The runs of baseline points left out, as clock times: ` (12:51:15–12:54:45 UTC)`. */
function outlierTimes(ranges: GateReportObjective['baseline']['outlierRanges']): string {
  if (!ranges || ranges.length === 0) return '';
  const clock = (iso: string) => iso.slice(11, 19);
  return ` (${ranges.map(({ start, end }) => (start === end ? clock(start) : `${clock(start)}–${clock(end)}`)).join(', ')} UTC)`;
}

function value(number: number | null): string {
  return number === null ? '—' : formatNumber(number);
}

function bound(number: number | null): string {
  return number === null ? '∞' : formatNumber(number);
}

function middle(values: number[]): number {
  const ascending = [...values].sort((a, b) => a - b);
  const half = Math.floor(ascending.length / 2);
  return ascending.length % 2
    ? (ascending[half] as number)
    : ((ascending[half - 1] as number) + (ascending[half] as number)) / 2;
}

function chartNumber(number: number): string {
  return String(Number(number.toPrecision(4)));
}

function offsetLabel(seconds: number): string {
  const rounded = Math.round(seconds);
  return `${rounded > 0 ? '+' : ''}${rounded}s`;
}

/** Sentences can carry Prometheus's own error text: Markdown, mentions and HTML stay text. */
const escapeText = markdown;
const escapeCell = markdown;

/** A code fence longer than any run of backticks in the query, so the query cannot close it. */
function fence(query: string): string {
  const longest = Math.max(0, ...[...query.matchAll(/`+/g)].map((run) => run[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}
