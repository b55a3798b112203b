import * as core from '@actions/core';
import os from 'node:os';
import path from 'node:path';
import { InputReader, setOutputs } from '@paved/core/action';
import { createGitHubClient } from '@paved/core/github';
import {
  bindQueryVariables,
  buildReport,
  commentOnPullRequests,
  evaluateGate,
  parseHeaderLines,
  PrometheusClient,
  readSloFile,
  recordVerdictOnDeployment,
  writeReport,
  type GateReport,
} from '@paved/core/gate';
import { addQualityGateSummary } from '@paved/core/summary';
import { readInputs, type Inputs } from './inputs.js';

export async function main(): Promise<void> {
  const read = new InputReader();
  const inputs = readInputs(read);
  const headers = parseHeaderLines(inputs['prometheus-headers']);
  const slo = bindQueryVariables(readSloFile(inputs.slo, path.relative(read.workspace, inputs.slo)), {
    environment: inputs.environment,
  });
  const prometheus = new PrometheusClient({ url: inputs['prometheus-url'], headers });
  const evaluation = await evaluateGate({
    slo,
    prometheus,
    deployedAt: inputs['deployed-at'],
    baselineWindowMs: inputs['baseline-window'],
    windowMs: inputs.window,
    stepMs: inputs.step,
    earlyExit: inputs['early-exit'],
  });
  const report = buildReport(evaluation, {
    prometheus: prometheus.url,
    slo: { file: slo.file, passScore: slo.passScore, warnScore: slo.warnScore },
    stepMs: inputs.step,
    environment: inputs.environment,
  });
  const reportPath = writeReport(
    report,
    path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'paved', `deploy-quality-gate-${process.pid}-${Date.now()}.json`),
  );
  setOutputs({ verdict: report.verdict, score: report.score, report: reportPath });
  for (const objective of report.objectives) {
    core.info(`${objective.name}: ${objective.status}. ${objective.reason}`);
    if (objective.status === 'fail') core.error(objective.reason, { title: `Objective ${objective.name} failed` });
  }
  if (process.env.GITHUB_STEP_SUMMARY) await addQualityGateSummary(core.summary, report).write();
  await giveFeedback(inputs, report);
  concludeStep(report, inputs['on-inconclusive']);
}

/** GitHub feedback never changes the verdict: a failure to record it is a warning. */
async function giveFeedback(inputs: Inputs, report: GateReport): Promise<void> {
  const deploymentId = inputs['deployment-id'];
  if (deploymentId === undefined && !inputs['comment-on-pr']) return;
  try {
    const github = createGitHubClient({ token: inputs['github-token'] });
    let sha = process.env.GITHUB_SHA ?? '';
    if (deploymentId !== undefined) {
      sha = (await recordVerdictOnDeployment(github, deploymentId, report, inputs['on-inconclusive'])).sha || sha;
    }
    if (inputs['comment-on-pr']) {
      if (sha) await commentOnPullRequests(github, sha, report);
      else core.warning('comment-on-pr: no commit to look up (no deployment-id and no GITHUB_SHA).');
    }
  } catch (error) {
    core.warning(`Could not record the verdict on GitHub: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function concludeStep(report: GateReport, onInconclusive: Inputs['on-inconclusive']): void {
  const headline = `Quality gate ${report.verdict} (score ${report.score}): ${report.reason}`;
  if (report.verdict === 'pass') core.info(headline);
  else if (report.verdict === 'warn') core.warning(headline, { title: 'Quality gate: warn' });
  else if (report.verdict === 'fail') core.setFailed(headline);
  else if (onInconclusive === 'fail') core.setFailed(`${headline} on-inconclusive is fail.`);
  else if (onInconclusive === 'warn')
    core.warning(`${headline} on-inconclusive is warn.`, { title: 'Quality gate: inconclusive' });
  else core.notice(`${headline} on-inconclusive is pass.`, { title: 'Quality gate: inconclusive' });
}
