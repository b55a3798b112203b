import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEMPLATES_DIR = path.join(ROOT, 'workflows-templates');
export const REUSABLE_DIR = path.join(ROOT, '.github', 'workflows');

export const TEMPLATES = readdirSync(TEMPLATES_DIR)
  .filter((name) => name.endsWith('.yml'))
  .sort();
export const REUSABLE = readdirSync(REUSABLE_DIR)
  .filter((name) => /^paved-.*\.yml$/.test(name))
  .sort();
/** Every workflow file Paved ships, relative to the repository root. */
export const ALL = [
  ...TEMPLATES.map((name) => path.join('workflows-templates', name)),
  ...REUSABLE.map((name) => path.join('.github', 'workflows', name)),
];

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
export interface Job {
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
  permissions?: unknown;
  environment?: unknown;
  concurrency?: { group: string; 'cancel-in-progress'?: unknown };
  if?: string;
  needs?: string | string[];
  steps?: Step[];
}
export interface WorkflowDoc {
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

export function read(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8');
}

export function load(relative: string): WorkflowDoc {
  return parse(read(relative)) as WorkflowDoc;
}
