import type { summary as Summary } from '@actions/core';
import { formatDuration } from '../action/duration.js';
import { html, htmlCode } from '../action/untrusted-text.js';

export type SummaryTableRow = Parameters<(typeof Summary)['addTable']>[0][number];

/** Summary cells and raw blocks are HTML: names, URLs and log lines from users must not become markup. */
export const escapeHtml = html;

export const code = htmlCode;

/** The phase table deploy and rollback both show: what ran, how long it took, whether it held. */
export function phaseRows(phases: ReadonlyArray<{ name: string; ms: number; ok: boolean }>): SummaryTableRow[] {
  return [
    [
      { data: 'Phase', header: true },
      { data: 'Took', header: true },
      { data: 'Result', header: true },
    ],
    ...phases.map((phase) => [phase.name, formatDuration(phase.ms), phase.ok ? '✅' : '❌']),
  ];
}
