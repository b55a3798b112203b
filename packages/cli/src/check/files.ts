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

/** Where a repository keeps its config, smoke checks and SLO file, when not where init writes them. */
export type PavedFilePaths = Partial<Pick<typeof PAVED_FILES, 'config' | 'checks' | 'slo'>>;

export function checkRepositoryFiles(workspace: string, paths: PavedFilePaths = {}): RepositoryFiles {
  const findings: Finding[] = [];
  const at = (relative: string) => path.join(workspace, relative);
  const files = { ...PAVED_FILES, ...paths };
  for (const [key, relative] of Object.entries(paths)) {
    const inside = path.relative(workspace, path.resolve(workspace, relative));
    if (inside.startsWith('..') || path.isAbsolute(inside)) {
      findings.push({
        severity: 'error',
        subject: relative,
        message: `--${key} must name a file inside the repository.`,
      });
      return { findings };
    }
  }
  let config: PavedConfig | undefined;
  if (existsSync(at(files.config))) {
    config = attempt(
      findings,
      files.config,
      () => loadPavedConfig(at(files.config), workspace)!,
      (c) => `valid; environments: ${Object.keys(c.environments).join(', ')}`,
    );
  } else {
    findings.push({ severity: 'error', subject: files.config, message: 'missing: run paved init.' });
  }
  if (existsSync(at(files.checks))) {
    attempt(
      findings,
      files.checks,
      () => parseChecks(readFileSync(at(files.checks), 'utf8'), files.checks),
      (checks) => `valid; ${checks.length} check(s)`,
    );
  } else {
    findings.push({
      severity: 'warning',
      subject: files.checks,
      message: 'missing: the smoke test has nothing to run.',
    });
  }
  let slo: SloFile | undefined;
  if (existsSync(at(files.slo))) {
    slo = attempt(
      findings,
      files.slo,
      () => readSloFile(at(files.slo), files.slo),
      (file) => `valid; objectives: ${file.objectives.map((o) => o.name).join(', ')}`,
    );
  } else {
    findings.push({
      severity: 'warning',
      subject: files.slo,
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
