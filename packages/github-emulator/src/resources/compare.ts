import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { CommitRecord, RepositoryRecord } from '../state/model.js';
import type { HandlerTable } from './handler.js';
import { resolveRef } from './refs.js';
import { commitRepresentation } from './repositories.js';
import { repositoryApiUrl } from './representations.js';

const DOCS = 'https://docs.github.com/rest/commits/commits#compare-two-commits';
/** Without page or per_page GitHub lists at most 250 commits of a comparison. */
const UNPAGED_LIMIT = 250;

const indexes = new WeakMap<RepositoryRecord, { size: number; index: Map<string, CommitRecord> }>();

/** Commits by sha, rebuilt only when commits were added (seeding appends; nothing removes). */
function commitIndex(repository: RepositoryRecord): Map<string, CommitRecord> {
  const cached = indexes.get(repository);
  if (cached && cached.size === repository.commits.length) return cached.index;
  const index = new Map(repository.commits.map((commit) => [commit.sha, commit]));
  indexes.set(repository, { size: repository.commits.length, index });
  return index;
}

/**
 * The linear case in time proportional to the comparison, not to the history: walk back from
 * head to base through single-parent commits. Undefined when a merge or a missing base makes the
 * general walk necessary.
 */
function linearAhead(index: ReadonlyMap<string, CommitRecord>, base: string, head: string): CommitRecord[] | undefined {
  const ahead: CommitRecord[] = [];
  for (let sha: string | undefined = head; sha !== base;) {
    const commit: CommitRecord | undefined = sha === undefined ? undefined : index.get(sha);
    if (!commit || commit.parents.length > 1) return undefined;
    ahead.push(commit);
    sha = commit.parents[0];
  }
  return ahead.reverse();
}

/** Every commit reachable from `sha` (itself included), walking parents. */
function ancestors(index: ReadonlyMap<string, CommitRecord>, sha: string): Set<string> {
  const seen = new Set<string>();
  const stack = [sha];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const parent of index.get(next)?.parents ?? []) stack.push(parent);
  }
  return seen;
}

/** Oldest first, as GitHub lists a comparison: by committer date, then parents before children. */
function chronological(commits: CommitRecord[]): CommitRecord[] {
  const order = new Map(commits.map((commit, position) => [commit.sha, position]));
  return [...commits].sort(
    (a, b) => Date.parse(a.committer.date) - Date.parse(b.committer.date) || order.get(a.sha)! - order.get(b.sha)!,
  );
}

function splitBasehead(basehead: string): [string, string] | undefined {
  const parts = basehead.split('...');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  // `owner:branch` names a fork's branch; the emulator holds one repository, so the owner is dropped.
  return [parts[0].replace(/^[^:]*:/, ''), parts[1].replace(/^[^:]*:/, '')];
}

export const compareHandlers: HandlerTable = {
  /** `base...head`: the commits head has that base lacks (ahead_by) and the reverse (behind_by). */
  'repos/compare-commits-with-basehead': (ctx) => {
    const repository: RepositoryRecord = ctx.repository();
    const pair = splitBasehead(String(ctx.path.basehead));
    if (!pair) throw notFound(DOCS);
    const [baseSha, headSha] = pair.map((ref) => resolveRef(repository, ref, ctx.autoCreate));
    if (!baseSha || !headSha) throw notFound(DOCS);
    const index = commitIndex(repository);
    const linear = linearAhead(index, baseSha, headSha);
    let ahead: CommitRecord[];
    let behind: number;
    let mergeBase: CommitRecord;
    if (linear) {
      ahead = linear;
      behind = 0;
      mergeBase = index.get(baseSha)!;
    } else {
      const fromBase = ancestors(index, baseSha);
      const fromHead = ancestors(index, headSha);
      ahead = chronological([...fromHead].filter((sha) => !fromBase.has(sha)).map((sha) => index.get(sha)!));
      behind = [...fromBase].filter((sha) => !fromHead.has(sha)).length;
      mergeBase =
        chronological([...fromHead].filter((sha) => fromBase.has(sha)).map((sha) => index.get(sha)!)).at(-1) ??
        index.get(baseSha)!;
    }
    const status =
      ahead.length === 0 && behind === 0
        ? 'identical'
        : behind === 0
          ? 'ahead'
          : ahead.length === 0
            ? 'behind'
            : 'diverged';
    const paged = ctx.query.page !== undefined || ctx.query.per_page !== undefined;
    const page = paged
      ? paginate(ahead, ctx.query, ctx.requestUrl)
      : { items: ahead.slice(0, UNPAGED_LIMIT), headers: {} };
    const api = repositoryApiUrl(ctx, repository);
    const html = `${ctx.baseUrl}/${repository.owner}/${repository.name}`;
    const basehead = `${baseSha}...${headSha}`;
    return {
      status: 200,
      headers: page.headers,
      body: {
        url: `${api}/compare/${basehead}`,
        html_url: `${html}/compare/${basehead}`,
        permalink_url: `${html}/compare/${repository.owner}:${baseSha}...${repository.owner}:${headSha}`,
        diff_url: `${html}/compare/${basehead}.diff`,
        patch_url: `${html}/compare/${basehead}.patch`,
        base_commit: commitRepresentation(ctx, repository, index.get(baseSha)!),
        merge_base_commit: commitRepresentation(ctx, repository, mergeBase),
        status,
        ahead_by: ahead.length,
        behind_by: behind,
        total_commits: ahead.length,
        commits: page.items.map((commit) => commitRepresentation(ctx, repository, commit)),
        files: [],
      },
    };
  },
};
