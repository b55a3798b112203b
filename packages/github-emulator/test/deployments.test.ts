import type { GitHubEmulator } from '../src/index.js';
import { HEAD_SHA, MERGE_SHA, octokitFor, repo, startSeeded, statusOf } from './helpers.js';

let gh: GitHubEmulator;
beforeEach(async () => {
  gh = await startSeeded();
});
afterEach(async () => {
  await gh.stop();
});

test('creates a deployment for a branch with payload, defaults and a creator', async () => {
  const octokit = octokitFor(gh);
  const { data, status } = await octokit.rest.repos.createDeployment({
    ...repo,
    ref: 'main',
    environment: 'staging',
    auto_merge: false,
    required_contexts: [],
    payload: JSON.stringify({ image: 'shop', digest: 'sha256:1', previous_deployment_id: null }),
    description: 'Deploy shop',
  });
  expect(status).toBe(201);
  if (!('id' in data)) throw new Error('expected a deployment');
  expect(data).toMatchObject({
    sha: MERGE_SHA,
    ref: 'main',
    task: 'deploy',
    environment: 'staging',
    production_environment: false,
    transient_environment: false,
    payload: { image: 'shop', digest: 'sha256:1', previous_deployment_id: null },
    creator: { login: 'github-actions[bot]', type: 'Bot' },
  });
  expect(data.url).toBe(`${gh.url}/repos/acme/shop/deployments/${data.id}`);
  expect(data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const fetched = await octokit.rest.repos.getDeployment({ ...repo, deployment_id: data.id });
  expect(fetched.data.id).toBe(data.id);
});

test('production is the default environment and is marked as production', async () => {
  const { data } = await octokitFor(gh).rest.repos.createDeployment({ ...repo, ref: 'feature', required_contexts: [] });
  expect(data).toMatchObject({ environment: 'production', production_environment: true, sha: HEAD_SHA });
});

test('an unknown ref is refused with 422', async () => {
  const error = await statusOf(octokitFor(gh).rest.repos.createDeployment({ ...repo, ref: 'no-such-branch' }));
  expect(error.status).toBe(422);
  expect(error.message).toContain('No ref found for: no-such-branch');
});

test('required contexts: empty list passes, unmet contexts answer 409, seeded success passes', async () => {
  const octokit = octokitFor(gh);
  await expect(
    octokit.rest.repos.createDeployment({ ...repo, ref: 'main', required_contexts: [] }),
  ).resolves.toBeDefined();
  const error = await statusOf(
    octokit.rest.repos.createDeployment({ ...repo, ref: 'main', required_contexts: ['ci/test'] }),
  );
  expect(error.status).toBe(409);
  expect(error.response?.data).toMatchObject({
    message: 'Conflict: Commit status checks failed for main.',
    errors: [
      {
        resource: 'Deployment',
        field: 'required_contexts',
        code: 'invalid',
        contexts: [{ context: 'ci/test', state: 'missing' }],
      },
    ],
  });
  gh.seed({
    repositories: [
      { owner: 'acme', name: 'shop', statuses: [{ sha: MERGE_SHA, context: 'ci/test', state: 'success' }] },
    ],
  });
  const { status } = await octokit.rest.repos.createDeployment({
    ...repo,
    ref: 'main',
    required_contexts: ['ci/test'],
  });
  expect(status).toBe(201);
});

test('lists newest first with environment/ref/sha/task filters and full pagination', async () => {
  const octokit = octokitFor(gh);
  const created: number[] = [];
  for (let index = 0; index < 35; index += 1) {
    const { data } = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: index % 2 === 0 ? 'main' : 'feature',
      environment: index % 5 === 0 ? 'production' : 'staging',
      task: index === 3 ? 'deploy:migrations' : 'deploy',
      required_contexts: [],
    });
    if ('id' in data) created.push(data.id);
  }
  const firstPage = await octokit.rest.repos.listDeployments({ ...repo, per_page: 10 });
  expect(firstPage.data.map((deployment) => deployment.id)).toEqual([...created].reverse().slice(0, 10));
  expect(firstPage.headers.link).toContain(`<${gh.url}/repos/acme/shop/deployments?per_page=10&page=2>; rel="next"`);
  expect(firstPage.headers.link).toContain('page=4>; rel="last"');

  const all = await octokit.paginate(octokit.rest.repos.listDeployments, { ...repo, per_page: 7 });
  expect(all.map((deployment) => deployment.id)).toEqual([...created].reverse());
  const defaultPage = await octokit.rest.repos.listDeployments({ ...repo });
  expect(defaultPage.data).toHaveLength(30);

  const staging = await octokit.paginate(octokit.rest.repos.listDeployments, { ...repo, environment: 'staging' });
  expect(staging).toHaveLength(28);
  const bySha = await octokit.paginate(octokit.rest.repos.listDeployments, { ...repo, sha: HEAD_SHA });
  expect(bySha).toHaveLength(17);
  const byRef = await octokit.paginate(octokit.rest.repos.listDeployments, {
    ...repo,
    ref: 'main',
    environment: 'production',
  });
  expect(byRef.every((deployment) => deployment.ref === 'main' && deployment.environment === 'production')).toBe(true);
  const byTask = await octokit.rest.repos.listDeployments({ ...repo, task: 'deploy:migrations' });
  expect(byTask.data.map((deployment) => deployment.id)).toEqual([created[3]]);
});

