// The dependency cache through @actions/cache's real code (v2 service, Azure SDK upload, HTTP
// download, tar + zstd) against the loopback stand-in for GitHub's cache service and Azurite.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCacheStack, type CacheStack } from '@paved/cache-service';
import { freePort } from '@paved/stack';
import { restoreDependencyCache, saveDependencyCache } from '../../src/setup/dependency-cache.js';

let stack: CacheStack;
let root: string;
const saved = { ...process.env };

beforeAll(async () => {
  stack = await startCacheStack();
  root = mkdtempSync(path.join(os.tmpdir(), 'paved-depcache-'));
  mkdirSync(path.join(root, 'workspace'));
  mkdirSync(path.join(root, 'temp'));
  Object.assign(process.env, stack.env, {
    GITHUB_WORKSPACE: path.join(root, 'workspace'),
    RUNNER_TEMP: path.join(root, 'temp'),
    GITHUB_SERVER_URL: 'https://github.com',
  });
}, 60_000);

afterAll(async () => {
  process.env = saved;
  await stack?.close();
  rmSync(root, { recursive: true, force: true });
});

function makeStore(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe('restore and save through @actions/cache', () => {
  it('misses, saves, then restores the exact key; a new lockfile restores through the restore key', async () => {
    const store = makeStore('store', { '_cacache/index': 'tarball-index', '_cacache/content/a': 'A'.repeat(5000) });
    const base = { language: 'node' as const, restoreKeys: ['paved-linux-x64-node-24.21.0-npm-'], paths: [store] };
    const key1 = 'paved-linux-x64-node-24.21.0-npm-aaaa';

    const miss = await restoreDependencyCache({ ...base, key: key1 });
    expect(miss).toMatchObject({ hit: false, matchedKey: undefined });
    expect(miss.problem).toBeUndefined();

    const save = await saveDependencyCache(miss, 'read-write');
    expect(save).toMatchObject({ outcome: 'saved', key: key1 });
    expect(stack.service.entries()).toEqual([
      expect.objectContaining({ key: key1, finalized: true, scope: 'refs/heads/main' }),
    ]);

    rmSync(store, { recursive: true });
    const hit = await restoreDependencyCache({ ...base, key: key1 });
    expect(hit).toMatchObject({ hit: true, matchedKey: key1 });
    expect(readFileSync(path.join(store, '_cacache/content/a'), 'utf8')).toBe('A'.repeat(5000));
    expect(await saveDependencyCache(hit, 'read-write')).toMatchObject({ outcome: 'skipped' });

    rmSync(store, { recursive: true });
    const partial = await restoreDependencyCache({ ...base, key: 'paved-linux-x64-node-24.21.0-npm-bbbb' });
    expect(partial).toMatchObject({ hit: false, matchedKey: key1 });
    expect(existsSync(path.join(store, '_cacache/index'))).toBe(true);
  });

  it('never saves in read-only or off mode', async () => {
    const store = makeStore('ro-store', { file: 'x' });
    const entry = await restoreDependencyCache({ language: 'go', key: 'paved-ro-1', restoreKeys: [], paths: [store] });
    const before = stack.service.requests.length;
    expect(await saveDependencyCache(entry, 'read-only')).toMatchObject({
      outcome: 'skipped',
      reason: 'cache is read-only',
    });
    expect(await saveDependencyCache(entry, 'off')).toMatchObject({ outcome: 'skipped' });
    expect(stack.service.requests.length).toBe(before);
  });

  it('entries are immutable: saving an existing key again is refused by the service and only warned about', async () => {
    const store = makeStore('dup-store', { file: 'first' });
    const entry = {
      language: 'python' as const,
      key: 'paved-dup',
      restoreKeys: [],
      paths: [store],
      hit: false,
      restoreMs: 0,
    };
    expect(await saveDependencyCache(entry, 'read-write')).toMatchObject({ outcome: 'saved' });
    writeFileSync(path.join(store, 'file'), 'second');
    expect(await saveDependencyCache(entry, 'read-write')).toMatchObject({ outcome: 'failed' });
    expect(stack.service.requests.filter((r) => r.method === 'CreateCacheEntry' && r.key === 'paved-dup')).toEqual([
      expect.objectContaining({ status: 200 }),
      expect.objectContaining({ status: 409 }),
    ]);
  });

  it('a branch reads the default branch’s entries, not the other way round', async () => {
    const store = makeStore('scope-store', { file: 'feature' });
    stack.service.setScope('refs/heads/feature', ['refs/heads/feature', 'refs/heads/main']);
    const onFeature = {
      language: 'node' as const,
      key: 'paved-scope-x',
      restoreKeys: [],
      paths: [store],
      hit: false,
      restoreMs: 0,
    };
    expect(await saveDependencyCache(onFeature, 'read-write')).toMatchObject({ outcome: 'saved' });
    stack.service.setScope('refs/heads/main');
    expect(await restoreDependencyCache(onFeature)).toMatchObject({ hit: false, matchedKey: undefined });
    stack.service.setScope('refs/heads/other', ['refs/heads/other', 'refs/heads/main']);
    expect(await restoreDependencyCache(onFeature)).toMatchObject({ hit: false, matchedKey: undefined });
    const fromMain = { ...onFeature, key: 'paved-dup', paths: [makeStore('dup-store', {})] };
    expect(await restoreDependencyCache(fromMain)).toMatchObject({ hit: true, matchedKey: 'paved-dup' });
    stack.service.setScope('refs/heads/main');
  });

  it('a cache service that is down is a warning: restore reports a miss, save reports a failure, nothing throws', async () => {
    const port = await freePort();
    process.env.ACTIONS_RESULTS_URL = `http://127.0.0.1:${port}/`;
    try {
      const store = makeStore('down-store', { file: 'x' });
      const started = Date.now();
      const entry = await restoreDependencyCache({
        language: 'node',
        key: 'paved-down',
        restoreKeys: [],
        paths: [store],
      });
      expect(entry).toMatchObject({ hit: false, matchedKey: undefined });
      expect(await saveDependencyCache(entry, 'read-write')).toMatchObject({ outcome: 'failed' });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      process.env.ACTIONS_RESULTS_URL = stack.env.ACTIONS_RESULTS_URL;
    }
  });

  it('without a cache service configured it installs without one and says why', async () => {
    delete process.env.ACTIONS_RESULTS_URL;
    try {
      const entry = await restoreDependencyCache({ language: 'node', key: 'k', restoreKeys: [], paths: [root] });
      expect(entry.problem).toMatch(/not configured/);
      expect(await saveDependencyCache(entry, 'read-write')).toMatchObject({ outcome: 'skipped' });
    } finally {
      process.env.ACTIONS_RESULTS_URL = stack.env.ACTIONS_RESULTS_URL;
    }
  });
});
