export { runPaved, PAVED_ROOT, LOCAL_TOKEN } from './run-paved.js';
export type { PavedRunOptions, PavedRunResult } from './run-paved.js';
export type { JobRun, JobStep } from './execution/types.js';
export { loadWorkflow } from './workflow/load.js';
export { findRefusals } from './workflow/plan.js';
