import * as core from '@actions/core';
import path from 'node:path';
import type { InputReader } from '@paved/core/action';
import { loadPavedConfig, serviceFromRepository } from '@paved/core/config';
import { pushGateVerdict, verdictMetricsText, type GateOutcome, type GateReport } from '@paved/core/gate';
import type { Inputs } from './inputs.js';

/**
 * Pushes the outcome to the Pushgateway when `pushgateway-url` is set. The service label is the
 * one the deploy step's marker carries (input, then paved.yml, then the repository), so a
 * dashboard joins the two. Metrics never change the outcome: any failure here is a warning.
 */
export async function pushVerdict(
  read: InputReader,
  inputs: Inputs,
  outcome: GateOutcome,
  report?: GateReport,
): Promise<void> {
  const pushgateway = inputs['pushgateway-url'];
  if (!pushgateway) return;
  try {
    const release = {
      service: inputs.service ?? serviceOf(read, inputs),
      environment: inputs.environment[0] ?? '',
      version: inputs.version,
      deploymentId: inputs['deployment-id'],
    };
    const decidedAt = report ? new Date(report.decidedAt) : new Date();
    await pushGateVerdict(pushgateway.href, release, verdictMetricsText(release, outcome, decidedAt, report));
    core.info(
      `Pushed the verdict (${outcome}) to the Pushgateway ${pushgateway.href} as paved_gate_verdict{service="${release.service}",environment="${release.environment}"}.`,
    );
  } catch (error) {
    core.warning(
      `Could not push the verdict to the Pushgateway ${pushgateway.href}: ${error instanceof Error ? error.message : String(error)}. The verdict stands; dashboards will not show it.`,
      { title: 'Verdict metrics not pushed' },
    );
  }
}

function serviceOf(read: InputReader, inputs: Inputs): string {
  const file = path.resolve(read.workspace, inputs.config ?? '.github/paved.yml');
  return loadPavedConfig(file, read.workspace)?.service ?? serviceFromRepository(process.env.GITHUB_REPOSITORY ?? '');
}
