import * as core from '@actions/core';
import path from 'node:path';
import { setOutputs, UserError, type InputReader } from '@paved/core/action';
import { parseChecks, resolveChecksSource } from '@paved/core/checks';
import { loadPavedConfig } from '@paved/core/config';
import {
  bindCanarySides,
  bindQueryVariables,
  parseHeaderLines,
  preflightGate,
  PrometheusClient,
  readSloFile,
  type PreflightFinding,
} from '@paved/core/gate';
import { addPreflightSummary } from '@paved/core/summary';
import type { Inputs } from './inputs.js';

/**
 * Everything the stages after the build will need, checked before anything goes live: paved.yml
 * and the smoke checks with the loaders deploy and smoke-test use, the SLO file, and every
 * resolved query asked of Prometheus for each environment. Problems fail the step, each named.
 */
export async function runPreflight(
  read: InputReader,
  inputs: Inputs,
  describeInput: (input: string) => string,
): Promise<void> {
  const findings: PreflightFinding[] = [];
  const attempt = async (subject: string, check: () => Promise<PreflightFinding[]> | PreflightFinding[]) => {
    try {
      findings.push(...(await check()));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      findings.push({ subject, status: 'error', message: error.message });
    }
  };

  let environments = inputs.environment;
  /** Environments whose releases go up as a canary, so that the gate judges them against the stable pods. */
  const canaries = new Set<string>();
  await attempt(`paved.yml (${describeInput('config')})`, () => {
    const file = inputs.config ?? '.github/paved.yml';
    const config = loadPavedConfig(path.resolve(read.workspace, file), read.workspace);
    if (!config)
      return [{ subject: file, status: 'warning', message: 'not found; every setting must come from inputs' }];
    const names = Object.keys(config.environments);
    for (const name of names) {
      const entry = config.environments[name];
      const target = entry?.target ?? config.defaults.target;
      const strategy = entry?.kubernetes?.strategy ?? config.defaults.kubernetes?.strategy;
      if (target === 'kubernetes' && strategy === 'canary') canaries.add(name);
    }
    const unknown = environments.filter((name) => !names.includes(name));
    if (environments.length === 0) environments = names;
    return [
      {
        subject: config.file,
        status: unknown.length > 0 ? 'error' : 'ok',
        message:
          unknown.length > 0
            ? `has no environment ${unknown.map((name) => `'${name}'`).join(', ')} (${describeInput('environment')}); it lists ${names.join(', ')}`
            : `valid; environments ${names.join(', ')}`,
      },
    ];
  });
  if (inputs.checks) {
    await attempt(`smoke checks (${describeInput('checks')})`, () => {
      const source = resolveChecksSource(inputs.checks as string, read.workspace, 'checks');
      const checks = parseChecks(source.text, source.where);
      return [
        {
          subject: source.where,
          status: 'ok',
          message: `valid; ${checks.length} check${checks.length === 1 ? '' : 's'}`,
        },
      ];
    });
  }
  const headers = parseHeaderLines(inputs['prometheus-headers']);
  const prometheus = new PrometheusClient({ url: inputs['prometheus-url'], headers, retries: 2 });
  const shown = path.relative(read.workspace, inputs.slo);
  for (const environment of environments.length > 0 ? environments : [undefined]) {
    const label = environment ? ` for ${environment}` : '';
    await attempt(`SLO file ${shown}${label}`, async () => {
      const file = readSloFile(inputs.slo, shown);
      // A canary's gate needs every query to select a track; caught here, before the first canary goes up.
      if (environment && canaries.has(environment)) {
        bindCanarySides(file, { environment }, `environment '${environment}' uses strategy canary`);
      }
      // The whole service: before a canary exists, only the stable side has data to look at.
      const slo = bindQueryVariables(file, { environment });
      const found = await preflightGate({
        slo,
        prometheus,
        baselineWindowMs: inputs['baseline-window'],
        stepMs: inputs.step,
        describeInput,
      });
      return found.map((finding) => ({ ...finding, subject: `${finding.subject}${label}` }));
    });
  }

  const errors = findings.filter((finding) => finding.status === 'error');
  const warnings = findings.filter((finding) => finding.status === 'warning');
  for (const finding of findings) {
    const line = `${finding.subject}: ${finding.message}`;
    if (finding.status === 'error') core.error(line, { title: 'Preflight' });
    else if (finding.status === 'warning') core.warning(line, { title: 'Preflight' });
    else core.info(line);
  }
  setOutputs({ preflight: errors.length > 0 ? 'problems' : 'ok' });
  if (process.env.GITHUB_STEP_SUMMARY) await addPreflightSummary(core.summary, findings).write();
  if (errors.length > 0) {
    throw new UserError(
      `Preflight found ${errors.length} problem${errors.length === 1 ? '' : 's'}${warnings.length ? ` and ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}: nothing was deployed. ${errors.map((finding) => `${finding.subject}: ${finding.message}`).join(' · ')}`,
    );
  }
  core.info(
    `Preflight: the configuration is ready${warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : ''}.`,
  );
}
