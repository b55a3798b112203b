export { addSmokeTestSummary, smokeTestRows } from './smoke-test.js';
export { addQualityGateSummary, qualityGateComment } from './quality-gate.js';
export { addBuildImageSummary } from './build-image.js';
export { addDeploySummary } from './deploy.js';
export { addSetupSaveSummary, addSetupSummary, setupHeadline } from './setup.js';
export { addRollbackSummary } from './rollback.js';
export { addFleetSummary } from './fleet.js';
