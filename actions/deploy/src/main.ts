import * as core from '@actions/core';
import { InputError, InputReader, setOutputs } from '@paved/core/action';
import { releaseVersion, runDeploy } from '@paved/core/deploy';
import { runReleaseStep } from '@paved/core/release';
import { addDeploySummary, addFleetSummary } from '@paved/core/summary';
import { untraced, type ActionTrace } from '@paved/core/telemetry';
import { FleetTarget } from '@paved/core/targets';
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
  const sha = process.env.GITHUB_SHA ?? '';
  const version = releaseVersion(inputs.version, inputs.image, sha);

  await runReleaseStep({
    read,
    inputs,
    target: inputs.canary ? { canary: inputs.canary } : {},
    check: (environment) => {
      if (inputs.canary && environment.kubernetes?.strategy !== 'canary') {
        throw new InputError(
          'canary',
          `Input 'canary' is ${inputs.canary}, but environment '${environment.name}' does not use the kubernetes target with ` +
            `strategy canary: set kubernetes.strategy: canary in ${inputs.config}, or leave canary empty`,
        );
      }
    },
    run: ({ environment, target, ledger, github, log, holderFinished, signal, progress }) =>
      runDeploy({
        environment,
        target,
        ledger,
        image: inputs.image,
        version,
        sha,
        runUrl: github.runUrl,
        log,
        holderFinished,
        signal,
        progress,
        observePhase: trace.phase,
      }),
    report: (report, { target, environment }) => {
      trace.annotate({
        deploymentId: report.deploymentId,
        version: report.version,
        digest: report.digest,
        succeeded: report.outcome === 'success',
      });
      if (report.outcome === 'success') {
        setOutputs({
          'deployment-id': report.deploymentId,
          url: report.url ?? '',
          'deployed-at': report.deployedAt,
          version: report.version,
          ref: report.running?.image ?? report.image,
          'previous-ref': report.previous?.image ?? '',
          canary: canaryOutput(environment, inputs.canary),
        });
      } else if (report.deploymentId !== undefined) {
        setOutputs({ 'deployment-id': report.deploymentId, version: report.version });
      }
      addDeploySummary(core.summary, report);
      if (target instanceof FleetTarget) addFleetSummary(core.summary, target.hosts);
    },
  });
}

/** What this deploy did with a canary (strategy canary), for the workflow's promote step; unset otherwise. */
function canaryOutput(
  environment: { kubernetes?: { strategy: string } },
  canary: 'promote' | undefined,
): string | undefined {
  if (environment.kubernetes?.strategy !== 'canary') return undefined;
  return canary === 'promote' ? 'promoted' : 'deployed';
}
