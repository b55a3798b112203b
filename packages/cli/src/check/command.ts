// `paved check`: the repository's Paved files, then the platforms they name.
import { runningStack } from '../stack/state.js';
import { stackVariables } from '../stack/variables.js';
import { checkRepositoryFiles, type Finding, type PavedFilePaths } from './files.js';
import { PLATFORM_CHECKS, type PlatformCheck } from './platforms.js';

export interface CheckOptions {
  workspace: string;
  /** Skip the platform checks (files only), e.g. in a build job that reaches nothing yet. */
  filesOnly?: boolean;
  /** The config, smoke checks and SLO files, relative to the workspace, when not the defaults. */
  paths?: PavedFilePaths;
  prometheusUrl?: string;
  image?: string;
  knownHosts?: string;
  /** More platform checks, e.g. the quality gate's preflight. */
  extraChecks?: PlatformCheck[];
  out: { write(text: string): unknown };
}

const MARK = { ok: '✓', warning: '!', error: '✗' } as const;

export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${MARK[f.severity]} ${f.subject}: ${f.message}`).join('\n');
}

export async function runCheck(options: CheckOptions): Promise<number> {
  const { findings, config, slo } = checkRepositoryFiles(options.workspace, options.paths);
  if (!options.filesOnly && config) {
    const stack = runningStack();
    const vars = stack ? stackVariables(stack, options.workspace) : {};
    const context = {
      config,
      slo,
      prometheusUrl: options.prometheusUrl ?? process.env.PAVED_PROMETHEUS_URL ?? vars.PAVED_PROMETHEUS_URL,
      image: options.image ?? process.env.PAVED_IMAGE ?? vars.PAVED_IMAGE,
      knownHosts: options.knownHosts ?? process.env.PAVED_KNOWN_HOSTS,
    };
    for (const check of [...PLATFORM_CHECKS, ...(options.extraChecks ?? [])]) findings.push(...(await check(context)));
  }
  options.out.write(`${formatFindings(findings)}\n`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  options.out.write(
    errors > 0
      ? `paved check: ${errors} error(s), ${warnings} warning(s): fix the errors before deploying.\n`
      : `paved check: all Paved files valid${warnings > 0 ? ` (${warnings} warning(s))` : ''}.\n`,
  );
  return errors > 0 ? 1 : 0;
}
