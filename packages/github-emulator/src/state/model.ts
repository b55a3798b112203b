/** Everything the emulator remembers; plain JSON so it can be saved to a file and read back. */
export interface EmulatorState {
  version: 1;
  /** One counter for every kind of record keeps ids unique and increasing, as on GitHub. */
  nextId: number;
  repositories: RepositoryRecord[];
}

export interface RepositoryRecord {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  visibility: 'public' | 'private' | 'internal';
  description: string | null;
  createdAt: string;
  branches: Record<string, string>;
  tags: Record<string, string>;
  commits: CommitRecord[];
  commitStatuses: CommitStatusRecord[];
  pulls: PullRequestRecord[];
  deployments: DeploymentRecord[];
  deploymentStatuses: DeploymentStatusRecord[];
  environments: EnvironmentRecord[];
  issues: IssueRecord[];
  comments: CommentRecord[];
  labels: LabelRecord[];
  /** Optional so state saved before runs were emulated still loads. */
  workflowRuns?: WorkflowRunRecord[];
  /** Issues and pull requests share one number sequence. */
  nextNumber: number;
}

export interface GitIdentity {
  name: string;
  email: string;
  date: string;
}

export interface CommitRecord {
  sha: string;
  message: string;
  author: GitIdentity;
  committer: GitIdentity;
  /** GitHub login of the author, when the commit belongs to an account. */
  authorLogin: string | null;
  parents: string[];
}

export interface CommitStatusRecord {
  id: number;
  sha: string;
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  createdAt: string;
}

export interface PullRequestRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  user: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  merged: boolean;
  mergeCommitSha: string | null;
  /** Commits on the pull request's branch, for the "pull requests of a commit" lookup. */
  commitShas: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  creator: string;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  createdAt: string;
  updatedAt: string;
}

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface DeploymentStatusRecord {
  id: number;
  deploymentId: number;
  state: DeploymentState;
  description: string;
  environment: string;
  environmentUrl: string;
  logUrl: string;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface EnvironmentRecord {
  id: number;
  name: string;
  waitTimer: number;
  preventSelfReview: boolean;
  reviewers: { type: 'User' | 'Team'; id: number }[];
  deploymentBranchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  createdAt: string;
  updatedAt: string;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  user: string;
  labels: string[];
  assignees: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export function emptyState(): EmulatorState {
  return { version: 1, nextId: 1, repositories: [] };
}

/** A workflow run, as far as anything Paved asks about it: whether it is still going. */
export interface WorkflowRunRecord {
  id: number;
  name: string;
  runNumber: number;
  runAttempt: number;
  event: string;
  headSha: string;
  headBranch: string | null;
  path: string;
  /** queued, in_progress, completed, … as GitHub says them. */
  status: string;
  /** null until completed; then success, failure, cancelled, timed_out, … */
  conclusion: string | null;
  actor: string;
  createdAt: string;
  updatedAt: string;
}
