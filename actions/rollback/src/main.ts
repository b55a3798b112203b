import os from 'node:os';
import * as core from '@actions/core';
import { InputReader, setOutputs } from '@paved/core/action';
import { loadPavedConfig, resolveEnvironment } from '@paved/core/config';
import { createGitHubClient, DeploymentLedger, workflowRunFinished } from '@paved/core/github';
import { cancellationSignal } from '@paved/core/release';
import { parseRollbackTo, runRollback, upsertIncidentIssue, type RollbackReport } from '@paved/core/rollback';
import { addFleetSummary, addRollbackSummary } from '@paved/core/summary';
import { untraced, type ActionTrace } from '@paved/core/telemetry';
import { createTarget, FleetTarget } from '@paved/core/targets';
import { readInputs } from './inputs.js';

export async function main(trace: ActionTrace = untraced): Promise<void> {
  const read = new InputReader();
  const inputs = readInputs(read);
  await trace.configure(inputs['otlp-endpoint']);
  trace.annotate({ environment: inputs.environment });
  const to = parseRollbackTo(inputs.to);
  const repository = process.env.GITHUB_REPOSITORY ?? '';
  const config = loadPavedConfig(inputs.config, read.workspace);
  const environment = resolveEnvironment(config, inputs.environment, inputs, repository);
  const tempDir = process.env.RUNNER_TEMP ?? os.tmpdir();

  const github = createGitHubClient({ token: inputs['github-token'] });
  const ledger = new DeploymentLedger(github);
  const target = createTarget(environment, {
    workspace: read.workspace,
    tempDir,
    progress: (id, description) =>
      ledger.setStatus(id, {
        state: 'in_progress',
        description,
        environmentUrl: environment.url,
        logUrl: github.runUrl,
      }),
  });
  const incident = async (report: RollbackReport) => {
    if (!inputs['incident-issue']) return;
    const issue = await upsertIncidentIssue(github, report);
    // Edited at the end, but opened by this rollback at its start: the summary says opened.
    report.incident = { ...issue, created: issue.created || (report.incident?.created ?? false) };
  };
  const cancel = cancellationSignal();
  let outcome;
  try {
    outcome = await runRollback({
      environment,
      target,
      ledger,
      host: target.rollbackHost?.(),
      to,
      reason: inputs.reason,
      migrateRollbackAt: inputs['migrate-rollback-at'],
      runUrl: github.runUrl,
      actor: process.env.GITHUB_TRIGGERING_ACTOR || process.env.GITHUB_ACTOR || undefined,
      fallbackSha: process.env.GITHUB_SHA ?? '',
      log: { info: (message) => core.info(message), warning: (message) => core.warning(message) },
      onStart: incident,
      holderFinished: (holder) => workflowRunFinished(github, holder),
      signal: cancel.signal,
      observePhase: trace.phase,
    });
  } finally {
    cancel.dispose();
    await target.dispose();
  }
  const { report, error } = outcome;
  trace.annotate({
    deploymentId: report.deploymentId,
    version: report.to?.version,
    image: report.to?.image,
    digest: report.to?.digest,
    succeeded: report.outcome === 'success',
  });
  // The issue follows the rollback to its end: restored, or failed and needing a person.
  if (report.deploymentId !== undefined) {
    await incident(report).catch((issueError: unknown) =>
      core.warning(`Could not update the incident issue: ${(issueError as Error).message}`),
    );
  }
  for (const phase of report.phases)
    core.info(`phase ${phase.name}: ${Math.round(phase.ms)}ms${phase.ok ? '' : ' (failed)'}`);
  setOutputs({
    'deployment-id': report.deploymentId,
    'from-ref': report.from?.image,
    'to-ref': report.outcome === 'success' ? report.to?.image : undefined,
    url: report.url,
  });
  addRollbackSummary(core.summary, report);
  if (target instanceof FleetTarget) addFleetSummary(core.summary, target.hosts);
  await core.summary.write();
  if (error) throw error;
}
