import type { GitHubClient } from './client.js';
import { tokenLogin, writtenBy } from './identity.js';

/**
 * Creates or updates the one comment on an issue or pull request that carries `marker`, so a
 * pipeline that runs again edits its comment instead of adding another. Only a comment Paved's
 * own identity wrote is edited: anyone can paste the marker into a comment of theirs, and Paved
 * must not put its name (or its verdict) under their words.
 */
export async function upsertIssueComment(
  github: GitHubClient,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<{ id: number; url: string; created: boolean }> {
  const tag = `<!-- paved:${marker} -->`;
  const text = `${tag}\n${body}`;
  const repo = { owner: github.owner, repo: github.repo };
  const [comments, login] = await Promise.all([
    github.octokit.paginate(github.octokit.rest.issues.listComments, {
      ...repo,
      issue_number: issueNumber,
      per_page: 100,
    }),
    tokenLogin(github),
  ]);
  const existing = comments.find((comment) => comment.body?.includes(tag) && writtenBy(comment.user, login));
  if (existing) {
    const { data } = await github.octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body: text });
    return { id: data.id, url: data.html_url, created: false };
  }
  const { data } = await github.octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: text });
  return { id: data.id, url: data.html_url, created: true };
}
