export { runDeploy } from './flow.js';
export type { DeployLedger, DeployLog, DeployOutcome, DeployRequest } from './flow.js';
export { checkLedgerLock } from './ledger-lock.js';
export { markerText, pushDeploymentMarker } from './marker.js';
export type { DeploymentMarker } from './marker.js';
export type { DeployReport, PhaseTiming } from './report.js';
export { releaseVersion } from './version.js';
