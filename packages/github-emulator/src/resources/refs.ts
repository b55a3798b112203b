import type { CommitRecord, RepositoryRecord } from '../state/model.js';
import { timestamp } from '../state/store.js';

const FULL_SHA = /^[0-9a-f]{40}$/i;

/** Resolves a branch, tag or (abbreviated) sha the way GitHub accepts refs; undefined when unknown. */
export function resolveRef(repository: RepositoryRecord, ref: string, autoCreate: boolean): string | undefined {
  const name = ref.replace(/^refs\//, '');
  const branch = repository.branches[name.replace(/^heads\//, '')];
  if (branch) return branch;
  const tag = repository.tags[name.replace(/^tags\//, '')];
  if (tag) return tag;
  if (/^[0-9a-f]{7,40}$/i.test(ref)) {
    const matches = repository.commits.filter((commit) => commit.sha.startsWith(ref.toLowerCase()));
    if (matches.length === 1) return matches[0]!.sha;
    if (FULL_SHA.test(ref)) {
      if (autoCreate) {
        addPlaceholderCommit(repository, ref.toLowerCase());
        return ref.toLowerCase();
      }
    }
  }
  return undefined;
}

export function findCommit(repository: RepositoryRecord, sha: string): CommitRecord | undefined {
  return repository.commits.find((commit) => commit.sha === sha);
}

/** Local runs deploy commits nobody seeded; remember them so later lookups agree. */
function addPlaceholderCommit(repository: RepositoryRecord, sha: string): void {
  const identity = { name: 'Local Developer', email: 'developer@localhost', date: timestamp() };
  repository.commits.push({
    sha,
    message: `Commit ${sha.slice(0, 7)}`,
    author: identity,
    committer: identity,
    authorLogin: null,
    parents: [],
  });
}