test('statuses: log_url fills target_url, listing is newest first, an invalid state is a 422', async () => {
  const octokit = octokitFor(gh);
  const { data: deployment } = await octokit.rest.repos.createDeployment({
    ...repo,
    ref: 'main',
    environment: 'qa',
    required_contexts: [],
  });
  if (!('id' in deployment)) throw new Error('expected a deployment');
  await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: deployment.id, state: 'in_progress' });
  const { data: success } = await octokit.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: deployment.id,
    state: 'success',
    log_url: 'https://ci.example/run/1',
    environment_url: 'https://qa.example',
  });
  expect(success).toMatchObject({
    state: 'success',
    target_url: 'https://ci.example/run/1',
    environment_url: 'https://qa.example',
    environment: 'qa',
  });
  const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id });
  expect(statuses.map((status) => status.state)).toEqual(['success', 'in_progress']);

  const error = await statusOf(
    octokit.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      ...repo,
      deployment_id: deployment.id,
      state: 'done' as 'success',
    }),
  );
  expect(error.status).toBe(422);
  expect(error.response?.data).toMatchObject({
    message: expect.stringContaining('"done" is not a member of'),
    documentation_url: 'https://docs.github.com/rest/deployments/statuses#create-a-deployment-status',
    status: '422',
    errors: [expect.objectContaining({ field: 'state', code: 'invalid' })],
  });
});

test('auto_inactive inactivates prior successful non-production, non-transient deployments of the environment', async () => {
  const octokit = octokitFor(gh);
  const deploy = async (
    environment: string,
    extra: { transient_environment?: boolean; production_environment?: boolean } = {},
  ) => {
    const { data } = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment,
      required_contexts: [],
      ...extra,
    });
    if (!('id' in data)) throw new Error('expected a deployment');
    return data.id;
  };
  const succeed = (deployment_id: number, auto_inactive?: boolean) =>
    octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id, state: 'success', auto_inactive });
  const latestState = async (deployment_id: number) =>
    (await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id, per_page: 1 })).data[0]?.state;

  const oldGood = await deploy('staging');
  await succeed(oldGood);
  const oldFailed = await deploy('staging');
  await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: oldFailed, state: 'failure' });
  const transient = await deploy('staging', { transient_environment: true });
  await succeed(transient);
  const explicitProduction = await deploy('staging', { production_environment: true });
  await succeed(explicitProduction);
  const otherEnvironment = await deploy('qa');
  await succeed(otherEnvironment);

  const current = await deploy('staging');
  await succeed(current);
  expect(await latestState(oldGood)).toBe('inactive');
  expect(await latestState(oldFailed)).toBe('failure');
  expect(await latestState(transient)).toBe('success');
  expect(await latestState(explicitProduction)).toBe('success');
  expect(await latestState(otherEnvironment)).toBe('success');
  expect(await latestState(current)).toBe('success');

  const next = await deploy('staging');
  await succeed(next, false);
  expect(await latestState(current)).toBe('success');
});

test('delete: an active deployment only when it is the only one in its environment', async () => {
  const octokit = octokitFor(gh);
  const create = async () => {
    const { data } = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment: 'production',
      required_contexts: [],
    });
    if (!('id' in data)) throw new Error('expected a deployment');
    return data.id;
  };
  const first = await create();
  await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: first, state: 'success' });
  const second = await create();
  await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: second, state: 'success' });

  // Production deployments are not auto-inactivated, so `first` is still active.
  const error = await statusOf(octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: first }));
  expect(error.status).toBe(422);
  expect(error.response?.data).toMatchObject({
    message: 'We cannot delete an active deployment unless it is the only deployment in a given environment.',
  });
  await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: first, state: 'inactive' });
  expect((await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: first })).status).toBe(204);
  // Now the only one: deletable although active.
  expect((await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: second })).status).toBe(204);
  expect((await statusOf(octokit.rest.repos.getDeployment({ ...repo, deployment_id: second }))).status).toBe(404);
  expect(gh.state.deployments).toHaveLength(0);
});

test('environments are created by deployments and by PUT, and listed', async () => {
  const octokit = octokitFor(gh);
  await octokit.rest.repos.createDeployment({ ...repo, ref: 'main', environment: 'staging', required_contexts: [] });
  await octokit.rest.repos.createOrUpdateEnvironment({ ...repo, environment_name: 'production', wait_timer: 10 });
  const { data } = await octokit.rest.repos.getAllEnvironments({ ...repo });
  expect(data.total_count).toBe(2);
  expect(data.environments?.map((environment) => environment.name)).toEqual(['production', 'staging']);
  const { data: production } = await octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'production' });
  expect(production.protection_rules?.[0]).toMatchObject({ type: 'wait_timer' });
});
