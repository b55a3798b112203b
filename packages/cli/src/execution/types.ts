import type { GitHubContext } from '@paved/action-runner';
import type { InputValue } from '../context/inputs.js';
import type { JobResult, Reporter, StepOutcome } from '../report/reporter.js';
import type { Workflow } from '../workflow/model.js';
import type { Roots } from '../workflow/uses.js';

/** What stays the same for every job of one `paved run`. */
export interface RunSettings {
  roots: Roots;
  /** The `github` context of the run; `job` is filled in per job. */
  github: GitHubContext;
  /** Node binary that plays the runner's node24. */
  node: string;
  /** Folder for this run's RUNNER_TEMP folders, reports and the step summary. */
  runDir: string;
  vars: Record<string, string>;
  reporter: Reporter;
  /** Aborted on Ctrl-C: running steps stop, jobs not started are cancelled. */
  signal: AbortSignal;
  debug: boolean;
  /** Step summaries in the order they were written, headed by their job. */
  summaries: { job: string; markdown: string }[];
  /** What steps inherit from the machine (proxy, CA, tool config, Docker); default hostEnvironment(). */
  hostEnv?: Record<string, string>;
}

/** One workflow file being run: the top-level one or a reusable one it calls. */
export interface WorkflowScope {
  workflow: Workflow;
  inputs: Record<string, InputValue>;
  secrets: Record<string, string>;
  /** "staging / " for the jobs of a reusable workflow called by job staging. */
  labelPrefix: string;
  /** Folder-safe prefix for the jobs' temp folders. */
  keyPrefix: string;
}

/** One step of a job as it ran (or was skipped), post steps included. */
export interface JobStep {
  label: string;
  outcome: StepOutcome;
  startedAt: Date;
  endedAt: Date;
}

export interface JobRun {
  id: string;
  label: string;
  result: JobResult;
  outputs: Record<string, string>;
  durationMs: number;
  /**
   * When the job started and ended, by the wall clock, so that a run can be laid beside other
   * events (load, metrics); the same moment for a job that did not run.
   */
  startedAt: Date;
  endedAt: Date;
  /** Why the job did not run: its `if:` did not hold, or the run was cancelled. */
  skipReason?: string;
  /** The reusable workflow this job called; its jobs follow it in the run's list. */
  calls?: string;
  /** Its steps in the order they ran; none for a job that calls a reusable workflow or did not run. */
  steps: JobStep[];
}

export interface NeedsEntry {
  result: JobResult;
  outputs: Record<string, string>;
}
