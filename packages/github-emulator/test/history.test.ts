import type { GitHubEmulator } from '../src/index.js';
import { HEAD_SHA, MERGE_SHA, octokitFor, PARENT_SHA, repo, startSeeded } from './helpers.js';

let gh: GitHubEmulator;
beforeEach(async () => {
  gh = await startSeeded();
});
afterEach(async () => {
  await gh.stop();
});

const line = ['1', '2', '3', '4'].map((digit) => digit.repeat(40));

function seedLine() {
  gh.seed({
    repositories: [
      {
        ...{ owner: repo.owner, name: repo.repo },
        commits: line.map((sha, index) => ({
          sha,
          message: `step ${index}`,
          author: { date: `2026-05-0${index + 1}T10:00:00Z` },
          parents: index === 0 ? [MERGE_SHA] : [line[index - 1]!],
        })),
      },
    ],
  });
}

test('compare lists the commits head has that base lacks, oldest first, within GitHub’s schema', async () => {
  seedLine();
  const { data } = await octokitFor(gh).rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${line[0]}...${line[3]}`,
  });
  expect([data.status, data.ahead_by, data.behind_by, data.total_commits]).toEqual(['ahead', 3, 0, 3]);
  expect(data.commits.map((commit) => commit.sha)).toEqual(line.slice(1));
  expect(data.commits[0]!.commit.committer?.date).toBe('2026-05-02T10:00:00Z');
  expect(data.merge_base_commit.sha).toBe(line[0]);
  expect(gh.schemaViolations).toEqual([]);
});

test('compare across a merge, reversed, identical, paginated, and unknown refs', async () => {
  seedLine();
  const octokit = octokitFor(gh);
  // MERGE_SHA has parents PARENT_SHA and HEAD_SHA: from PARENT_SHA it brings HEAD_SHA and itself.
  const merge = await octokit.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${PARENT_SHA}...${MERGE_SHA}`,
  });
  expect(merge.data.commits.map((commit) => commit.sha).sort()).toEqual([HEAD_SHA, MERGE_SHA].sort());
  const back = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${line[3]}...${line[1]}` });
  expect([back.data.status, back.data.ahead_by, back.data.behind_by]).toEqual(['behind', 0, 2]);
  const same = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `main...${MERGE_SHA}` });
  expect(same.data.status).toBe('identical');
  const page = await octokit.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${line[0]}...${line[3]}`,
    per_page: 2,
    page: 2,
  });
  expect(page.data.commits.map((commit) => commit.sha)).toEqual([line[3]]);
  expect(page.data.total_commits).toBe(3);
  expect(page.headers.link).toContain('rel="prev"');
  await expect(
    octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${line[0]}...${'9'.repeat(40)}` }),
  ).rejects.toMatchObject({ status: 404 });
  expect(gh.schemaViolations).toEqual([]);
});

test('seeded deployments keep their past times, explicit ids and statuses in order', async () => {
  gh.seed({
    repositories: [
      {
        owner: repo.owner,
        name: repo.repo,
        deployments: [
          {
            id: 900,
            sha: MERGE_SHA,
            environment: 'production',
            created_at: '2026-03-01T09:00:00Z',
            payload: { image: 'shop', digest: `sha256:${'a'.repeat(64)}`, version: 'v1' },
            statuses: [
              { state: 'in_progress', created_at: '2026-03-01T09:00:02Z' },
              { state: 'success', description: 'v1 took traffic', created_at: '2026-03-01T09:01:00Z' },
            ],
          },
        ],
      },
    ],
  });
  const octokit = octokitFor(gh);
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment: 'production' });
  expect(data.map((deployment) => [deployment.id, deployment.created_at])).toEqual([[900, '2026-03-01T09:00:00Z']]);
  const statuses = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: 900 });
  expect(statuses.data.map((status) => [status.state, status.created_at])).toEqual([
    ['success', '2026-03-01T09:01:00Z'],
    ['in_progress', '2026-03-01T09:00:02Z'],
  ]);
  // New records keep counting above the seeded ids, as GitHub's do.
  const created = await octokit.rest.repos.createDeployment({ ...repo, ref: 'main', required_contexts: [] });
  expect((created.data as { id: number }).id).toBeGreaterThan(900);
  expect(gh.schemaViolations).toEqual([]);
});

test('a fault can skip the first matching requests to land in the middle of a pagination', async () => {
  gh.faults.add({ path: '/repos/acme/shop', kind: 'status', status: 503, skip: 2, times: 1 });
  const headers = { authorization: 'Bearer anything' };
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await fetch(`${gh.url}/repos/acme/shop`, { headers })).status);
  expect(statuses).toEqual([200, 200, 503, 200]);
});
