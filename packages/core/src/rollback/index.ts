export { parseRollbackTo, planRollback, untrustedRecord } from './choose.js';
export type { RecordTrust } from './choose.js';
export { DEFAULT_HISTORY_DEPTH, runRollback } from './flow.js';
export type { RollbackLedger, RollbackRequest } from './flow.js';
export { upsertIncidentIssue } from './incident-issue.js';
export type { RollbackReport } from './report.js';
