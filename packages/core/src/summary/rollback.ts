import type { summary as Summary } from '@actions/core';
import { formatDuration, htmlBlock, htmlLink } from '../action/index.js';
import type { RollbackReport } from '../rollback/index.js';
import { shortDigest } from '../targets/index.js';
import { code, escapeHtml, phaseRows } from './html.js';

/**
 * The rollback job summary: from what, to what, why, who triggered it, how long the
 * environment was bad and how long restoring took, the migrate-rollback, each phase, and the
 * incident issue.
 */
export function addRollbackSummary(summary: typeof Summary, report: RollbackReport): typeof Summary {
  summary.addHeading(escapeHtml(rollbackHeadline(report)), 2);
  const from = report.from;
  const items: string[] = [];
  if (from) {
    items.push(
      `From: ${code(from.version ?? '?')} (${code(shortDigest(from.digest))}` +
        `${from.deploymentId ? `, deployment ${from.deploymentId}` : ''})`,
    );
  }
  if (report.to) {
    items.push(
      `To: ${code(report.to.version)} (${code(shortDigest(report.to.digest))}` +
        `${report.to.deploymentId ? `, first deployed as deployment ${report.to.deploymentId}` : ''})` +
        (report.fastPath === undefined
          ? ''
          : report.fastPath
            ? ' — fast path: retained release restarted'
            : ' — redeployed'),
    );
  }
  items.push(`Why: ${report.reason ? escapeHtml(report.reason) : '<em>no reason given</em>'}`);
  items.push(`Triggered by: ${report.actor ? escapeHtml(report.actor) : 'the workflow'}`);
  if (from?.failure) items.push(`Recorded failure of the bad release: ${escapeHtml(from.failure)}`);
  if (report.badForMs !== undefined) {
    items.push(
      `Bad for: <strong>${formatDuration(report.badForMs)}</strong> (from ${escapeHtml(from?.wentLiveAt ?? '?')} to the rollback's success)`,
    );
  }
  if (report.timeToRestoreMs !== undefined)
    items.push(`Time to restore: ${formatDuration(report.timeToRestoreMs)} (rollback start to traffic switched back)`);
  if (report.deploymentId)
    items.push(
      `Recorded as deployment ${report.deploymentId}${report.badMarked ? `; deployment ${from?.deploymentId} marked failure` : ''}`,
    );
  if (report.url) items.push(htmlLink(report.url));
  if (report.incident) {
    items.push(
      `Incident issue ${htmlLink(report.incident.url, `#${report.incident.number}`)} ${report.incident.created ? 'opened' : 'updated'}`,
    );
  }
  items.push(...recordItems(report));
  summary.addList(items);
  if (report.error) {
    const [first, ...rest] = report.error.split('\n');
    summary.addRaw(`<p>❌ ${escapeHtml(first ?? '')}</p>`, true);
    if (rest.join('').trim())
      summary.addRaw(
        `<details open><summary>Details</summary><pre>${htmlBlock(rest.join('\n'))}</pre></details>`,
        true,
      );
  }
  const migrate = report.migrateRollback;
  if (migrate) {
    summary.addRaw(
      `<p>migrate-rollback ${code(migrate.command)} ${migrate.at} the switch: ${escapeHtml(migrate.outcome)}` +
        `${migrate.how ? ` (${escapeHtml(migrate.how)})` : ''}</p>`,
      true,
    );
    if (migrate.output)
      summary.addRaw(`<details><summary>Its output</summary><pre>${htmlBlock(migrate.output)}</pre></details>`, true);
  }
  if (report.phases.length > 0) summary.addTable(phaseRows(report.phases));
  if (report.warnings.length) summary.addList(report.warnings.map((warning) => `⚠️ ${escapeHtml(warning)}`));
  return summary;
}

/** How the records were authenticated, and what reading history cost. */
function recordItems(report: RollbackReport): string[] {
  const items: string[] = [];
  const records = report.records;
  if (records?.signed) {
    items.push(
      `Deployment records: signed, verified with ledger-key${records.ignored ? `; ${records.ignored} ignored` : ''}`,
    );
  } else if (records) {
    items.push(
      '⚠️ Deployment records are unsigned: anyone with deployments: write can create one. ' +
        (records.preferredCreator
          ? `Records created by ${code(records.preferredCreator)} (this workflow's identity) were preferred; ` +
            "another's is restored only when named with to. "
          : 'GitHub did not say which identity runs this workflow, so no record was preferred by who created it. ') +
        'Set the ledger-key secret on deploy and rollback to sign and verify them.',
    );
  }
  const history = report.history;
  if (history) {
    items.push(
      `History: ${history.apiCalls} GitHub API calls` +
        (history.listed !== undefined
          ? ` to list ${history.listed} deployments and read ${history.statusReads} deployments' statuses`
          : '') +
        ` (history-depth ${history.depth}${history.reachedDepth ? ', reached' : ''})`,
    );
  }
  return items;
}

export function rollbackHeadline(report: RollbackReport): string {
  const from = report.from?.version ?? 'the current release';
  const to = report.to?.version ?? 'an earlier release';
  if (report.outcome === 'success') return `Rolled back ${report.environment} from ${from} to ${to}`;
  if (report.outcome === 'refused') return `Rollback of ${report.environment} refused: nothing was changed`;
  return `Rollback of ${report.environment} from ${from} to ${to} failed`;
}
