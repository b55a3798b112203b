import * as core from '@actions/core';
import type { GitHubClient } from '../github/client.js';
import { upsertIssueComment } from '../github/comments.js';
import { DeploymentLedger, type DeploymentState } from '../github/ledger.js';
import { findPullRequestsForCommit } from '../github/pulls.js';
import { qualityGateComment } from '../summary/quality-gate.js';
import type { GateReport } from './report.js';
import type { Verdict } from './verdict.js';

export type InconclusiveMode = 'fail' | 'warn' | 'pass';

/** Hidden marker of the gate's pull request comment: one comment per environment, updated in place. */
export function commentMarker(environment?: string): string {
  return `deploy-quality-gate:${environment || 'default'}`;
}

/**
 * The deployment status a verdict records. Only a release the gate accepted becomes `success`
 * (and so a candidate for "last good"); an inconclusive one the workflow refuses is `error`:
 * nothing was proven wrong, but nothing was proven right either.
 */
export function deploymentStateFor(verdict: Verdict, onInconclusive: InconclusiveMode): DeploymentState {
  if (verdict === 'pass' || verdict === 'warn') return 'success';
  if (verdict === 'fail') return 'failure';
  return onInconclusive === 'fail' ? 'error' : 'success';
}

/** Records the verdict as a status of the deployment, keeping the environment URL it had. */
export async function recordVerdictOnDeployment(
  github: GitHubClient,
  deploymentId: number,
  report: GateReport,
  onInconclusive: InconclusiveMode,
): Promise<{ state: DeploymentState; sha: string }> {
  const ledger = new DeploymentLedger(github);
  const deployment = await ledger.get(deploymentId);
  const state = deploymentStateFor(report.verdict, onInconclusive);
  const environmentUrl = deployment.statuses.find((status) => status.environmentUrl)?.environmentUrl;
  await ledger.setStatus(deploymentId, {
    state,
    description: `Quality gate: ${report.verdict} (score ${report.score}). ${report.reason}`,
    logUrl: github.runUrl,
    ...(environmentUrl ? { environmentUrl } : {}),
  });
  core.info(`Recorded '${state}' on deployment ${deploymentId}.`);
  return { state, sha: deployment.sha };
}

/** Creates or updates the gate's comment on every pull request whose merge brought `sha`. */
export async function commentOnPullRequests(github: GitHubClient, sha: string, report: GateReport): Promise<number[]> {
  const pulls = await findPullRequestsForCommit(github, sha);
  if (pulls.length === 0) {
    core.info(`No pull request brought ${sha.slice(0, 12)}; no comment to write.`);
    return [];
  }
  const body = qualityGateComment(report, { runUrl: github.runUrl, sha });
  for (const pull of pulls) {
    const comment = await upsertIssueComment(github, pull.number, commentMarker(report.environment), body);
    core.info(`${comment.created ? 'Commented on' : 'Updated the comment on'} #${pull.number}: ${comment.url}`);
  }
  return pulls.map((pull) => pull.number);
}
