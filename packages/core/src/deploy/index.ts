export { runDeploy } from './flow.js';
export { markerText } from './marker.js';
export type { DeployReport } from './report.js';
export { releaseVersion } from './version.js';
