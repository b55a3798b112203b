export { createGitHubClient } from './client.js';
export type { GitHubClient } from './client.js';
export { upsertIssueComment } from './comments.js';
export { ACTIONS_BOT, tokenLogin, writtenBy } from './identity.js';
export { DeploymentLedger, isGood } from './ledger.js';
export type {
  DeploymentEntry,
  DeploymentPayload,
  DeploymentRecord,
  DeploymentState,
  DeploymentStatusRecord,
  LedgerOptions,
  NewDeployment,
  StatusUpdate,
} from './ledger.js';
export { findPullRequestsForCommit } from './pulls.js';
export { workflowRunFinished } from './runs.js';
export type { PullRequestRef } from './pulls.js';
export { canonicalRecord, SIGNATURE_FIELD, signatureProblem, signRecord } from './record-signature.js';
export type { SignedRecord } from './record-signature.js';
