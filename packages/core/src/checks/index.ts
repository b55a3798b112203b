// The smoke-check engine. Names are specific (SmokeCheckResult, writeSmokeTestReport) because
// the package root re-exports every concern side by side.
export { checkFailureLine } from './assertions.js';
export { checkFailureMessage, checkPassLine } from './describe.js';
export { parseRequestHeaders } from './headers.js';
export { ChecksFileError, parseChecks } from './parse.js';
export { displayUrl } from './redact.js';
export { writeSmokeTestReport } from './report.js';
export { resolveChecksSource } from './source.js';
export { runSmokeChecks } from './suite.js';
export type { CheckRetryEvent, SmokeCheckOptions } from './suite.js';
export type { SmokeCheckResult, SmokeSuiteResult } from './types.js';
