import type { GitHubEmulator } from '../src/index.js';
import { MERGE_SHA, octokitFor, repo, startSeeded, statusOf } from './helpers.js';

let gh: GitHubEmulator;
beforeEach(async () => {
  gh = await startSeeded();
});
afterEach(async () => {
  await gh.stop();
});

test('a seeded run answers as GitHub does (schema-checked), and seeding it again finishes it', async () => {
  const octokit = octokitFor(gh);
  gh.seed({ repositories: [{ owner: 'acme', name: 'shop', workflow_runs: [{ id: 4242, status: 'in_progress' }] }] });
  const { data } = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 4242 });
  expect(data).toMatchObject({
    id: 4242,
    status: 'in_progress',
    conclusion: null,
    head_sha: MERGE_SHA,
    head_branch: 'main',
    run_attempt: 1,
    repository: { full_name: 'acme/shop' },
    head_commit: { id: MERGE_SHA, message: 'Merge pull request #7' },
  });
  expect(data.url).toBe(`${gh.url}/repos/acme/shop/actions/runs/4242`);

  gh.seed({
    repositories: [
      { owner: 'acme', name: 'shop', workflow_runs: [{ id: 4242, status: 'completed', conclusion: 'cancelled' }] },
    ],
  });
  const finished = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 4242 });
  expect(finished.data).toMatchObject({
    id: 4242,
    status: 'completed',
    conclusion: 'cancelled',
    created_at: data.created_at,
  });
  expect(gh.schemaViolations).toEqual([]);
});

test('an unknown run is 404 with the documentation URL', async () => {
  const error = await statusOf(octokitFor(gh).rest.actions.getWorkflowRun({ ...repo, run_id: 99 }));
  expect(error.status).toBe(404);
  expect((error.response?.data as { documentation_url?: string }).documentation_url).toMatch(/get-a-workflow-run$/);
});
