import { HttpError, notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { CommitRecord, RepositoryRecord } from '../state/model.js';
import type { HandlerTable } from './handler.js';
import { pullRequestSimple } from './pulls.js';
import { findCommit, resolveRef } from './refs.js';
import { fullRepository, nodeId, repositoryApiUrl, simpleUser, type UrlContext } from './representations.js';

export function commitRepresentation(ctx: UrlContext, repository: RepositoryRecord, record: CommitRecord) {
  const api = repositoryApiUrl(ctx, repository);
  const html = `${ctx.baseUrl}/${repository.owner}/${repository.name}`;
  // Commits by people without an account carry an empty object instead of a user.
  const account = record.authorLogin ? simpleUser(ctx, record.authorLogin) : {};
  return {
    url: `${api}/commits/${record.sha}`,
    sha: record.sha,
    node_id: nodeId('Commit', Number.parseInt(record.sha.slice(0, 8), 16)),
    html_url: `${html}/commit/${record.sha}`,
    comments_url: `${api}/commits/${record.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${record.sha}`,
      author: record.author,
      committer: record.committer,
      message: record.message,
      comment_count: 0,
      // The emulator keeps no trees; the commit's own sha stands in so the field stays well-formed.
      tree: { sha: record.sha, url: `${api}/git/trees/${record.sha}` },
    },
    author: account,
    committer: account,
    parents: record.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/commit/${sha}` })),
    stats: { additions: 0, deletions: 0, total: 0 },
    files: [],
  };
}

export const repositoryHandlers: HandlerTable = {
  'repos/get': (ctx) => ({ status: 200, body: fullRepository(ctx, ctx.repository(), ctx.login) }),

  'repos/get-commit': (ctx) => {
    const repository = ctx.repository();
    const ref = String(ctx.path.ref);
    const sha = resolveRef(repository, ref, ctx.autoCreate);
    const commit = sha ? findCommit(repository, sha) : undefined;
    if (!commit) {
      throw new HttpError(422, `No commit found for SHA: ${ref}`, {
        documentationUrl: 'https://docs.github.com/rest/commits/commits#get-a-commit',
      });
    }
    return { status: 200, body: commitRepresentation(ctx, repository, commit) };
  },

  /** Pull requests whose branch contains the commit, or that were merged as it. */
  'repos/list-pull-requests-associated-with-commit': (ctx) => {
    const repository = ctx.repository();
    const sha = resolveRef(repository, String(ctx.path.commit_sha), ctx.autoCreate);
    if (!sha)
      throw notFound('https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit');
    const pulls = repository.pulls
      .filter((pull) => pull.commitShas.includes(sha) || pull.mergeCommitSha === sha)
      .sort((a, b) => b.number - a.number);
    const page = paginate(pulls, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: page.items.map((pull) => pullRequestSimple(ctx, repository, pull)),
      headers: page.headers,
    };
  },
};
