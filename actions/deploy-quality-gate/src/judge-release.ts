import * as core from '@actions/core';
import os from 'node:os';
import path from 'node:path';
import { setOutputs, UserError, type InputReader } from '@paved/core/action';
import {
  bindCanarySides,
  bindQueryVariables,
  buildReport,
  evaluateGate,
  GateCannotJudgeError,
  outcomePolicy,
  parseHeaderLines,
  PrometheusClient,
  readSloFile,
  writeReport,
  type GateOutcome,
  type GateReport,
} from '@paved/core/gate';
import { createGitHubClient } from '@paved/core/github';
import { addQualityGateSummary, addQualityGateErrorSummary } from '@paved/core/summary';
import { untraced, type ActionTrace } from '@paved/core/telemetry';
import { commentOnPullRequests, recordOnDeployment } from './feedback.js';
import type { Inputs } from './inputs.js';
import { pushVerdict } from './verdict-push.js';

/** Judges the release that went live at deployed-at, records the outcome and ends the step by it. */
export async function judgeRelease(
  read: InputReader,
  inputs: Inputs,
  describeInput: (input: string) => string,
  trace: ActionTrace = untraced,
): Promise<void> {
  const environment = inputs.environment[0];
  const evaluate: typeof evaluateGate = (options) => trace.phase('evaluate', () => evaluateGate(options));
  let report: GateReport;
  try {
    const headers = parseHeaderLines(inputs['prometheus-headers']);
    const file = readSloFile(inputs.slo, path.relative(read.workspace, inputs.slo));
    // A canary is judged against the stable pods over its own window; anything else against before the deploy.
    const sides =
      inputs.canary === 'deployed'
        ? bindCanarySides(file, { environment }, `${describeInput('canary')} is deployed`)
        : undefined;
    const slo = sides ? sides.canary : bindQueryVariables(file, { environment });
    const prometheus = new PrometheusClient({ url: inputs['prometheus-url'], headers });
    if (sides) core.info('The release is a canary: judging it against the stable pods over the same window.');
    const evaluation = await evaluate({
      slo,
      ...(sides ? { canary: { stable: sides.stable } } : {}),
      prometheus,
      deployedAt: inputs['deployed-at'] as Date,
      baselineWindowMs: inputs['baseline-window'],
      lookbackMs: inputs['baseline-lookback'],
      windowMs: inputs.window,
      stepMs: inputs.step,
      earlyExit: inputs['early-exit'],
      describeInput,
    });
    report = buildReport(evaluation, {
      prometheus: prometheus.url,
      slo: { file: slo.file, passScore: slo.passScore, warnScore: slo.warnScore },
      stepMs: inputs.step,
      environment,
    });
  } catch (error) {
    trace.annotate({ verdict: 'error' });
    await trace.phase('feedback', () => cannotJudge(read, inputs, error));
    throw error;
  }
  const reportPath = writeReport(
    report,
    path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'paved', `deploy-quality-gate-${process.pid}-${Date.now()}.json`),
  );
  setOutputs({ verdict: report.verdict, score: report.score, reason: report.reason, report: reportPath });
  trace.annotate({ verdict: report.verdict, score: report.score });
  for (const objective of report.objectives) {
    core.info(`${objective.name}: ${objective.status}. ${objective.reason}`);
    if (objective.status === 'fail') core.error(objective.reason, { title: `Objective ${objective.name} failed` });
  }
  if (process.env.GITHUB_STEP_SUMMARY) await addQualityGateSummary(core.summary, report).write();
  await pushVerdict(read, inputs, report.verdict, report);
  const policy = outcomePolicy(report.verdict, inputs['on-inconclusive']);
  await trace.phase('feedback', () =>
    giveFeedback(
      inputs,
      report.verdict,
      `Quality gate: ${report.verdict} (score ${report.score}). ${report.reason}`,
      report,
    ),
  );
  concludeStep(
    report.verdict,
    `Quality gate ${report.verdict} (score ${report.score}): ${report.reason}`,
    policy.step,
    inputs,
  );
}

/**
 * The gate could not judge: the outputs say `error` with the reason, the summary says what to
 * check, and the deployment is recorded as `error` (neither proven good nor bad). The caller
 * rethrows, so the step fails with the message.
 */
async function cannotJudge(read: InputReader, inputs: Inputs, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const kind =
    error instanceof GateCannotJudgeError ? error.problem : error instanceof UserError ? 'configuration' : 'unexpected';
  const because = {
    prometheus: 'Prometheus could not be asked',
    configuration: 'its configuration is wrong',
    unexpected: 'an unexpected error',
  }[kind];
  const reason = `The deploy quality gate could not run (${because}): ${message}`;
  setOutputs({ verdict: 'error', reason });
  if (process.env.GITHUB_STEP_SUMMARY) await addQualityGateErrorSummary(core.summary, reason, kind).write();
  await pushVerdict(read, inputs, 'error');
  await giveFeedback(inputs, 'error', reason);
}

/** GitHub feedback never changes the outcome: a failure to record it is a warning. */
async function giveFeedback(
  inputs: Inputs,
  outcome: GateOutcome,
  description: string,
  report?: GateReport,
): Promise<void> {
  const deploymentId = inputs['deployment-id'];
  const comment = inputs['comment-on-pr'] && report !== undefined;
  if (deploymentId === undefined && !comment) return;
  try {
    const github = createGitHubClient({ token: inputs['github-token'] });
    let sha = process.env.GITHUB_SHA ?? '';
    if (deploymentId !== undefined) {
      const state = outcomePolicy(outcome, inputs['on-inconclusive']).record;
      sha = (await recordOnDeployment(github, deploymentId, state, description)).sha || sha;
    }
    if (comment) {
      if (sha) await commentOnPullRequests(github, sha, report);
      else core.warning('comment-on-pr: no commit to look up (no deployment-id and no GITHUB_SHA).');
    }
  } catch (error) {
    core.warning(`Could not record the outcome on GitHub: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function concludeStep(
  verdict: GateOutcome,
  headline: string,
  step: ReturnType<typeof outcomePolicy>['step'],
  inputs: Inputs,
): void {
  const because = verdict === 'inconclusive' ? ` on-inconclusive is ${inputs['on-inconclusive']}.` : '';
  if (step === 'succeed') core.info(headline);
  else if (step === 'warn') core.warning(`${headline}${because}`, { title: `Quality gate: ${verdict}` });
  else if (step === 'notice') core.notice(`${headline}${because}`, { title: `Quality gate: ${verdict}` });
  else core.setFailed(`${headline}${because}`);
}
