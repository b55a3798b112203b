/**
 * A workflow as written in YAML, the subset `paved run` executes. Values stay as the YAML
 * parser gives them (strings, numbers, booleans); expressions are evaluated when the runner
 * reaches them, as on GitHub.
 */
export type Scalar = string | number | boolean | null;

export interface WorkflowInputDefinition {
  description?: string;
  type?: 'string' | 'boolean' | 'number' | 'choice' | 'environment';
  required?: boolean;
  default?: Scalar;
  options?: string[];
}

export interface WorkflowCallOutput {
  description?: string;
  value: string;
}

export interface Triggers {
  push?: unknown;
  pull_request?: unknown;
  workflow_dispatch?: { inputs?: Record<string, WorkflowInputDefinition> } | null;
  workflow_call?: {
    inputs?: Record<string, WorkflowInputDefinition>;
    secrets?: Record<string, { description?: string; required?: boolean } | null>;
    outputs?: Record<string, WorkflowCallOutput>;
  } | null;
  [event: string]: unknown;
}

export interface RunDefaults {
  run?: { shell?: string; 'working-directory'?: string };
}

export interface StepDefinition {
  id?: string;
  name?: string;
  if?: Scalar;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, Scalar>;
  env?: Record<string, Scalar>;
  'working-directory'?: string;
  'continue-on-error'?: Scalar;
  'timeout-minutes'?: Scalar;
}

export interface EnvironmentDefinition {
  name: string;
  url?: string;
}

export interface ConcurrencyDefinition {
  group: string;
  'cancel-in-progress'?: Scalar;
}

export interface JobDefinition {
  name?: string;
  needs?: string | string[];
  if?: Scalar;
  'runs-on'?: unknown;
  environment?: string | EnvironmentDefinition;
  concurrency?: string | ConcurrencyDefinition;
  permissions?: unknown;
  env?: Record<string, Scalar>;
  defaults?: RunDefaults;
  outputs?: Record<string, string>;
  steps?: StepDefinition[];
  'timeout-minutes'?: Scalar;
  'continue-on-error'?: Scalar;
  /** A reusable workflow call. */
  uses?: string;
  with?: Record<string, Scalar>;
  secrets?: 'inherit' | Record<string, Scalar>;
  strategy?: unknown;
  services?: unknown;
  container?: unknown;
}

export interface Workflow {
  /** Absolute path of the file. */
  file: string;
  name?: string;
  on: Triggers;
  env?: Record<string, Scalar>;
  defaults?: RunDefaults;
  permissions?: unknown;
  concurrency?: string | ConcurrencyDefinition;
  jobs: Record<string, JobDefinition>;
}
