import type { GitHubEmulator } from '../src/index.js';
import { octokitFor, repo, startSeeded } from './helpers.js';

let gh: GitHubEmulator;
beforeEach(async () => {
  gh = await startSeeded();
});
afterEach(async () => {
  await gh.stop();
});

test("octokit's retry plugin recovers from injected 502s", async () => {
  gh.faults.add({ method: 'POST', path: '/repos/*/*/deployments', kind: 'status', status: 502, times: 2 });
  const { status } = await octokitFor(gh).rest.repos.createDeployment({ ...repo, ref: 'main', required_contexts: [] });
  expect(status).toBe(201);
  const posts = gh.requests.filter((request) => request.method === 'POST');
  expect(posts.map((request) => request.status)).toEqual([502, 502, 201]);
  expect(gh.state.deployments).toHaveLength(1);
});

test('the throttling plugin waits out a 403 secondary rate limit with retry-after', async () => {
  gh.faults.add({ path: '/repos/acme/shop/issues', kind: 'secondary-rate-limit', retryAfter: 1 });
  const waits: number[] = [];
  const octokit = octokitFor(gh, {
    throttle: {
      onRateLimit: () => false,
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
        waits.push(retryAfter);
        return retryCount === 0;
      },
    },
  });
  const started = Date.now();
  const { status } = await octokit.rest.issues.create({ ...repo, title: 'after the limit' });
  expect(status).toBe(201);
  expect(waits).toEqual([1]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  expect(gh.requests.map((request) => request.status)).toEqual([403, 201]);
});

test('429, delays and dropped connections through the admin endpoint', async () => {
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${gh.url}/_emulator${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const added = await admin('POST', '/faults', [
    { path: '/repos/acme/shop', kind: 'too-many-requests', retryAfter: 3 },
    { path: '/repos/acme/shop', kind: 'delay', ms: 200 },
    { path: '/repos/**', kind: 'drop' },
  ]);
  expect(added.status).toBe(201);
  const headers = { authorization: 'Bearer anything' };
  const limited = await fetch(`${gh.url}/repos/acme/shop`, { headers });
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('3');
  const started = Date.now();
  expect((await fetch(`${gh.url}/repos/acme/shop`, { headers })).status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  await expect(fetch(`${gh.url}/repos/acme/shop/deployments`, { headers })).rejects.toThrow();
  expect((await fetch(`${gh.url}/repos/acme/shop/deployments`, { headers })).status).toBe(200);
  const log = (await (await admin('GET', '/requests')).json()) as { status: number; fault?: string }[];
  expect(log.map((entry) => [entry.status, entry.fault])).toEqual([
    [429, 'too-many-requests'],
    [200, 'delay'],
    [0, 'drop'],
    [200, undefined],
  ]);
});
