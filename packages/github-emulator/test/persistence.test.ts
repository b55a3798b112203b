import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubEmulator } from '../src/index.js';
import { octokitFor, repo, seed } from './helpers.js';

const directory = mkdtempSync(join(tmpdir(), 'github-emulator-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

test('deployment history survives a restart through the state file', async () => {
  const stateFile = join(directory, 'state.json');
  const first = await startGitHubEmulator({ stateFile, seed });
  const { data } = await octokitFor(first).rest.repos.createDeployment({
    ...repo,
    ref: 'main',
    environment: 'staging',
    required_contexts: [],
  });
  if (!('id' in data)) throw new Error('expected a deployment');
  await octokitFor(first).rest.repos.createDeploymentStatus({ ...repo, deployment_id: data.id, state: 'success' });
  await first.stop();
  expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ version: 1 });

  const second = await startGitHubEmulator({ stateFile });
  try {
    const octokit = octokitFor(second);
    const { data: deployments } = await octokit.rest.repos.listDeployments({ ...repo, environment: 'staging' });
    expect(deployments.map((deployment) => deployment.id)).toEqual([data.id]);
    expect(deployments[0]?.url).toBe(`${second.url}/repos/acme/shop/deployments/${data.id}`);
    const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: data.id });
    expect(statuses.map((status) => status.state)).toEqual(['success']);
    const { data: next } = await octokit.rest.repos.createDeployment({ ...repo, ref: 'main', required_contexts: [] });
    if (!('id' in next)) throw new Error('expected a deployment');
    expect(next.id).toBeGreaterThan(data.id);
  } finally {
    await second.stop();
  }
});
