import { readFileSync } from 'node:fs';
import os from 'node:os';
import * as core from '@actions/core';
import { InputError, InputReader, setOutputs } from '@paved/core/action';
import { loadPavedConfig, resolveEnvironment } from '@paved/core/config';
import { releaseVersion, runDeploy } from '@paved/core/deploy';
import { createGitHubClient, DeploymentLedger, workflowRunFinished } from '@paved/core/github';
import { cancellationSignal } from '@paved/core/release';
import { addDeploySummary, addFleetSummary } from '@paved/core/summary';
import { untraced, type ActionTrace } from '@paved/core/telemetry';
import { createTarget, FleetTarget, parseDotenv, parseSecretLines } from '@paved/core/targets';
import { readInputs } from './inputs.js';

/** A named volume (`name:/path[:ro]`): never a host path, so an input cannot mount the host. */
const NAMED_VOLUME = /^[A-Za-z0-9][A-Za-z0-9_.-]*:\/\S*$/;

export async function main(trace: ActionTrace = untraced): Promise<void> {
  const read = new InputReader();
  const inputs = readInputs(read);
  await trace.configure(inputs['otlp-endpoint']);
  trace.annotate({ environment: inputs.environment, image: inputs.image });
  for (const volume of inputs.volumes) {
    if (!NAMED_VOLUME.test(volume)) {
      throw new InputError(
        'volumes',
        `Input 'volumes' must hold named volumes like data:/var/lib/app, got '${volume}'`,
      );
    }
  }
  const repository = process.env.GITHUB_REPOSITORY ?? '';
  const config = loadPavedConfig(inputs.config, read.workspace);
  const environment = resolveEnvironment(config, inputs.environment, inputs, repository);
  const extraEnv = inputs['env-file'] ? parseDotenv(readFileSync(inputs['env-file'], 'utf8'), inputs['env-file']) : {};
  const secrets = parseSecretLines(inputs.secrets, 'secrets');
  const sha = process.env.GITHUB_SHA ?? '';
  const version = releaseVersion(inputs.version, inputs.image, sha);

  const github = createGitHubClient({ token: inputs['github-token'] });
  const ledger = new DeploymentLedger(github);
  const target = createTarget(environment, {
    workspace: read.workspace,
    tempDir: process.env.RUNNER_TEMP ?? os.tmpdir(),
    secrets,
    extraEnv,
    progress: (id, description) =>
      ledger.setStatus(id, {
        state: 'in_progress',
        description,
        environmentUrl: environment.url,
        logUrl: github.runUrl,
      }),
  });
  const cancel = cancellationSignal();
  let outcome;
  try {
    outcome = await runDeploy({
      environment,
      target,
      ledger,
      image: inputs.image,
      version,
      sha,
      runUrl: github.runUrl,
      log: { info: (message) => core.info(message), warning: (message) => core.warning(message) },
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
    version: report.version,
    digest: report.digest,
    succeeded: report.outcome === 'success',
  });
  for (const phase of report.phases)
    core.info(`phase ${phase.name}: ${Math.round(phase.ms)}ms${phase.ok ? '' : ' (failed)'}`);
  if (report.outcome === 'success') {
    setOutputs({
      'deployment-id': report.deploymentId,
      url: report.url ?? '',
      'deployed-at': report.deployedAt,
      version: report.version,
      ref: report.running?.image ?? report.image,
      'previous-ref': report.previous?.image ?? '',
    });
  } else if (report.deploymentId !== undefined) {
    setOutputs({ 'deployment-id': report.deploymentId, version: report.version });
  }
  addDeploySummary(core.summary, report);
  if (target instanceof FleetTarget) addFleetSummary(core.summary, target.hosts);
  await core.summary.write();
  if (error) throw error;
}
