import type { GitHubClient } from './client.js';

const RUN_PATH = /\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)(?:\/attempts\/\d+)?\/?$/;

/**
 * Whether the workflow run at `runUrl` (a lock holder) has finished, by GitHub's own word. Only
 * runs of this repository are asked about; anything else, or an answer that cannot be read, is
 * "not known to have finished", so a lock is never taken from a run that may still be working.
 */
export async function workflowRunFinished(github: GitHubClient, runUrl: string): Promise<boolean> {
  const match = RUN_PATH.exec(new URL(runUrl).pathname);
  if (!match || match[1] !== github.owner || match[2] !== github.repo) return false;
  const { data } = await github.octokit.rest.actions.getWorkflowRun({
    owner: github.owner,
    repo: github.repo,
    run_id: Number(match[3]),
  });
  return data.status === 'completed';
}
