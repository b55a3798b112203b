export { createGitHubClient } from './client.js';
export type { GitHubClient } from './client.js';
export { upsertIssueComment } from './comments.js';
export { ACTIONS_BOT, writerLogin, writtenBy } from './identity.js';
export { DeploymentLedger, isGood } from './ledger.js';
export type {
  DeploymentPayload,
  DeploymentRecord,
  DeploymentState,
  DeploymentStatusRecord,
  NewDeployment,
  StatusUpdate,
} from './ledger.js';
export { findPullRequestsForCommit } from './pulls.js';
export { workflowRunFinished } from './runs.js';
export type { PullRequestRef } from './pulls.js';
