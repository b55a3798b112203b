// paved/deploy-report end to end: the committed bundle, run as the runner runs it, against the
// GitHub API emulator holding a generated history with known answers.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { startArtifactService, startAzurite } from '@paved/cache-service';
import { hasStackTrace, runAction } from '@paved/test-support/harness';
import { makeWorkspace, temporaryDirectory } from '@paved/test-support/workspace';
import { generateHistory, knownAnswers, type GeneratedHistory } from '@paved/test-support/insights';

const DAY = 86_400_000;
let gh: GitHubEmulator;
let history: GeneratedHistory;

beforeAll(async () => {
  history = generateHistory({ releases: { production: 150, staging: 40 }, seed: 7 });
  gh = await startGitHubEmulator({ seed: history.seed });
});
afterAll(() => gh.stop());

function iso(ms: number) {
  return new Date(ms).toISOString().slice(0, 10);
}

it('reports the known answers in outputs, summary and files', async () => {
  // Whole days: the date range ends with the day the history ends.
  const until = Date.parse(iso(history.now)) + DAY;
  const since = until - 35 * DAY;
  const workspace = makeWorkspace();
  const run = await runAction('deploy-report', {
    inputs: { environments: 'production\nstaging', period: `${iso(since)}..${iso(until - DAY)}` },
    workspace,
    github: { apiUrl: gh.url },
  });
  expect([run.exitCode, run.annotations.filter((a) => a.level === 'error')]).toEqual([0, []]);
  const known = knownAnswers(history, 'production', since, until);
  expect(Number(run.outputs['deployment-frequency'])).toBeCloseTo(known.perDay, 10);
  expect(run.outputs['lead-time-median']).toBe(String(Math.round(known.leadMedian! / 1000)));
  expect(Number(run.outputs['change-failure-rate'])).toBeCloseTo(known.rate!, 12);
  expect(run.outputs['time-to-restore-median']).toBe(String(Math.round(known.restoreMedian! / 1000)));
  expect(JSON.parse(run.outputs.bands!)).toEqual({
    frequency: expect.stringMatching(/^(elite|high|medium|low)$/),
    'lead-time': expect.stringMatching(/^(elite|high|medium|low)$/),
    'change-failure-rate': expect.stringMatching(/^(elite|high|medium|low)$/),
    'time-to-restore': expect.stringMatching(/^(elite|high|medium|low)$/),
  });
  expect(run.outputs['report-dir']).toBe(path.join(workspace, 'paved-report'));
  for (const file of ['report.json', 'releases.csv', 'report.html', 'report.md']) {
    expect(existsSync(path.join(workspace, 'paved-report', file))).toBe(true);
  }
  const json = JSON.parse(readFileSync(run.outputs.json!, 'utf8')) as { environments: { releases: number }[] };
  expect(json.environments.map((e) => e.releases)).toEqual([
    known.releases,
    knownAnswers(history, 'staging', since, until).releases,
  ]);
  expect(readFileSync(run.outputs.csv!, 'utf8').trim().split('\r\n').length).toBeGreaterThan(known.releases);
  expect(run.summary).toContain('```mermaid\nxychart-beta');
  expect(run.summary).toContain('| Deployment frequency |');
  expect(run.summary).toContain('### staging');
  expect(run.log).toContain('No artifact uploaded: no artifact service in this run');
  expect(run.log).toMatch(/deployment frequency\s+\S+\/day/);
});

it.each([
  ['an unknown environment', { environments: 'prodution' }, "Environment 'prodution' is unknown in acme/shop"],
  ['a period that does not parse', { period: 'last month' }, "Input 'period' must be a number of days or weeks"],
])('%s ends in one clear error', async (_, inputs, message) => {
  const run = await runAction('deploy-report', { inputs, workspace: makeWorkspace(), github: { apiUrl: gh.url } });
  expect(run.exitCode).toBe(1);
  const errors = run.annotations.filter((a) => a.level === 'error');
  expect(errors.map((e) => e.message.slice(0, message.length))).toEqual([message]);
  expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  expect(run.summary).toBe('');
});

it('a repository without deployments ends in one clear error, not an empty report', async () => {
  gh.seed({ repositories: [{ owner: 'acme', name: 'new', commits: [{ sha: 'a'.repeat(40) }] }] });
  const run = await runAction('deploy-report', {
    inputs: {},
    workspace: makeWorkspace(),
    github: { apiUrl: gh.url, repository: 'acme/new' },
  });
  expect(run.exitCode).toBe(1);
  expect(run.annotations.filter((a) => a.level === 'error').map((e) => e.message)).toEqual([
    expect.stringMatching(/^acme\/new has no deployments recorded, so there is nothing to report/),
  ]);
});

it("uploads the report files as one artifact through the runner's artifact service", async () => {
  const azurite = await startAzurite();
  try {
    const service = await startArtifactService({
      blobEndpoint: azurite.blobEndpoint,
      account: azurite.account,
      accountKey: azurite.key,
    });
    try {
      const run = await runAction('deploy-report', {
        inputs: { period: '400d', 'artifact-name': 'weekly-report' },
        workspace: makeWorkspace(),
        github: { apiUrl: gh.url },
        env: { ACTIONS_RESULTS_URL: service.url, ACTIONS_RUNTIME_TOKEN: service.token },
      });
      expect([run.exitCode, run.annotations.filter((a) => a.level === 'error')]).toEqual([0, []]);
      expect(run.log).toContain("Uploaded the report as artifact 'weekly-report'");
      expect(service.artifacts()).toEqual([
        expect.objectContaining({ name: 'weekly-report', finalized: true, hash: expect.stringMatching(/^sha256:/) }),
      ]);
      const zip = path.join(temporaryDirectory('paved-artifact-'), 'weekly-report.zip');
      writeFileSync(zip, await service.download('weekly-report'));
      const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
      expect(listing).toEqual(['releases.csv', 'report.html', 'report.json', 'report.md']);
    } finally {
      await service.close();
    }
  } finally {
    await azurite.close();
  }
});
