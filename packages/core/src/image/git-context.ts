/**
 * What the tag rules and labels need to know about the run, as a plain object: the action's
 * main.ts fills it from `@actions/github`'s context, tests write it by hand.
 */
export interface BuildGitContext {
  /** `push`, `pull_request`, `workflow_dispatch`, `schedule`, … */
  eventName: string;
  /** `refs/heads/main`, `refs/tags/v1.2.3`, `refs/pull/42/merge`. */
  ref: string;
  /** GITHUB_SHA: on pull requests this is the merge commit GitHub made, not the PR's head. */
  sha: string;
  /** The pull request's head commit (`pull_request.head.sha`), what people mean by "the PR's commit". */
  headSha?: string;
  /** The pull request number on PR events. */
  prNumber?: number;
  /** The repository's default branch (`repository.default_branch` in the event payload). */
  defaultBranch?: string;
  /** `owner/repo`. */
  repository: string;
  /** `https://github.com` or a GHES address. */
  serverUrl: string;
  /** ISO time of the commit being built (`head_commit.timestamp` on pushes), for a reproducible `created`. */
  commitTime?: string;
  description?: string;
  /** SPDX id of the repository's licence. */
  license?: string;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

export function isPullRequest(git: BuildGitContext): boolean {
  return PR_EVENTS.has(git.eventName);
}

/**
 * The commit the image stands for. On pull requests GitHub's SHA is a temporary merge commit
 * that no one can find later, so the PR's head commit is used (metadata-action's most
 * reported complaint, docker/metadata-action#206).
 */
export function revisionOf(git: BuildGitContext): string {
  return isPullRequest(git) && git.headSha ? git.headSha : git.sha;
}

export function branchOf(git: BuildGitContext): string | undefined {
  return git.ref.startsWith('refs/heads/') ? git.ref.slice('refs/heads/'.length) : undefined;
}

export function tagOf(git: BuildGitContext): string | undefined {
  return git.ref.startsWith('refs/tags/') ? git.ref.slice('refs/tags/'.length) : undefined;
}

/** Scheduled runs always run on the default branch, even though their payload does not say which it is. */
export function isDefaultBranch(git: BuildGitContext): boolean {
  const branch = branchOf(git);
  if (!branch || isPullRequest(git)) return false;
  if (git.defaultBranch) return branch === git.defaultBranch;
  return git.eventName === 'schedule';
}

/** Reads the parts of a webhook payload that matter here; anything missing stays undefined. */
export function buildGitContextFromPayload(base: {
  eventName: string;
  ref: string;
  sha: string;
  repository: string;
  serverUrl: string;
  payload: Record<string, unknown>;
}): BuildGitContext {
  const payload = base.payload as {
    pull_request?: { number?: number; head?: { sha?: string } };
    repository?: { default_branch?: string; description?: string | null; license?: { spdx_id?: string } | null };
    head_commit?: { timestamp?: string } | null;
    number?: number;
  };
  const spdx = payload.repository?.license?.spdx_id;
  return {
    eventName: base.eventName,
    ref: base.ref,
    sha: base.sha,
    repository: base.repository,
    serverUrl: base.serverUrl,
    headSha: payload.pull_request?.head?.sha,
    prNumber: payload.pull_request?.number ?? payload.number,
    defaultBranch: payload.repository?.default_branch,
    commitTime: payload.head_commit?.timestamp,
    description: payload.repository?.description ?? undefined,
    license: spdx && spdx !== 'NOASSERTION' ? spdx : undefined,
  };
}
