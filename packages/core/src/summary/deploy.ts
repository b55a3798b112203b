import type { summary as Summary } from '@actions/core';
import { formatDuration, htmlBlock, htmlLink } from '../action/index.js';
import type { DeployReport } from '../deploy/index.js';
import { shortDigest } from '../targets/index.js';
import { code, escapeHtml, phaseRows } from './html.js';

/**
 * The deploy job summary: what replaced what, where, when it took traffic, how long each phase
 * took, and, when it failed, why and the new release's last log lines (secrets already replaced).
 */
export function addDeploySummary(summary: typeof Summary, report: DeployReport): typeof Summary {
  summary.addHeading(escapeHtml(deployHeadline(report)), 2).addRaw(`<p>${whatReplacedWhat(report)}</p>`, true);
  if (report.error) {
    const [first, ...rest] = report.error.split('\n');
    summary.addRaw(`<p>❌ ${escapeHtml(first ?? '')}</p>`, true);
    const details = report.logs ?? rest.join('\n');
    if (details.trim()) {
      summary.addRaw(
        `<details open><summary>Last log lines</summary><pre>${htmlBlock(details.trimEnd())}</pre></details>`,
        true,
      );
    }
  }
  if (report.phases.length > 0) summary.addTable(phaseRows(report.phases));
  const notes = [
    ...report.warnings.map((warning) => `⚠️ ${escapeHtml(warning)}`),
    ...(report.removed.length ? [`Removed releases beyond retain: ${report.removed.map(code).join(', ')}`] : []),
    ...(report.marker === 'pushed' ? ['Deployment marker pushed (<code>paved_deployment</code>).'] : []),
  ];
  if (notes.length) summary.addList(notes);
  return summary;
}

export function deployHeadline(report: DeployReport): string {
  if (report.outcome === 'success') return `Deployed ${report.version} to ${report.environment}`;
  return `Deploy of ${report.version} to ${report.environment} failed${report.failedPhase ? ` in ${report.failedPhase}` : ''}`;
}

function whatReplacedWhat(report: DeployReport): string {
  const next = `${code(report.version)} (${code(shortDigest(report.digest))})`;
  const previous = report.previous
    ? `${code(report.previous.version ?? report.previous.name)} (${code(shortDigest(report.previous.digest))}` +
      `${report.previous.deploymentId ? `, deployment ${report.previous.deploymentId}` : ''})`
    : undefined;
  const where = `on ${escapeHtml(report.where)}`;
  const parts: string[] = [];
  if (report.outcome === 'success') {
    parts.push(previous ? `${next} replaced ${previous} ${where}` : `${next} is the first release ${where}`);
    if (report.deployedAt) parts.push(`took traffic at ${escapeHtml(report.deployedAt)}`);
  } else {
    parts.push(`${next} was to replace ${previous ?? 'nothing'} ${where}`);
    parts.push(
      report.switched
        ? 'traffic had switched to it'
        : `${previous ? code(report.previous?.version ?? '') : 'nothing'} kept serving`,
    );
  }
  if (report.deploymentId)
    parts.push(`deployment ${report.deploymentId}${report.recorded ? '' : ' (final status not recorded)'}`);
  if (report.url) parts.push(htmlLink(report.url));
  if (report.downtime) parts.push('with downtime (no proxy)');
  parts.push(`in ${formatDuration(report.totalMs)}`);
  return `${parts.join('; ')}.`;
}
