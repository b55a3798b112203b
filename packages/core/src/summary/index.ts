export { addSmokeTestSummary, smokeTestRows } from './smoke-test.js';
export {
  addPreflightSummary,
  addQualityGateErrorSummary,
  addQualityGateSummary,
  qualityGateComment,
  qualityGateMarkdown,
} from './quality-gate.js';
export { addBuildImageSummary, buildImageRows } from './build-image.js';
export { addDeploySummary, deployHeadline } from './deploy.js';
export { addSetupSaveSummary, addSetupSummary, setupHeadline, setupSummaryRows } from './setup.js';
export { addRollbackSummary, rollbackHeadline } from './rollback.js';
export { addFleetSummary } from './fleet.js';
