import type { GitHubEmulator } from '../src/index.js';
import { octokitFor, repo, startSeeded, statusOf } from './helpers.js';

let gh: GitHubEmulator;
beforeAll(async () => {
  gh = await startSeeded({ tokens: { 'good-token': 'ada' } });
});
afterAll(async () => {
  await gh.stop();
});

test('401 without a token, 401 Bad credentials with an unknown one', async () => {
  const anonymous = await statusOf(octokitFor(gh, { auth: undefined }).rest.repos.get({ ...repo }));
  expect(anonymous.status).toBe(401);
  expect(anonymous.response?.data).toEqual({
    message: 'Requires authentication',
    documentation_url: 'https://docs.github.com/rest',
    status: '401',
  });
  const wrong = await statusOf(octokitFor(gh, { auth: 'other' }).rest.repos.get({ ...repo }));
  expect(wrong.status).toBe(401);
  expect(wrong.message).toContain('Bad credentials');
});

test('the configured login becomes the creator', async () => {
  const { data } = await octokitFor(gh, { auth: 'good-token' }).rest.issues.create({ ...repo, title: 'Hello' });
  expect(data.user?.login).toBe('ada');
});

test('GraphQL tells each token its login as `viewer`, and answers nothing else', async () => {
  const octokit = octokitFor(gh, { auth: 'good-token' });
  expect(await octokit.graphql('query { viewer { login } }')).toEqual({ viewer: { login: 'ada' } });
  await expect(octokit.graphql('query { repository(owner: "a", name: "b") { id } }')).rejects.toThrow(
    /answers only `query \{ viewer \{ login \} \}`/,
  );
  const anonymous = await statusOf(octokitFor(gh, { auth: 'other' }).graphql('query { viewer { login } }'));
  expect(anonymous.status).toBe(401);
});

test("422 in GitHub's shape for a missing ref and a wrongly typed field", async () => {
  const octokit = octokitFor(gh, { auth: 'good-token' });
  const missing = await statusOf(octokit.request('POST /repos/{owner}/{repo}/deployments', { ...repo } as never));
  expect(missing.status).toBe(422);
  expect(missing.response?.data).toEqual({
    message: 'Invalid request.\n\n"ref" wasn\'t supplied.',
    documentation_url: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
    status: '422',
    errors: [{ field: 'ref', code: 'missing_field', message: "must have required property 'ref'" }],
  });
  const typed = await statusOf(
    octokit.request('POST /repos/{owner}/{repo}/deployments', { ...repo, ref: 'main', auto_merge: 'yes' } as never),
  );
  expect(typed.status).toBe(422);
  expect(typed.response?.data).toMatchObject({ errors: [{ field: 'auto_merge', code: 'invalid' }] });
});

test('404 for unknown routes, repositories and ids', async () => {
  const octokit = octokitFor(gh, { auth: 'good-token' });
  const route = await statusOf(octokit.request('GET /repos/{owner}/{repo}/nothing-here', { ...repo }));
  expect(route.status).toBe(404);
  expect(route.response?.data).toMatchObject({ message: 'Not Found', status: '404' });
  expect((await statusOf(octokit.rest.repos.get({ owner: 'acme', repo: 'missing' }))).status).toBe(404);
  expect((await statusOf(octokit.rest.repos.getDeployment({ ...repo, deployment_id: 999 }))).status).toBe(404);
});
