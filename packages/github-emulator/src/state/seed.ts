import { createHash } from 'node:crypto';
import type { CommitRecord, PullRequestRecord, RepositoryRecord } from './model.js';
import { seedDeployments, type SeedDeployment } from './seed-deployments.js';
import { upsertWorkflowRun, type SeedWorkflowRun } from './seed-workflow-runs.js';
import { timestamp, type Store } from './store.js';

export interface SeedCommit {
  sha?: string;
  message?: string;
  author?: { name?: string; email?: string; date?: string; login?: string };
  parents?: string[];
}

export interface SeedPullRequest {
  number?: number;
  title?: string;
  body?: string;
  user?: string;
  head_ref?: string;
  head_sha: string;
  base?: string;
  base_sha?: string;
  merged?: boolean;
  merge_commit_sha?: string;
  state?: 'open' | 'closed';
  /** Commits on the branch besides head_sha; all of them find this pull request. */
  commits?: string[];
}

export interface SeedCommitStatus {
  sha: string;
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
}

export interface SeedRepository {
  owner: string;
  name: string;
  default_branch?: string;
  visibility?: 'public' | 'private' | 'internal';
  description?: string;
  commits?: SeedCommit[];
  /** branch name → sha */
  branches?: Record<string, string>;
  /** tag name → sha */
  tags?: Record<string, string>;
  pulls?: SeedPullRequest[];
  statuses?: SeedCommitStatus[];
  environments?: string[];
  /** Past deployments with their statuses, oldest first (after commits, so their shas resolve). */
  deployments?: SeedDeployment[];
  /** Workflow runs; seeding a run id again changes its status and conclusion. */
  workflow_runs?: SeedWorkflowRun[];
}

export interface SeedData {
  repositories?: SeedRepository[];
}

/** Adds repositories and their history; seeding an existing repository adds to it. */
export function applySeed(store: Store, seed: SeedData): void {
  for (const input of seed.repositories ?? []) {
    const repository = store.findRepository(input.owner, input.name) ?? store.createRepository(input.owner, input.name);
    if (input.default_branch) repository.defaultBranch = input.default_branch;
    if (input.visibility) repository.visibility = input.visibility;
    if (input.description !== undefined) repository.description = input.description;
    for (const commit of input.commits ?? []) upsertCommit(repository, toCommitRecord(commit));
    Object.assign(repository.branches, input.branches ?? {});
    Object.assign(repository.tags, input.tags ?? {});
    for (const status of input.statuses ?? []) {
      repository.commitStatuses.push({ id: store.nextId(), createdAt: timestamp(), ...status });
    }
    for (const name of input.environments ?? []) ensureEnvironment(store, repository, name);
    for (const pull of input.pulls ?? []) addPullRequest(store, repository, pull);
    for (const deployment of input.deployments ?? []) ensureEnvironment(store, repository, deployment.environment);
    seedDeployments(store, repository, input.deployments ?? []);
    for (const run of input.workflow_runs ?? []) upsertWorkflowRun(repository, run);
  }
}

export function ensureEnvironment(store: Store, repository: RepositoryRecord, name: string) {
  const existing = repository.environments.find((environment) => environment.name.toLowerCase() === name.toLowerCase());
  if (existing) return existing;
  const now = timestamp();
  const environment = {
    id: store.nextId(),
    name,
    waitTimer: 0,
    preventSelfReview: false,
    reviewers: [],
    deploymentBranchPolicy: null,
    createdAt: now,
    updatedAt: now,
  };
  repository.environments.push(environment);
  return environment;
}

function toCommitRecord(input: SeedCommit): CommitRecord {
  const date = input.author?.date ?? timestamp();
  const message = input.message ?? 'Commit';
  const identity = {
    name: input.author?.name ?? 'Octo Cat',
    email: input.author?.email ?? 'octocat@users.noreply.github.com',
    date,
  };
  return {
    sha: input.sha ?? fakeSha(`${message}${date}${(input.parents ?? []).join()}`),
    message,
    author: identity,
    committer: identity,
    authorLogin: input.author?.login ?? null,
    parents: input.parents ?? [],
  };
}

function upsertCommit(repository: RepositoryRecord, commit: CommitRecord): void {
  const index = repository.commits.findIndex((existing) => existing.sha === commit.sha);
  if (index >= 0) repository.commits[index] = commit;
  else repository.commits.push(commit);
}

function addPullRequest(store: Store, repository: RepositoryRecord, input: SeedPullRequest): void {
  const number = input.number ?? repository.nextNumber;
  repository.nextNumber = Math.max(repository.nextNumber, number + 1);
  const merged = input.merged ?? false;
  const now = timestamp();
  const record: PullRequestRecord = {
    id: store.nextId(),
    number,
    title: input.title ?? `Pull request #${number}`,
    body: input.body ?? null,
    state: input.state ?? (merged ? 'closed' : 'open'),
    user: input.user ?? 'octocat',
    headRef: input.head_ref ?? `branch-${number}`,
    headSha: input.head_sha,
    baseRef: input.base ?? repository.defaultBranch,
    baseSha: input.base_sha ?? repository.branches[input.base ?? repository.defaultBranch] ?? input.head_sha,
    merged,
    mergeCommitSha: input.merge_commit_sha ?? null,
    commitShas: [...new Set([...(input.commits ?? []), input.head_sha])],
    createdAt: now,
    updatedAt: now,
    closedAt: merged || input.state === 'closed' ? now : null,
    mergedAt: merged ? now : null,
  };
  repository.pulls = repository.pulls.filter((pull) => pull.number !== number);
  repository.pulls.push(record);
}

/** A deterministic 40-hex sha for commits seeded without one. */
export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}
