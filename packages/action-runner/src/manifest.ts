import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}

export interface ActionManifest {
  /** Folder holding action.yml; `main`/`post` are resolved against it, as the runner does. */
  dir: string;
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
}

/** Reads action.yml (or action.yaml) the way the runner does before it starts a JavaScript action. */
export function loadActionManifest(dir: string): ActionManifest {
  const file = ['action.yml', 'action.yaml'].map((name) => path.join(dir, name)).find(exists);
  if (!file) throw new Error(`No action.yml in ${dir}`);
  const doc = parse(readFileSync(file, 'utf8')) as Partial<ActionManifest> & { runs?: ActionManifest['runs'] };
  if (!doc?.runs?.using?.startsWith('node')) {
    throw new Error(`${file}: runs.using must be a node runtime, got '${doc?.runs?.using}'`);
  }
  const inputs: Record<string, ActionInput> = {};
  for (const [name, input] of Object.entries(doc.inputs ?? {})) {
    const definition = (input ?? {}) as ActionInput & { default?: unknown };
    inputs[name] = {
      ...definition,
      default: definition.default === undefined || definition.default === null ? undefined : String(definition.default),
    };
  }
  return {
    dir,
    name: doc.name ?? path.basename(dir),
    description: doc.description ?? '',
    inputs,
    outputs: (doc.outputs ?? {}) as ActionManifest['outputs'],
    runs: doc.runs,
  };
}

function exists(file: string): boolean {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
}
