// The report against the GitHub API emulator holding months of generated releases (several
// list pages per environment), with faults injected in the middle of the pagination and a
// deployment recorded while the pages are being read. Every figure must equal the generator's
// known answer exactly.
import { allHandlers, startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { createGitHubClient } from '@paved/core/github';
import {
  buildInsightsReport,
  githubLedgerSource,
  type EnvironmentReport,
  type InsightsReport,
} from '@paved/core/insights';
import { generateHistory, knownAnswers, OWNER, REPO, type GeneratedHistory } from '@paved/test-support/insights';

const DAY = 86_400_000;
const silent = { info: () => {}, warning: () => {} };

let emulator: GitHubEmulator;
let history: GeneratedHistory;
let since: number;
let until: number;
let report: InsightsReport;
let listRequests = 0;
let insertedDuringRead = 0;

function source() {
  const github = createGitHubClient({
    token: 'test-token',
    apiUrl: emulator.url,
    repository: `${OWNER}/${REPO}`,
    throttle: false,
  });
  return githubLedgerSource(github, { baseDelayMs: 20 });
}

beforeAll(async () => {
  history = generateHistory({ releases: { production: 460, staging: 140 }, seed: 42 });
  until = history.now;
  since = until - 120 * DAY;
  emulator = await startGitHubEmulator({
    seed: history.seed,
    handlerOverrides: {
      // A deploy recorded between page 2 and page 3: every later page shifts by one, and the
      // reader sees one deployment twice. It lands after the period, so no figure may change.
      'repos/list-deployments': (ctx) => {
        if (ctx.query.environment === 'production' && ctx.query.page === 3 && insertedDuringRead === 0) {
          insertedDuringRead += 1;
          emulator.seed({
            repositories: [
              {
                owner: OWNER,
                name: REPO,
                deployments: [
                  {
                    sha: history.model.at(-1)!.sha,
                    environment: 'production',
                    created_at: new Date(until + DAY).toISOString(),
                    payload: { image: 'x', digest: `sha256:${'e'.repeat(64)}`, version: 'v-later' },
                    statuses: [{ state: 'success', created_at: new Date(until + DAY + 60_000).toISOString() }],
                  },
                ],
              },
            ],
          });
        }
        listRequests += 1;
        return allHandlers['repos/list-deployments']!(ctx);
      },
    },
  });
  const deployments = `/repos/${OWNER}/${REPO}/deployments`;
  // Mid-pagination: page 3 of production answers 502 twice, page 4 hits a secondary rate limit,
  // a statuses read is dropped without an answer, a comparison gets 429 and another 500.
  emulator.faults.add({ path: deployments, kind: 'status', status: 502, skip: 2, times: 2 });
  emulator.faults.add({ path: deployments, kind: 'secondary-rate-limit', retryAfter: 1, skip: 3, times: 1 });
  emulator.faults.add({ path: `${deployments}/*/statuses`, kind: 'drop', skip: 150, times: 1 });
  emulator.faults.add({ path: `${deployments}/*/statuses`, kind: 'status', status: 503, skip: 400, times: 3 });
  emulator.faults.add({
    path: `/repos/${OWNER}/${REPO}/compare/*`,
    kind: 'too-many-requests',
    retryAfter: 1,
    skip: 40,
    times: 1,
  });
  emulator.faults.add({ path: `/repos/${OWNER}/${REPO}/compare/*`, kind: 'status', status: 500, skip: 90, times: 1 });
  report = await buildInsightsReport({
    source: source(),
    environments: ['production', 'staging'],
    window: { since, until, text: '120d' },
    log: silent,
  });
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
});

function environment(name: string): EnvironmentReport {
  return report.environments.find((e) => e.environment === name)!;
}

describe.each(['production', 'staging'])('the report of %s equals the known answers', (name) => {
  const known = () => knownAnswers(history, name, since, until);

  it('counts releases, unfinished ones and rollbacks', () => {
    const env = environment(name);
    expect([env.releases, env.unfinished, env.rollbacks]).toEqual([
      known().releases,
      known().unfinished,
      known().rollbacks,
    ]);
  });

  it('deployment frequency', () => {
    const env = environment(name);
    expect(env.frequency.live).toBe(known().live);
    expect(env.frequency.perDay).toBeCloseTo(known().perDay, 12);
    expect(env.frequency.perWeek).toBeCloseTo(known().perDay * 7, 12);
  });

  it('lead time for changes: every commit, median and p90', () => {
    const env = environment(name);
    expect([env.leadTime.count, env.leadTime.medianMs, env.leadTime.p90Ms]).toEqual([
      known().leadCount,
      known().leadMedian,
      known().leadP90,
    ]);
  });

  it('change failure rate from the records’ links', () => {
    const env = environment(name);
    expect(env.changeFailure.failed).toBe(known().failed);
    expect(env.changeFailure.rate).toBe(known().rate);
  });

  it('time to restore: median, p90, unrestored and never live', () => {
    const env = environment(name);
    expect([
      env.restore.count,
      env.restore.medianMs,
      env.restore.p90Ms,
      env.restore.unrestored,
      env.restore.neverLive,
    ]).toEqual([
      known().restoreCount,
      known().restoreMedian,
      known().restoreP90,
      known().unrestored,
      known().neverLive,
    ]);
  });

  it('gate verdicts and the objectives that fail most', () => {
    const env = environment(name);
    expect(env.gate.verdicts).toEqual(known().verdicts);
    expect(env.gate.inconclusiveShare).toBe(known().verdicts.inconclusive / env.gate.total);
    expect(
      Object.fromEntries(env.gate.objectives.map((o) => [o.name, { failed: o.failed, unjudged: o.unjudged }])),
    ).toEqual(known().objectives);
    const failed = env.gate.objectives.map((o) => o.failed);
    expect(failed).toEqual([...failed].sort((a, b) => b - a));
  });

  it('releases per week', () => {
    const env = environment(name);
    expect(
      Object.fromEntries(
        env.weeks.map((w) => [w.week, { releases: w.releases, failed: w.failed, rollbacks: w.rollbacks }]),
      ),
    ).toEqual(known().weeks);
  });
});

describe('reading the ledger', () => {
  it('holds a history of several months and more than three pages per environment read', () => {
    const production = history.model.filter((r) => r.environment === 'production');
    expect(production.length).toBeGreaterThan(400);
    expect((history.now - production[0]!.createdAt) / DAY).toBeGreaterThan(150);
    expect(environment('production').releases).toBeGreaterThan(300);
    // Production alone spans more than three pages of 100; staging adds at least one.
    expect(report.api.pages).toBeGreaterThanOrEqual(5);
    expect(environment('production').rows.length).toBeGreaterThan(300);
  });

  it('went through every injected fault, retried, and still lost and double-counted nothing', () => {
    expect(emulator.faults.list().map((fault) => [fault.spec.kind, fault.hits])).toEqual([
      ['status', 2],
      ['secondary-rate-limit', 1],
      ['drop', 1],
      ['status', 3],
      ['too-many-requests', 1],
      ['status', 1],
    ]);
    // One retry layer: every faulted request was asked again, and counted.
    expect(report.api.retries).toBe(9);
    expect(insertedDuringRead).toBe(1);
    const ids = report.environments.flatMap((e) => e.rows.map((row) => row.deploymentId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('counts the malformed record and the deployment that is not Paved’s, and says so', () => {
    expect(report.ignored).toEqual({ malformed: history.malformed, notPaved: history.notPaved });
    expect(report.warnings.join('\n')).toMatch(/payload\.digest is not sha256/);
  });

  it('stops reading once past the period and the release before it', () => {
    const production = history.model.filter((r) => r.environment === 'production').length;
    expect(listRequests).toBeLessThan(Math.ceil(production / 100) + 2 + 2);
  });

  it('answers only what GitHub’s schema allows', () => {
    expect(emulator.schemaViolations).toEqual([]);
  });
});
