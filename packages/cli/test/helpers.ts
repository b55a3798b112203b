import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPaved, type PavedRunOptions, type PavedRunResult } from '../src/run-paved.js';
import { temporaryDirectory } from '@paved/test-support/workspace';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'workspace');

/** A fresh copy of the fixture repository, so runs never write into the source tree. */
export function fixtureWorkspace(): string {
  const dir = temporaryDirectory('paved-cli-');
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

export interface CapturedRun extends PavedRunResult {
  output: string;
}

/** Runs a fixture workflow in-process, with an unreachable API so no emulator starts. */
export async function run(workflow: string, options: Partial<PavedRunOptions> = {}): Promise<CapturedRun> {
  let output = '';
  const result = await runPaved({
    workflow,
    workspace: fixtureWorkspace(),
    repository: 'acme/shop',
    githubApiUrl: 'http://127.0.0.1:9',
    // A stack the developer left running with `paved stack up` stays out of the fixtures' runs.
    useStack: false,
    out: { write: (text: string) => (output += text) },
    ...options,
  });
  return { ...result, output };
}

export function resultsOf(run: PavedRunResult): Record<string, string> {
  return Object.fromEntries(run.jobs.map((job) => [job.label, job.result]));
}
