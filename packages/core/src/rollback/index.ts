export { findCurrentDeployment, parseRollbackTo, planRollback } from './choose.js';
export type { PlanInput, RestoreTarget, RollbackPlan, RollbackTo } from './choose.js';
export { runRollback } from './flow.js';
export type { RollbackLedger, RollbackOutcome, RollbackRequest } from './flow.js';
export { LazyHistory } from './history.js';
export { INCIDENT_LABEL, incidentMarkdown, incidentTitle, upsertIncidentIssue } from './incident.js';
export type { IncidentIssue } from './incident.js';
export type {
  MigrateRollbackOutcome,
  RollbackPhaseName,
  RollbackPhaseTiming,
  RollbackReport,
  RolledBackRelease,
} from './report.js';
