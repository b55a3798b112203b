import type { GitHubEmulator } from '../src/index.js';
import { HEAD_SHA, MERGE_SHA, PARENT_SHA, octokitFor, repo, startSeeded } from './helpers.js';

let gh: GitHubEmulator;
beforeAll(async () => {
  gh = await startSeeded();
});
afterAll(async () => {
  await gh.stop();
});

test('issues: create with labels, filter by state and labels, update, comment', async () => {
  const octokit = octokitFor(gh);
  const { data: incident } = await octokit.rest.issues.create({
    ...repo,
    title: 'Deployment 12 failed its gate',
    body: 'error rate 5%',
    labels: ['incident', 'paved'],
  });
  const { data: chore } = await octokit.rest.issues.create({ ...repo, title: 'Tidy up', labels: ['chore'] });
  expect(incident.number).toBe(8); // pull request #7 was seeded; issues and pulls share numbers
  expect(incident.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual([
    'incident',
    'paved',
  ]);
  expect(incident.user?.login).toBe('github-actions[bot]');

  const incidents = await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...repo,
    labels: 'incident',
    state: 'open',
  });
  expect(incidents.map((issue) => issue.number)).toEqual([incident.number]);

  const { data: closed } = await octokit.rest.issues.update({
    ...repo,
    issue_number: incident.number,
    state: 'closed',
  });
  expect(closed).toMatchObject({ state: 'closed', state_reason: 'completed' });
  expect(closed.closed_at).not.toBeNull();
  expect((await octokit.rest.issues.listForRepo({ ...repo })).data.map((issue) => issue.number)).toEqual([
    chore.number,
  ]);
  expect((await octokit.rest.issues.listForRepo({ ...repo, state: 'all' })).data).toHaveLength(2);

  const { data: comment } = await octokit.rest.issues.createComment({
    ...repo,
    issue_number: incident.number,
    body: 'Rolled back.',
  });
  const { data: edited } = await octokit.rest.issues.updateComment({
    ...repo,
    comment_id: comment.id,
    body: 'Rolled back to 11.',
  });
  expect(edited.body).toBe('Rolled back to 11.');
  expect((await octokit.rest.issues.getComment({ ...repo, comment_id: comment.id })).data.body).toBe(
    'Rolled back to 11.',
  );
  const { data: comments } = await octokit.rest.issues.listComments({ ...repo, issue_number: incident.number });
  expect(comments.map((item) => item.id)).toEqual([comment.id]);
  expect((await octokit.rest.issues.get({ ...repo, issue_number: incident.number })).data.comments).toBe(1);
});

test('pull requests: comments on a pull request number, pulls for a commit, get and list', async () => {
  const octokit = octokitFor(gh);
  const { data: comment } = await octokit.rest.issues.createComment({
    ...repo,
    issue_number: 7,
    body: 'Deployed to staging',
  });
  expect(comment.html_url).toBe(`${gh.url}/acme/shop/pull/7#issuecomment-${comment.id}`);

  for (const sha of [HEAD_SHA, MERGE_SHA]) {
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
    expect(data.map((pull) => pull.number)).toEqual([7]);
  }
  expect(
    (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: PARENT_SHA })).data,
  ).toEqual([]);

  const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: 7 });
  expect(pull).toMatchObject({
    merged: true,
    merge_commit_sha: MERGE_SHA,
    head: { sha: HEAD_SHA, ref: 'feature' },
    user: { login: 'ada' },
  });
  expect((await octokit.rest.pulls.list({ ...repo })).data).toEqual([]);
  expect((await octokit.rest.pulls.list({ ...repo, state: 'closed' })).data.map((item) => item.number)).toEqual([7]);
});

test('repository and commits by branch, tag and sha', async () => {
  const octokit = octokitFor(gh);
  const { data: repository } = await octokit.rest.repos.get({ ...repo });
  expect(repository).toMatchObject({ full_name: 'acme/shop', default_branch: 'main', private: false });
  expect(
    (await octokit.rest.repos.getCommit({ ...repo, ref: 'main' })).data.parents.map((parent) => parent.sha),
  ).toEqual([PARENT_SHA, HEAD_SHA]);
  expect((await octokit.rest.repos.getCommit({ ...repo, ref: 'v1.0.0' })).data.commit.message).toBe('Initial commit');
  const { data: byShortSha } = await octokit.rest.repos.getCommit({ ...repo, ref: HEAD_SHA.slice(0, 7) });
  expect(byShortSha.sha).toBe(HEAD_SHA);
});
