import os from 'node:os';
import * as core from '@actions/core';
import { InputReader } from '@paved/core/action';
import { loadPavedConfig, resolveEnvironment } from '@paved/core/config';
import { createGitHubClient, DeploymentLedger } from '@paved/core/github';
import { readReleaseProgress, settleAbandonedRelease, wasCutShort } from '@paved/core/release';
import { createTarget } from '@paved/core/targets';
import { readInputs } from './inputs.js';

/**
 * The post step: when main was killed outright mid-release, settle the target, close the
 * record and release this run's lock. When main finished it reads nothing else.
 */
export async function post(): Promise<void> {
  const state = readReleaseProgress();
  if (!wasCutShort(state)) return;
  const read = new InputReader();
  const inputs = readInputs(read);
  const config = loadPavedConfig(inputs.config, read.workspace);
  const environment = resolveEnvironment(config, inputs.environment, inputs, process.env.GITHUB_REPOSITORY ?? '');
  const github = createGitHubClient({ token: inputs['github-token'] });
  const target = createTarget(environment, {
    workspace: read.workspace,
    tempDir: process.env.RUNNER_TEMP ?? os.tmpdir(),
  });
  try {
    await settleAbandonedRelease({
      state,
      environment,
      target,
      ledger: new DeploymentLedger(github),
      runUrl: github.runUrl,
      log: { info: (message) => core.info(message), warning: (message) => core.warning(message) },
    });
  } finally {
    await target.dispose();
  }
}
