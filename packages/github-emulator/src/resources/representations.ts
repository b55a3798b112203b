import { createHash } from 'node:crypto';
import type { LabelRecord, RepositoryRecord } from '../state/model.js';

/** Builds API URLs from the emulator's own address, so links and pagination point back at it. */
export interface UrlContext {
  /** e.g. http://127.0.0.1:41234 — API and "web" URLs share it. */
  baseUrl: string;
}

/** GitHub's node ids are opaque base64 strings; this keeps the look: base64("<Type><id>"). */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64').replace(/=+$/, '');
}

/** Stable per login, so the same user keeps the same id across restarts. */
export function userId(login: string): number {
  return Number.parseInt(createHash('sha1').update(login).digest('hex').slice(0, 7), 16);
}

export function repositoryApiUrl(ctx: UrlContext, repository: RepositoryRecord): string {
  return `${ctx.baseUrl}/repos/${repository.owner}/${repository.name}`;
}

export function simpleUser(ctx: UrlContext, login: string) {
  const id = userId(login);
  const api = `${ctx.baseUrl}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(login.endsWith('[bot]') ? 'Bot' : 'User', id),
    avatar_url: `${ctx.baseUrl}/avatars/u/${id}`,
    gravatar_id: '',
    url: api,
    html_url: `${ctx.baseUrl}/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
  };
}

/** The `repository` shape (embedded in pull requests); `fullRepository` adds what GET /repos returns. */
export function repository(ctx: UrlContext, record: RepositoryRecord) {
  const api = repositoryApiUrl(ctx, record);
  const html = `${ctx.baseUrl}/${record.owner}/${record.name}`;
  const openIssues = record.issues.filter((issue) => issue.state === 'open').length;
  const lastPush =
    record.commits
      .map((commit) => commit.committer.date)
      .sort()
      .at(-1) ?? record.createdAt;
  return {
    id: record.id,
    node_id: nodeId('Repository', record.id),
    name: record.name,
    full_name: `${record.owner}/${record.name}`,
    owner: simpleUser(ctx, record.owner),
    private: record.visibility !== 'public',
    visibility: record.visibility,
    html_url: html,
    description: record.description,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${new URL(ctx.baseUrl).host}/${record.owner}/${record.name}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${new URL(ctx.baseUrl).hostname}:${record.owner}/${record.name}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: record.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: lastPush,
    created_at: record.createdAt,
    updated_at: lastPush > record.createdAt ? lastPush : record.createdAt,
  };
}

export function fullRepository(ctx: UrlContext, record: RepositoryRecord, viewer: string) {
  return {
    ...repository(ctx, record),
    network_count: 0,
    subscribers_count: 0,
    permissions: { admin: viewer === record.owner, maintain: true, push: true, triage: true, pull: true },
  };
}

export function label(ctx: UrlContext, repositoryRecord: RepositoryRecord, record: LabelRecord) {
  return {
    id: record.id,
    node_id: nodeId('Label', record.id),
    url: `${repositoryApiUrl(ctx, repositoryRecord)}/labels/${encodeURIComponent(record.name)}`,
    name: record.name,
    description: record.description,
    color: record.color,
    default: false,
  };
}
