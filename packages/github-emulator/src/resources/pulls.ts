import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { PullRequestRecord, RepositoryRecord } from '../state/model.js';
import type { HandlerTable } from './handler.js';
import {
  nodeId,
  repository as repositoryRepresentation,
  repositoryApiUrl,
  simpleUser,
  type UrlContext,
} from './representations.js';

export function pullRequestSimple(ctx: UrlContext, repository: RepositoryRecord, record: PullRequestRecord) {
  const api = repositoryApiUrl(ctx, repository);
  const html = `${ctx.baseUrl}/${repository.owner}/${repository.name}/pull/${record.number}`;
  const url = `${api}/pulls/${record.number}`;
  const repo = repositoryRepresentation(ctx, repository);
  const owner = simpleUser(ctx, repository.owner);
  const link = (href: string) => ({ href });
  return {
    url,
    id: record.id,
    node_id: nodeId('PullRequest', record.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${record.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${record.number}/comments`,
    statuses_url: `${api}/statuses/${record.headSha}`,
    number: record.number,
    state: record.state,
    locked: false,
    title: record.title,
    user: simpleUser(ctx, record.user),
    body: record.body,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    closed_at: record.closedAt,
    merged_at: record.mergedAt,
    merge_commit_sha: record.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: `${repository.owner}:${record.headRef}`,
      ref: record.headRef,
      repo,
      sha: record.headSha,
      user: owner,
    },
    base: {
      label: `${repository.owner}:${record.baseRef}`,
      ref: record.baseRef,
      repo,
      sha: record.baseSha,
      user: owner,
    },
    _links: {
      self: link(url),
      html: link(html),
      issue: link(`${api}/issues/${record.number}`),
      comments: link(`${api}/issues/${record.number}/comments`),
      review_comments: link(`${url}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${url}/commits`),
      statuses: link(`${api}/statuses/${record.headSha}`),
    },
    author_association: record.user === repository.owner ? 'OWNER' : 'CONTRIBUTOR',
    auto_merge: null,
    draft: false,
  };
}

function pullRequest(ctx: UrlContext, repository: RepositoryRecord, record: PullRequestRecord) {
  return {
    ...pullRequestSimple(ctx, repository, record),
    merged: record.merged,
    mergeable: record.state === 'open' ? true : null,
    rebaseable: record.state === 'open' ? true : null,
    mergeable_state: record.state === 'open' ? 'clean' : 'unknown',
    merged_by: record.merged ? simpleUser(ctx, repository.owner) : null,
    comments: repository.comments.filter((comment) => comment.issueNumber === record.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: record.commitShas.length,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

export const pullHandlers: HandlerTable = {
  'pulls/get': (ctx) => {
    const repository = ctx.repository();
    const pull = repository.pulls.find((candidate) => candidate.number === ctx.path.pull_number);
    if (!pull) throw notFound('https://docs.github.com/rest/pulls/pulls#get-a-pull-request');
    return { status: 200, body: pullRequest(ctx, repository, pull) };
  },

  'pulls/list': (ctx) => {
    const repository = ctx.repository();
    const query = ctx.query as { state?: string; head?: string; base?: string; sort?: string; direction?: string };
    const state = query.state ?? 'open';
    const sort = query.sort ?? 'created';
    const direction = query.direction ?? (sort === 'created' ? 'desc' : 'desc');
    const key = (pull: PullRequestRecord) => (sort === 'updated' ? pull.updatedAt : pull.createdAt);
    const pulls = repository.pulls
      .filter((pull) => state === 'all' || pull.state === state)
      .filter(
        (pull) => !query.head || `${repository.owner}:${pull.headRef}` === query.head || pull.headRef === query.head,
      )
      .filter((pull) => !query.base || pull.baseRef === query.base)
      .sort((a, b) => key(a).localeCompare(key(b)) || a.number - b.number);
    if (direction === 'desc') pulls.reverse();
    const page = paginate(pulls, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: page.items.map((pull) => pullRequestSimple(ctx, repository, pull)),
      headers: page.headers,
    };
  },
};
