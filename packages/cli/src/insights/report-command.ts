import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeFailure } from '@paved/core/action';
import { createGitHubClient } from '@paved/core/github';
import {
  buildInsightsReport,
  githubLedgerSource,
  parsePeriod,
  reportCsv,
  reportHtml,
  reportMarkdown,
  reportText,
  writeReportFiles,
  type InsightsReport,
} from '@paved/core/insights';
import { gitTopLevel, readGitFacts } from '../context/git.js';
import { startLocalApi, type LocalApi } from '../local-api.js';
import { LOCAL_TOKEN } from '../run-paved.js';

export const REPORT_FORMATS = ['text', 'markdown', 'json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface PavedReportOptions {
  environments: string[];
  period?: string;
  format: ReportFormat;
  /** Also write report.json, releases.csv, report.html and report.md here. */
  outDir?: string;
  workspace?: string;
  repository?: string;
  /** Report on this GitHub API (token from GITHUB_TOKEN or GH_TOKEN) instead of the local ledger. */
  githubApiUrl?: string;
  /** The local ledger `paved run` keeps; default <workspace>/.paved/github-state.json. */
  stateFile?: string;
  out?: { write(text: string): unknown };
  err?: { write(text: string): unknown };
  env?: NodeJS.ProcessEnv;
}

export interface PavedReportResult {
  exitCode: 0 | 1;
  report?: InsightsReport;
}

function render(report: InsightsReport, format: ReportFormat): string {
  switch (format) {
    case 'markdown':
      return reportMarkdown(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return reportCsv(report);
    case 'html':
      return reportHtml(report);
    default:
      return reportText(report);
  }
}

/**
 * `paved report`: the deploy-report action's figures on this machine, from the ledger `paved run`
 * recorded (the local emulator's state) or from a GitHub API given with --github-api-url.
 */
export async function runReport(options: PavedReportOptions): Promise<PavedReportResult> {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const env = options.env ?? process.env;
  const workspace = path.resolve(options.workspace ?? gitTopLevel(process.cwd()) ?? process.cwd());
  let api: LocalApi | undefined;
  try {
    const period = parsePeriod(options.period, '--period');
    const repository =
      options.repository ?? readGitFacts(workspace).remoteRepository ?? `local/${path.basename(workspace)}`;
    let token = LOCAL_TOKEN;
    if (options.githubApiUrl) {
      token = env.GITHUB_TOKEN || env.GH_TOKEN || '';
      if (!token) throw new Error('--github-api-url needs a token in GITHUB_TOKEN or GH_TOKEN (deployments: read).');
    } else {
      const stateFile = options.stateFile ?? path.join(workspace, '.paved', 'github-state.json');
      if (!existsSync(stateFile)) {
        throw new Error(
          `No local deployment ledger at ${stateFile}: deploy with 'paved run' first, or report on GitHub with ` +
            '--github-api-url https://api.github.com and a token in GITHUB_TOKEN.',
        );
      }
    }
    api = await startLocalApi({
      url: options.githubApiUrl,
      stateFile: options.stateFile ?? path.join(workspace, '.paved', 'github-state.json'),
    });
    const github = createGitHubClient({ token, apiUrl: api.url, repository, throttle: Boolean(options.githubApiUrl) });
    const report = await buildInsightsReport({
      source: githubLedgerSource(github, {
        onRetry: (what, error) => err.write(`retrying ${what}: ${error.message}\n`),
      }),
      environments: options.environments.length > 0 ? options.environments : ['production'],
      window: period,
      log: { info: () => {}, warning: (message) => err.write(`warning: ${message}\n`) },
    });
    out.write(render(report, options.format));
    if (options.outDir) {
      const files = writeReportFiles(report, path.resolve(options.outDir));
      err.write(`Wrote ${files.html}, ${files.json}, ${files.csv} and ${files.markdown}\n`);
    }
    return { exitCode: 0, report };
  } catch (error) {
    err.write(`paved report: ${describeFailure(error).replace(/^Unexpected error: /, '')}\n`);
    return { exitCode: 1 };
  } finally {
    await api?.stop();
  }
}
