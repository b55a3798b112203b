import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { CommentRecord, RepositoryRecord } from '../state/model.js';
import { timestamp } from '../state/store.js';
import { bodyOf, type HandlerTable, type RequestContext } from './handler.js';
import { nodeId, repositoryApiUrl, simpleUser, type UrlContext } from './representations.js';

function commentRepresentation(ctx: UrlContext, repository: RepositoryRecord, record: CommentRecord) {
  const api = repositoryApiUrl(ctx, repository);
  const isPull = repository.pulls.some((pull) => pull.number === record.issueNumber);
  const page = `${ctx.baseUrl}/${repository.owner}/${repository.name}/${isPull ? 'pull' : 'issues'}/${record.issueNumber}`;
  return {
    id: record.id,
    node_id: nodeId('IssueComment', record.id),
    url: `${api}/issues/comments/${record.id}`,
    html_url: `${page}#issuecomment-${record.id}`,
    body: record.body,
    user: simpleUser(ctx, record.user),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    issue_url: `${api}/issues/${record.issueNumber}`,
    author_association: record.user === repository.owner ? 'OWNER' : 'CONTRIBUTOR',
  };
}

/** Pull requests are issues too: comments on a pull request go through the issues endpoints. */
function requireIssueOrPull(ctx: RequestContext, repository: RepositoryRecord): number {
  const number = ctx.path.issue_number;
  const exists =
    repository.issues.some((issue) => issue.number === number) ||
    repository.pulls.some((pull) => pull.number === number);
  if (!exists) throw notFound('https://docs.github.com/rest/issues/comments#create-an-issue-comment');
  return number as number;
}

function findComment(ctx: RequestContext, repository: RepositoryRecord): CommentRecord {
  const comment = repository.comments.find((candidate) => candidate.id === ctx.path.comment_id);
  if (!comment) throw notFound('https://docs.github.com/rest/issues/comments#get-an-issue-comment');
  return comment;
}

export const commentHandlers: HandlerTable = {
  'issues/create-comment': (ctx) => {
    const repository = ctx.repository();
    const issueNumber = requireIssueOrPull(ctx, repository);
    const now = timestamp();
    const comment: CommentRecord = {
      id: ctx.store.nextId(),
      issueNumber,
      body: bodyOf<{ body: string }>(ctx).body,
      user: ctx.login,
      createdAt: now,
      updatedAt: now,
    };
    repository.comments.push(comment);
    return { status: 201, body: commentRepresentation(ctx, repository, comment) };
  },

  'issues/list-comments': (ctx) => {
    const repository = ctx.repository();
    const issueNumber = requireIssueOrPull(ctx, repository);
    const since = ctx.query.since as string | undefined;
    const comments = repository.comments
      .filter((comment) => comment.issueNumber === issueNumber && (!since || comment.updatedAt >= since))
      .sort((a, b) => a.id - b.id);
    const page = paginate(comments, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: page.items.map((comment) => commentRepresentation(ctx, repository, comment)),
      headers: page.headers,
    };
  },

  'issues/get-comment': (ctx) => {
    const repository = ctx.repository();
    return { status: 200, body: commentRepresentation(ctx, repository, findComment(ctx, repository)) };
  },

  'issues/update-comment': (ctx) => {
    const repository = ctx.repository();
    const comment = findComment(ctx, repository);
    comment.body = bodyOf<{ body: string }>(ctx).body;
    comment.updatedAt = timestamp();
    return { status: 200, body: commentRepresentation(ctx, repository, comment) };
  },

  'issues/delete-comment': (ctx) => {
    const repository = ctx.repository();
    const comment = findComment(ctx, repository);
    repository.comments = repository.comments.filter((candidate) => candidate.id !== comment.id);
    return { status: 204 };
  },
};
