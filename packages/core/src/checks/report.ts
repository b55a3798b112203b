import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SmokeSuiteResult } from './types.js';

export const SMOKE_TEST_REPORT_VERSION = 1;

export interface SmokeTestReport extends SmokeSuiteResult {
  version: typeof SMOKE_TEST_REPORT_VERSION;
}

export function buildSmokeTestReport(result: SmokeSuiteResult): SmokeTestReport {
  return { version: SMOKE_TEST_REPORT_VERSION, ...result };
}

/**
 * Writes the JSON report to `<dir>/paved/smoke-test-report.json` (the runner's temp folder in
 * a workflow) and returns its path. Results are already redacted, so the file holds no secret.
 */
export function writeSmokeTestReport(result: SmokeSuiteResult, dir: string): string {
  const file = path.join(dir, 'paved', 'smoke-test-report.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(buildSmokeTestReport(result), null, 2)}\n`);
  return file;
}
