export { startGitHubEmulator } from './emulator.js';
export type { EmulatorSnapshot, FaultControls, GitHubEmulator, GitHubEmulatorOptions } from './emulator.js';
export type { ActiveFault, FaultEffect, FaultSpec } from './http/faults.js';
export type { LoggedRequest } from './http/request-log.js';
export type { Handler, HandlerTable, Reply, RequestContext } from './resources/handler.js';
export type * from './state/model.js';
export type { SeedDeployment, SeedDeploymentStatus } from './state/seed-deployments.js';
export type { SeedWorkflowRun } from './state/seed-workflow-runs.js';
export type { SeedCommit, SeedCommitStatus, SeedData, SeedPullRequest, SeedRepository } from './state/seed.js';
export { loadGitHubDescription } from './openapi/spec.js';
/** The emulator's own handlers, for overrides that wrap one (e.g. to change state between two pages). */
export { allHandlers } from './resources/index.js';
