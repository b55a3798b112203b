export { cancellationSignal, CancelledError } from './cancel.js';
export { asReleaseError, stateAfter } from './errors.js';
export type { ReleaseLedger, ReleaseLog } from './ledger.js';
export { checkLedgerLock } from './lock.js';
export { timePhase } from './phases.js';
export type { TimedPhase } from './phases.js';
export { runRelease } from './sequence.js';
export type { PhaseRunner, PlannedRecord, ReleaseRequest, ReleaseRun, ReleaseSteps } from './sequence.js';
