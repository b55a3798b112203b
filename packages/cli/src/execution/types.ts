import type { GitHubContext } from '@paved/action-runner';
import type { InputValue } from '../context/inputs.js';
import type { JobResult, Reporter } from '../report/reporter.js';
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

export interface JobRun {
  id: string;
  label: string;
  result: JobResult;
  outputs: Record<string, string>;
  durationMs: number;
}

export interface NeedsEntry {
  result: JobResult;
  outputs: Record<string, string>;
}
