export { parseRollbackTo, planRollback } from './choose.js';
export { runRollback } from './flow.js';
export type { RollbackRequest } from './flow.js';
export { upsertIncidentIssue } from './incident-issue.js';
export type { RollbackReport } from './report.js';
