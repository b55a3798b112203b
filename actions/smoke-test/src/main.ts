import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { formatDuration, InputReader, setOutputs } from '@paved/core/action';
import {
  checkFailureMessage,
  checkPassLine,
  displayUrl,
  checkFailureLine,
  parseChecks,
  parseRequestHeaders,
  resolveChecksSource,
  runSmokeChecks,
  writeSmokeTestReport,
  type CheckRetryEvent,
} from '@paved/core/checks';
import { addSmokeTestSummary } from '@paved/core/summary';
import { readInputs } from './inputs.js';

export async function main(): Promise<void> {
  const read = new InputReader();
  const inputs = readInputs(read);
  try {
    const headers = parseRequestHeaders(inputs.headers);
    const source = resolveChecksSource(inputs.checks, read.workspace);
    const checks = parseChecks(source.text, source.where);
    core.info(
      `Running ${checks.length} check${checks.length === 1 ? '' : 's'} against ${displayUrl(inputs.url.href)} ` +
        `(wait-timeout ${formatDuration(inputs['wait-timeout'])}, concurrency ${inputs.concurrency})`,
    );
    const result = await runSmokeChecks({
      baseUrl: inputs.url,
      checks,
      waitTimeoutMs: inputs['wait-timeout'],
      concurrency: inputs.concurrency,
      headers,
      ...(inputs.ca ? { ca: readFileSync(inputs.ca, 'utf8') } : {}),
      tlsVerify: inputs['tls-verify'],
      onRetry: retryLogger(),
      onResult: (check) => core.info(check.passed ? checkPassLine(check) : `✗ ${checkFailureMessage(check)}`),
    });
    // RUNNER_TEMP is emptied after each job, so the report never outlives the run it belongs to.
    const report = writeSmokeTestReport(result, process.env.RUNNER_TEMP || os.tmpdir());
    setOutputs({ passed: result.passed, failed: result.failed, report });
    if (process.env.GITHUB_STEP_SUMMARY) await addSmokeTestSummary(core.summary, result).write();
    if (!result.passed) {
      for (const check of result.checks.filter((c) => !c.passed)) core.error(checkFailureMessage(check));
      core.info(`${result.failed} of ${result.total} checks failed; the report is in ${report}`);
      // One error line per failed check is the whole story; setFailed would add a redundant one.
      process.exitCode = core.ExitCode.Failure;
    }
  } catch (error) {
    setOutputs({ passed: false });
    throw error;
  }
}

/** Logs a retry when a check first fails or fails differently, so warming up is visible but not noisy. */
function retryLogger(): (event: CheckRetryEvent) => void {
  const last = new Map<string, string>();
  return (event) => {
    const why = event.failures.map(checkFailureLine).join('; ');
    const line = `… ${event.check}: ${why}; retrying in ${formatDuration(event.delayMs)} (attempt ${event.attempt})`;
    if (last.get(event.check) === why) core.debug(line);
    else core.info(line);
    last.set(event.check, why);
  };
}
