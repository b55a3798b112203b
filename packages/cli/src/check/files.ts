// Every Paved file in a repository, read by the same loaders the actions use, so a file that
// passes here is one the pipeline accepts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseChecks } from '@paved/core/checks';
import { loadPavedConfig, type PavedConfig } from '@paved/core/config';
import { readSloFile, type SloFile } from '@paved/core/gate';
import { loadWorkflow } from '../workflow/load.js';

export type Severity = 'ok' | 'warning' | 'error';

export interface Finding {
  severity: Severity;
  /** The file or platform the finding is about. */
  subject: string;
  message: string;
}

export const PAVED_FILES = {
  config: path.join('.github', 'paved.yml'),
  checks: path.join('.github', 'paved', 'smoke-checks.yml'),
  slo: path.join('.github', 'paved', 'slo.yml'),
  workflows: path.join('.github', 'workflows'),
} as const;

export interface RepositoryFiles {
  findings: Finding[];
  config?: PavedConfig;
  slo?: SloFile;
}

const PLACEHOLDERS = [/\bpaved-org\//, /\$default-branch\b/];

function attempt<T>(findings: Finding[], subject: string, read: () => T, ok: (value: T) => string): T | undefined {
  try {
    const value = read();
    findings.push({ severity: 'ok', subject, message: ok(value) });
    return value;
  } catch (error) {
    findings.push({ severity: 'error', subject, message: (error as Error).message });
    return undefined;
  }
}

export function checkRepositoryFiles(workspace: string): RepositoryFiles {
  const findings: Finding[] = [];
  const at = (relative: string) => path.join(workspace, relative);
  let config: PavedConfig | undefined;
  if (existsSync(at(PAVED_FILES.config))) {
    config = attempt(
      findings,
      PAVED_FILES.config,
      () => loadPavedConfig(at(PAVED_FILES.config), workspace)!,
      (c) => `valid; environments: ${Object.keys(c.environments).join(', ')}`,
    );
  } else {
    findings.push({ severity: 'error', subject: PAVED_FILES.config, message: 'missing: run paved init.' });
  }
  if (existsSync(at(PAVED_FILES.checks))) {
    attempt(
      findings,
      PAVED_FILES.checks,
      () => parseChecks(readFileSync(at(PAVED_FILES.checks), 'utf8'), PAVED_FILES.checks),
      (checks) => `valid; ${checks.length} check(s)`,
    );
  } else {
    findings.push({
      severity: 'warning',
      subject: PAVED_FILES.checks,
      message: 'missing: the smoke test has nothing to run.',
    });
  }
  let slo: SloFile | undefined;
  if (existsSync(at(PAVED_FILES.slo))) {
    slo = attempt(
      findings,
      PAVED_FILES.slo,
      () => readSloFile(at(PAVED_FILES.slo), PAVED_FILES.slo),
      (file) => `valid; objectives: ${file.objectives.map((o) => o.name).join(', ')}`,
    );
  } else {
    findings.push({
      severity: 'warning',
      subject: PAVED_FILES.slo,
      message: 'missing: the quality gate has no objectives.',
    });
  }
  const workflowDir = at(PAVED_FILES.workflows);
  const workflows = existsSync(workflowDir) ? readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f)) : [];
  for (const name of workflows.sort()) {
    const relative = path.join(PAVED_FILES.workflows, name);
    const text = readFileSync(at(relative), 'utf8');
    const placeholder = PLACEHOLDERS.find((pattern) => pattern.test(text));
    if (placeholder) {
      findings.push({
        severity: 'error',
        subject: relative,
        message: `still holds the template placeholder ${placeholder.source.replace(/\\b|\\/g, '')}: run paved init --org <your-org>, or replace it by hand.`,
      });
      continue;
    }
    attempt(
      findings,
      relative,
      () => loadWorkflow(at(relative)),
      (workflow) => `valid workflow; jobs: ${Object.keys(workflow.jobs).join(', ')}`,
    );
  }
  if (workflows.length === 0) {
    findings.push({ severity: 'warning', subject: PAVED_FILES.workflows, message: 'no workflows: run paved init.' });
  }
  return { findings, config, slo };
}
