import type { summary as Summary } from '@actions/core';
import { formatDuration } from '../action/index.js';
import { checkFailureLine } from '../checks/index.js';
import type { SmokeCheckResult, SmokeSuiteResult } from '../checks/index.js';
import { escapeHtml, type SummaryTableRow } from './html.js';

/** A row as core.summary.addTable takes it (@actions/core does not export the type by name). */

const HEADER: SummaryTableRow = [
  { data: 'Check', header: true },
  { data: 'Result', header: true },
  { data: 'Status', header: true },
  { data: 'Latency', header: true },
  { data: 'Why it failed', header: true },
];

/** The smoke-test job summary: a verdict line, then one table row per check, failures first. */
export function addSmokeTestSummary(summary: typeof Summary, result: SmokeSuiteResult): typeof Summary {
  const verdict = result.passed
    ? `Smoke test passed: ${result.total} of ${result.total} checks`
    : `Smoke test failed: ${result.failed} of ${result.total} checks failed`;
  return summary
    .addHeading(escapeHtml(verdict), 2)
    .addRaw(
      `<p>Against <code>${escapeHtml(result.baseUrl)}</code> in ${formatDuration(result.durationMs)}; ` +
        `wait-timeout ${formatDuration(result.waitTimeoutMs)}, concurrency ${result.concurrency}.</p>`,
      true,
    )
    .addTable(smokeTestRows(result));
}

/** The table rows, header first; every cell is escaped HTML, since the summary renders it. */
export function smokeTestRows(result: SmokeSuiteResult): SummaryTableRow[] {
  const ordered = [...result.checks].sort((a, b) => Number(a.passed) - Number(b.passed) || a.index - b.index);
  return [HEADER, ...ordered.map(row)];
}

function row(check: SmokeCheckResult): SummaryTableRow {
  return [
    `<code>${escapeHtml(check.name)}</code>`,
    check.passed ? '✅ passed' : '❌ failed',
    check.status === undefined ? '—' : String(check.status),
    latency(check),
    // Never an empty cell: core.summary leaves an empty <td> unclosed.
    check.passed ? '—' : why(check),
  ];
}

function latency(check: SmokeCheckResult): string {
  if (check.latencyMs === undefined) return '—';
  const count = check.latenciesMs.length;
  return count > 1 ? `p95 ${formatDuration(check.latencyMs)} (${count} requests)` : formatDuration(check.latencyMs);
}

function why(check: SmokeCheckResult): string {
  const lines = check.failures.map((failure) => escapeHtml(checkFailureLine(failure)));
  if (check.bodyExcerpt) lines.push(`body: <code>${escapeHtml(check.bodyExcerpt)}</code>`);
  lines.push(`${check.attempts} attempt${check.attempts === 1 ? '' : 's'} in ${formatDuration(check.durationMs)}`);
  return lines.join('<br>');
}
