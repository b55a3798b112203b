import * as core from '@actions/core';
import { DeploymentLedger, findPullRequestsForCommit, upsertIssueComment, type GitHubClient } from '@paved/core/github';
import type { GateReport } from '@paved/core/gate';
import { qualityGateComment } from '@paved/core/summary';

/** Hidden marker of the gate's pull request comment: one comment per environment, updated in place. */
export function commentMarker(environment?: string): string {
  return `deploy-quality-gate:${environment || 'default'}`;
}

/** Records the outcome as a status of the deployment, keeping the environment URL it had. */
export async function recordOnDeployment(
  github: GitHubClient,
  deploymentId: number,
  state: 'success' | 'failure' | 'error',
  description: string,
): Promise<{ sha: string }> {
  const ledger = new DeploymentLedger(github);
  const deployment = await ledger.get(deploymentId);
  const environmentUrl = deployment.statuses.find((status) => status.environmentUrl)?.environmentUrl;
  await ledger.setStatus(deploymentId, {
    state,
    description,
    logUrl: github.runUrl,
    ...(environmentUrl ? { environmentUrl } : {}),
  });
  core.info(`Recorded '${state}' on deployment ${deploymentId}.`);
  return { sha: deployment.sha };
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
