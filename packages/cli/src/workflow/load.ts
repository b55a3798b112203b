import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import type { Triggers, Workflow } from './model.js';

export class WorkflowError extends Error {
  override name = 'WorkflowError';
}

/**
 * Reads a workflow file, checks it against GitHub's workflow schema (the same parser the
 * Actions service uses) and returns it as plain YAML data for the runner.
 */
export function loadWorkflow(file: string): Workflow {
  const absolute = path.resolve(file);
  let content: string;
  try {
    content = readFileSync(absolute, 'utf8');
  } catch {
    throw new WorkflowError(
      `Cannot read the workflow ${file}: give a path to a .yml file or a name under .github/workflows/.`,
    );
  }
  const parsed = parseWorkflow({ name: path.basename(absolute), content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors();
  if (errors.length > 0) {
    const lines = errors.map((error) => `  - ${error.message}`).join('\n');
    throw new WorkflowError(`${file} is not a valid workflow:\n${lines}\nFix these before running it.`);
  }
  const doc = parse(content) as Record<string, unknown>;
  return {
    file: absolute,
    name: typeof doc.name === 'string' ? doc.name : undefined,
    on: normaliseTriggers(doc.on),
    env: doc.env as Workflow['env'],
    defaults: doc.defaults as Workflow['defaults'],
    permissions: doc.permissions,
    concurrency: doc.concurrency as Workflow['concurrency'],
    jobs: (doc.jobs ?? {}) as Workflow['jobs'],
  };
}

/** `on: push`, `on: [push, pull_request]` and the mapping form all become a mapping. */
function normaliseTriggers(on: unknown): Triggers {
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((event: string) => [event, null]));
  return (on ?? {}) as Triggers;
}

/** The display name GitHub shows: `name:`, else the file path. */
export function workflowTitle(workflow: Workflow, workspace: string): string {
  return workflow.name ?? path.relative(workspace, workflow.file);
}
