// The three ways a report could come out empty, each refused with one clear message instead of a
// report that looks like perfect health.
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { UserError } from '@paved/core/action';
import { createGitHubClient } from '@paved/core/github';
import { buildInsightsReport, githubLedgerSource, reportMarkdown } from '@paved/core/insights';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30);
let emulator: GitHubEmulator;

beforeAll(async () => {
  emulator = await startGitHubEmulator({
    seed: {
      repositories: [
        { owner: 'acme', name: 'empty', commits: [{ sha: 'a'.repeat(40) }] },
        {
          owner: 'acme',
          name: 'shop',
          commits: [{ sha: 'b'.repeat(40) }],
          environments: ['qa'],
          deployments: [
            {
              sha: 'b'.repeat(40),
              environment: 'production',
              created_at: new Date(NOW - 2 * DAY).toISOString(),
              payload: { image: 'shop', digest: `sha256:${'c'.repeat(64)}`, version: 'v1' },
              statuses: [{ state: 'success', created_at: new Date(NOW - 2 * DAY + 60_000).toISOString() }],
            },
          ],
        },
      ],
    },
  });
});
afterAll(() => emulator.stop());

function report(repository: string, environment: string) {
  const github = createGitHubClient({ token: 't', apiUrl: emulator.url, repository, throttle: false });
  return buildInsightsReport({
    source: githubLedgerSource(github),
    environments: [environment],
    window: { since: NOW - 30 * DAY, until: NOW, text: '30d' },
  });
}

it('a repository without deployments', async () => {
  const error = await report('acme/empty', 'production').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  expect((error as Error).message).toBe(
    'acme/empty has no deployments recorded, so there is nothing to report (an empty report would look like perfect ' +
      'health). Deploy with paved/deploy, which records every release, then run the report again.',
  );
});

it('an unknown environment, with the known ones', async () => {
  await expect(report('acme/shop', 'prodution')).rejects.toThrow(
    "Environment 'prodution' is unknown in acme/shop: it has no deployments and no such environment exists. " +
      "Known environments: production, qa. Check 'environments' for a typo.",
  );
});

it('an environment that exists but has never been deployed to', async () => {
  await expect(report('acme/shop', 'qa')).rejects.toThrow(
    "Environment 'qa' of acme/shop has no deployments recorded, so there is nothing to report for it. " +
      'Environments with deployments: production, qa.',
  );
});

it('a period with no release is reported as such, not as health', async () => {
  const github = createGitHubClient({ token: 't', apiUrl: emulator.url, repository: 'acme/shop', throttle: false });
  const result = await buildInsightsReport({
    source: githubLedgerSource(github),
    environments: ['production'],
    window: { since: NOW - 400 * DAY, until: NOW - 300 * DAY, text: '2025-10-26..2026-02-03' },
  });
  const [production] = result.environments;
  expect(production!.releases).toBe(0);
  expect(production!.frequency.band).toBe('low');
  expect([production!.changeFailure.rate, production!.changeFailure.band]).toEqual([undefined, undefined]);
  expect([production!.restore.band, production!.leadTime.band]).toEqual([undefined, undefined]);
  expect(production!.latestDeployAt).toBe(new Date(NOW - 2 * DAY).toISOString());
  expect(reportMarkdown(result)).toContain(
    `**No release of production in this period (the newest deploy was on ${new Date(NOW - 2 * DAY).toISOString().slice(0, 10)}): only the deployment frequency can be rated.**`,
  );
});
