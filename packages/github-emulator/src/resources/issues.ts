import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { IssueRecord, RepositoryRecord } from '../state/model.js';
import { timestamp } from '../state/store.js';
import { bodyOf, type HandlerTable, type RequestContext } from './handler.js';
import { ensureLabels, findLabel, type LabelInput } from './labels.js';
import { label, nodeId, repositoryApiUrl, simpleUser, type UrlContext } from './representations.js';

interface IssueBody {
  title?: string | number | null;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: IssueRecord['stateReason'];
  labels?: LabelInput[];
  assignees?: string[];
  assignee?: string | null;
}

export function issueRepresentation(ctx: UrlContext, repository: RepositoryRecord, record: IssueRecord) {
  const api = repositoryApiUrl(ctx, repository);
  const url = `${api}/issues/${record.number}`;
  const assignees = record.assignees.map((login) => simpleUser(ctx, login));
  return {
    id: record.id,
    node_id: nodeId('Issue', record.id),
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${ctx.baseUrl}/${repository.owner}/${repository.name}/issues/${record.number}`,
    number: record.number,
    state: record.state,
    state_reason: record.stateReason,
    title: record.title,
    body: record.body,
    user: simpleUser(ctx, record.user),
    labels: record.labels.flatMap((name) => {
      const found = findLabel(repository, name);
      return found ? [label(ctx, repository, found)] : [];
    }),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: repository.comments.filter((comment) => comment.issueNumber === record.number).length,
    closed_at: record.closedAt,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    closed_by: null,
    author_association: record.user === repository.owner ? 'OWNER' : 'CONTRIBUTOR',
  };
}

export function findIssue(ctx: RequestContext, repository: RepositoryRecord): IssueRecord {
  const issue = repository.issues.find((candidate) => candidate.number === ctx.path.issue_number);
  if (!issue) throw notFound('https://docs.github.com/rest/issues/issues#get-an-issue');
  return issue;
}

function applyUpdate(ctx: RequestContext, repository: RepositoryRecord, issue: IssueRecord, body: IssueBody): void {
  if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
  if (body.body !== undefined) issue.body = body.body;
  if (body.labels !== undefined) issue.labels = ensureLabels(ctx.store, repository, body.labels);
  if (body.assignees !== undefined) issue.assignees = [...body.assignees];
  else if (body.assignee !== undefined) issue.assignees = body.assignee ? [body.assignee] : [];
  if (body.state !== undefined && body.state !== issue.state) {
    issue.state = body.state;
    issue.closedAt = body.state === 'closed' ? timestamp() : null;
    issue.stateReason = body.state === 'closed' ? (body.state_reason ?? 'completed') : 'reopened';
  }
  issue.updatedAt = timestamp();
}

export const issueHandlers: HandlerTable = {
  'issues/create': (ctx) => {
    const repository = ctx.repository();
    const body = bodyOf<IssueBody>(ctx);
    const now = timestamp();
    const issue: IssueRecord = {
      id: ctx.store.nextId(),
      number: repository.nextNumber,
      title: String(body.title),
      body: body.body ?? null,
      state: 'open',
      stateReason: null,
      user: ctx.login,
      labels: ensureLabels(ctx.store, repository, body.labels ?? []),
      assignees: body.assignees ?? (body.assignee ? [body.assignee] : []),
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    repository.nextNumber += 1;
    repository.issues.push(issue);
    return { status: 201, body: issueRepresentation(ctx, repository, issue) };
  },

  'issues/get': (ctx) => {
    const repository = ctx.repository();
    return { status: 200, body: issueRepresentation(ctx, repository, findIssue(ctx, repository)) };
  },

  'issues/update': (ctx) => {
    const repository = ctx.repository();
    const issue = findIssue(ctx, repository);
    applyUpdate(ctx, repository, issue, bodyOf<IssueBody>(ctx));
    return { status: 200, body: issueRepresentation(ctx, repository, issue) };
  },

  'issues/list-for-repo': (ctx) => {
    const repository = ctx.repository();
    const query = ctx.query as Record<string, string | undefined>;
    const state = query.state ?? 'open';
    const wantedLabels = (query.labels ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    const sort = query.sort ?? 'created';
    const key = (issue: IssueRecord) =>
      sort === 'updated'
        ? issue.updatedAt
        : sort === 'comments'
          ? String(issueComments(repository, issue)).padStart(9, '0')
          : issue.createdAt;
    const issues = repository.issues
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => wantedLabels.every((name) => issue.labels.some((label) => label.toLowerCase() === name)))
      .filter((issue) => !query.creator || issue.user === query.creator)
      .filter((issue) => !query.since || issue.updatedAt >= query.since)
      .filter((issue) => !query.assignee || matchesAssignee(issue, query.assignee))
      .sort((a, b) => key(a).localeCompare(key(b)) || a.number - b.number);
    if ((query.direction ?? 'desc') === 'desc') issues.reverse();
    const page = paginate(issues, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: page.items.map((issue) => issueRepresentation(ctx, repository, issue)),
      headers: page.headers,
    };
  },

  'issues/list-labels-on-issue': (ctx) => {
    const repository = ctx.repository();
    const issue = findIssue(ctx, repository);
    const labels = issue.labels.flatMap((name) => {
      const found = findLabel(repository, name);
      return found ? [label(ctx, repository, found)] : [];
    });
    const page = paginate(labels, ctx.query, ctx.requestUrl);
    return { status: 200, body: page.items, headers: page.headers };
  },

  'issues/add-labels': (ctx) => {
    const repository = ctx.repository();
    const issue = findIssue(ctx, repository);
    const body = ctx.body as { labels?: LabelInput[] } | LabelInput[] | undefined;
    const inputs = Array.isArray(body) ? body : (body?.labels ?? []);
    issue.labels = [...new Set([...issue.labels, ...ensureLabels(ctx.store, repository, inputs)])];
    issue.updatedAt = timestamp();
    return {
      status: 200,
      body: issue.labels.flatMap((name) => {
        const found = findLabel(repository, name);
        return found ? [label(ctx, repository, found)] : [];
      }),
    };
  },
};

function issueComments(repository: RepositoryRecord, issue: IssueRecord): number {
  return repository.comments.filter((comment) => comment.issueNumber === issue.number).length;
}

function matchesAssignee(issue: IssueRecord, assignee: string): boolean {
  if (assignee === 'none') return issue.assignees.length === 0;
  if (assignee === '*') return issue.assignees.length > 0;
  return issue.assignees.includes(assignee);
}
