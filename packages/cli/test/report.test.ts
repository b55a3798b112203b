// `paved report` against the GitHub API emulator and against the local ledger file paved run keeps.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { parseCommand, UsageError } from '../src/args.js';
import { runReport, type PavedReportOptions } from '../src/insights/report-command.js';
import { generateHistory, knownAnswers, type GeneratedHistory } from '@paved/test-support/insights';
import { temporaryDirectory } from '@paved/test-support/workspace';

const DAY = 86_400_000;
let gh: GitHubEmulator;
let history: GeneratedHistory;

beforeAll(async () => {
  history = generateHistory({ releases: { production: 120 }, seed: 3 });
  gh = await startGitHubEmulator({ seed: history.seed });
});
afterAll(() => gh.stop());

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function report(options: Partial<PavedReportOptions>) {
  let out = '';
  let err = '';
  const result = await runReport({
    environments: [],
    format: 'text',
    repository: 'acme/shop',
    workspace: temporaryDirectory('paved-report-'),
    out: { write: (text: string) => (out += text) },
    err: { write: (text: string) => (err += text) },
    env: { GITHUB_TOKEN: 'local' },
    ...options,
  });
  return { ...result, out, err };
}

it('parses its options and refuses bad ones as usage errors', () => {
  expect(parseCommand(['report', '-E', 'production,staging', '--period', '12w', '-f', 'json', '-o', 'out'])).toEqual({
    kind: 'report',
    options: expect.objectContaining({
      environments: ['production', 'staging'],
      period: '12w',
      format: 'json',
      outDir: 'out',
    }),
  });
  expect(() => parseCommand(['report', '--format', 'pdf'])).toThrow(UsageError);
  expect(() => parseCommand(['report', '-E', 'prod uction'])).toThrow('--environment expects an environment name');
  expect(() => parseCommand(['report', 'extra'])).toThrow('paved report takes no arguments');
});

it('prints the four keys and writes the files', async () => {
  const until = Date.parse(day(history.now)) + DAY;
  const since = until - 28 * DAY;
  const outDir = temporaryDirectory('paved-report-out-');
  const run = await report({ githubApiUrl: gh.url, period: `${day(since)}..${day(until - DAY)}`, outDir });
  expect(run.exitCode).toBe(0);
  const known = knownAnswers(history, 'production', since, until);
  expect(run.report!.environments[0]!.releases).toBe(known.releases);
  expect(run.report!.environments[0]!.leadTime.medianMs).toBe(known.leadMedian);
  expect(run.out).toMatch(/^Deployment insights for acme\/shop/);
  expect(run.out).toMatch(/change failure rate\s+\d+\.\d%/);
  for (const file of ['report.html', 'report.json', 'releases.csv', 'report.md'])
    expect(existsSync(path.join(outDir, file))).toBe(true);
});

it('prints JSON for scripts', async () => {
  const run = await report({ githubApiUrl: gh.url, period: '400d', format: 'json' });
  expect(JSON.parse(run.out)).toMatchObject({ repository: 'acme/shop', environments: [{ environment: 'production' }] });
});

it('reads the ledger paved run keeps when no API is given', async () => {
  const workspace = temporaryDirectory('paved-report-ws-');
  gh.save();
  const state = gh.state.state;
  const file = path.join(workspace, 'ledger.json');
  writeFileSync(file, JSON.stringify(state));
  const run = await report({ workspace, stateFile: file, period: '400d', format: 'markdown' });
  expect(run.exitCode).toBe(0);
  expect(run.out).toContain('## Deployment insights: acme/shop');
  const known = knownAnswers(history, 'production', Date.now() - 400 * DAY, Date.now());
  expect(run.report!.environments[0]!.releases).toBe(known.releases);
  expect(run.report!.environments[0]!.changeFailure.failed).toBe(known.failed);
});

it.each([
  [{ period: 'soon' }, 'paved report: --period must be a number of days or weeks such as 30d or 12w'],
  [{ environments: ['prodution'] }, "paved report: Environment 'prodution' is unknown in acme/shop"],
  [{ repository: 'acme/none' }, 'paved report: GitHub has no repository acme/none that this token can see'],
])('%j ends with one clear message and exit 1', async (options, message) => {
  const run = await report({ githubApiUrl: gh.url, ...options });
  expect(run.exitCode).toBe(1);
  expect(run.err.startsWith(message)).toBe(true);
  expect(run.out).toBe('');
});

it('without a local ledger says how to get one', async () => {
  const run = await report({});
  expect(run.exitCode).toBe(1);
  expect(run.err).toMatch(
    /^paved report: No local deployment ledger at .*github-state\.json: deploy with 'paved run' first/,
  );
});
