import type { GitHubClient } from './client.js';

export interface PullRequestRef {
  number: number;
  title: string;
  author: string;
  url: string;
}

/**
 * The pull requests whose merge brought a commit: those GitHub associates with it that are
 * merged, or open with the commit as their head (a deploy from a pull request branch).
 */
export async function findPullRequestsForCommit(github: GitHubClient, sha: string): Promise<PullRequestRef[]> {
  const pulls = await github.octokit.paginate(github.octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
    owner: github.owner,
    repo: github.repo,
    commit_sha: sha,
    per_page: 100,
  });
  return pulls
    .filter((pull) => pull.merged_at !== null || pull.head.sha === sha)
    .map((pull) => ({ number: pull.number, title: pull.title, author: pull.user?.login ?? '', url: pull.html_url }));
}
