// paved/setup end to end: the committed bundle, run as the runner runs it (main, then post with
// the saved state), over a fixture Node project whose dependencies come from the npm registry.
// The cache goes through @actions/cache's real code to the loopback stand-in for GitHub's cache
// service (blobs in Azurite); Node comes from a loopback mirror serving a real Node archive.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCacheStack, type CacheStack } from '@paved/cache-service';
import { freePort } from '@paved/stack';
import {
  goMirrorFiles,
  nodeMirrorFiles,
  REAL_NODE_VERSION,
  realNodeArchive,
  startMirror,
  type Mirror,
} from '@paved/test-support/mirror';
import { hasStackTrace, ROOT, runAction, type StepRun } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'setup', 'node');
const V = REAL_NODE_VERSION.replace(/\./g, '\\.');
const KEY = new RegExp(`^paved-linux-x64-node-${V}-npm-[0-9a-f]{64}$`);
const github = { event: { repository: { default_branch: 'main' } } };

let stack: CacheStack;
let mirror: Mirror;
let root: string;
let toolCache: string;
let npmCache: string;

beforeAll(async () => {
  realNodeArchive();
  [stack, mirror] = await Promise.all([startCacheStack(), startMirror({ ...nodeMirrorFiles(), ...goMirrorFiles() })]);
  root = mkdtempSync(path.join(os.tmpdir(), 'paved-setup-e2e-'));
  toolCache = path.join(root, 'toolcache');
  // The same absolute path on every run, as on hosted runners: @actions/cache keys entries on it.
  npmCache = path.join(root, 'npm-cache');
}, 120_000);

afterAll(async () => {
  await Promise.all([stack?.close(), mirror?.close()]);
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A fresh checkout of the fixture, optionally edited. */
function checkout(edit?: (dir: string) => void): string {
  const workspace = makeWorkspace();
  cpSync(FIXTURE, workspace, { recursive: true });
  edit?.(workspace);
  return workspace;
}

/**
 * This machine's npm settings (its CA file for the registry proxy lives in npm's global config,
 * found relative to node, which setup replaces), so npm under the downloaded Node reaches the
 * registry as the machine's own npm does. A self-hosted runner behind a proxy needs the same.
 */
const hostNpm: Record<string, string> = {
  npm_config_globalconfig: execFileSync('npm', ['config', 'get', 'globalconfig'], { encoding: 'utf8' }).trim(),
  ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
};

/** A fresh runner: empty npm cache folder (the tool cache is kept unless asked). */
function env(extra: Record<string, string> = {}): Record<string, string> {
  rmSync(npmCache, { recursive: true, force: true });
  return { ...stack.env, ...hostNpm, RUNNER_TOOL_CACHE: toolCache, npm_config_cache: npmCache, ...extra };
}

const creates = () => stack.service.requests.filter((r) => r.method === 'CreateCacheEntry').length;
const errors = (run: StepRun) => run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const warnings = (run: StepRun) => run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

describe('dist/setup on a Node project', () => {
  it('cold: downloads Node from the mirror, misses the cache, runs npm ci, and post saves the store', async () => {
    const workspace = checkout();
    const run = await runAction('setup', { inputs: { mirror: mirror.url }, env: env(), workspace, github });
    expect(errors(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({
      // No tag in the repository: package.json's version alone would read the same on every
      // release, so the build number tells them apart.
      version: '1.4.2-build.7',
      sha: 'ffac537e6cbbf934b08745a378932722df287a53',
      'short-sha': 'ffac537',
      'ref-name': 'main',
      'ref-slug': 'main',
      'is-default-branch': 'true',
      'node-version': REAL_NODE_VERSION,
      'cache-hit': 'false',
    });
    expect(run.path).toEqual([path.join(toolCache, 'node', REAL_NODE_VERSION, 'x64', 'bin')]);
    expect(mirror.requests).toContain(`/v${REAL_NODE_VERSION}/node-v${REAL_NODE_VERSION}-linux-x64.tar.gz`);
    for (const dep of ['is-number', 'ms', 'picocolors']) {
      expect(existsSync(path.join(workspace, 'node_modules', dep, 'package.json'))).toBe(true);
    }
    expect(run.log).toContain(`Detected node in ${workspace}: version 24 (from .nvmrc), npm (from package-lock.json)`);
    expect(run.log).toMatch(/Dependency cache miss for paved-linux-x64-node-/);

    expect(run.summary).toContain(`<h2>Setup: node ${REAL_NODE_VERSION} — cache miss</h2>`);
    expect(run.summary).toMatch(/❌ miss<br><code>paved-linux-x64-node-[^<]+<\/code>/);
    expect(run.summary).toMatch(
      /downloaded in [\d.]+m?s, checksum verified against http:\/\/127\.0\.0\.1:\d+\/v[\d.]+\/SHASUMS256\.txt/,
    );
    expect(run.summary).toMatch(/<td>[\d.]+m?s<br><code>npm ci<\/code><\/td>/);

    expect(run.post?.exitCode).toBe(0);
    const entries = stack.service.entries();
    expect(entries).toEqual([expect.objectContaining({ key: expect.stringMatching(KEY), finalized: true })]);
    expect(run.post?.summary).toMatch(
      /node: 💾 saved <code>paved-linux-x64-node-[^<]+<\/code> — entry 1 \([\d.]+m?s\)/,
    );
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  }, 180_000);

  it('warm: the tool cache has Node, the exact key hits, npm ci installs offline, post saves nothing', async () => {
    const before = creates();
    const workspace = checkout();
    // Offline: npm ci can only succeed if the restored store holds every tarball.
    const run = await runAction('setup', {
      inputs: { mirror: mirror.url },
      env: env({ npm_config_offline: 'true' }),
      workspace,
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs['cache-hit']).toBe('true');
    expect(run.outputs['node-version']).toBe(REAL_NODE_VERSION);
    expect(existsSync(path.join(workspace, 'node_modules', 'ms', 'package.json'))).toBe(true);
    expect(run.summary).toContain(`<h2>Setup: node ${REAL_NODE_VERSION} — cache hit</h2>`);
    expect(run.summary).toContain("runner's tool cache");
    expect(run.summary).toContain('<code>npm ci --offline</code>');
    expect(run.post?.exitCode).toBe(0);
    expect(creates()).toBe(before);
    expect(run.post?.summary).toContain('not saved <code>');
    expect(run.post?.summary).toContain('exact key was restored; entries are immutable');
  }, 120_000);

  it('read-only: a changed lockfile restores through the restore key and never saves', async () => {
    const before = creates();
    const workspace = checkout((dir) => {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      delete pkg.dependencies.picocolors;
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
      const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
      delete lock.packages[''].dependencies.picocolors;
      delete lock.packages['node_modules/picocolors'];
      writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
    });
    const run = await runAction('setup', {
      inputs: { mirror: mirror.url, cache: 'read-only' },
      env: env({ npm_config_offline: 'true' }),
      workspace,
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs['cache-hit']).toBe('false');
    expect(run.log).toMatch(/Cache hit for restore-key: paved-linux-x64-node-/);
    expect(run.summary).toContain('— partial cache hit</h2>');
    expect(existsSync(path.join(workspace, 'node_modules', 'picocolors'))).toBe(false);
    expect(run.post?.exitCode).toBe(0);
    expect(creates()).toBe(before);
    expect(run.post?.summary).toContain('cache is read-only');
  }, 120_000);

  it('cache service down: a warning, the install goes on, the job passes', async () => {
    const closed = await freePort();
    const workspace = checkout();
    const run = await runAction('setup', {
      inputs: { mirror: mirror.url },
      env: env({ ACTIONS_RESULTS_URL: `http://127.0.0.1:${closed}/` }),
      workspace,
    });
    expect(errors(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(warnings(run)).toEqual([expect.stringMatching(/^Failed to restore: .*ECONNREFUSED/s)]);
    expect(run.outputs['cache-hit']).toBe('false');
    expect(existsSync(path.join(workspace, 'node_modules', 'ms', 'package.json'))).toBe(true);
    expect(run.post?.exitCode).toBe(0);
    expect(warnings(run.post!)).toContainEqual(
      expect.stringMatching(/^Dependency cache not saved for paved-linux-x64-node-/),
    );
    expect(hasStackTrace(run.stdout + run.stderr + run.post!.stdout)).toBe(false);
  }, 120_000);

  it('a missing lockfile fails at once, saying what to do, before downloading anything', async () => {
    const requests = mirror.requests.length;
    const workspace = checkout((dir) => rmSync(path.join(dir, 'package-lock.json')));
    const run = await runAction('setup', { inputs: { mirror: mirror.url }, env: env(), workspace });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      `No package-lock.json in ${workspace}: npm ci needs one to install exactly what was tested. ` +
        'To fix it, run `npm install` and commit package-lock.json; or set install: false to skip installing.',
    ]);
    expect(run.outputs).toEqual({});
    expect(run.post).toBeUndefined();
    expect(mirror.requests.length).toBe(requests);
  });

  it('a Node version that does not exist names the newest ones', async () => {
    const run = await runAction('setup', {
      inputs: { mirror: mirror.url, 'node-version': '99' },
      env: env({ RUNNER_TOOL_CACHE: path.join(root, 'empty-toolcache') }),
      workspace: checkout(),
    });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Node\\.js '99' \\(from input node-version\\) does not exist in ${mirror.url}/index\\.json; the newest releases there are 25\\.2\\.0, ${V}`,
        ),
      ),
    ]);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('a corrupt archive is refused by its checksum and never reaches the tool cache', async () => {
    const corrupt = await startMirror(
      nodeMirrorFiles({ archive: readFileSync(realNodeArchive()).subarray(0, 2_000_000) }),
    );
    try {
      const fresh = path.join(root, 'fresh-toolcache');
      const run = await runAction('setup', {
        inputs: { mirror: corrupt.url },
        env: env({ RUNNER_TOOL_CACHE: fresh }),
        workspace: checkout(),
      });
      expect(run.exitCode).toBe(1);
      expect(errors(run)).toEqual([
        expect.stringMatching(
          /^Checksum mismatch for node-v.+-linux-x64\.tar\.gz .+SHASUMS256\.txt publishes [0-9a-f]{64}\. The archive is corrupt or was altered; nothing was installed\./,
        ),
      ]);
      expect(existsSync(path.join(fresh, 'node'))).toBe(false);
    } finally {
      await corrupt.close();
    }
  });

  it('languages picks Go among the ecosystems present (synthetic Go archive)', async () => {
    const workspace = checkout((dir) => writeFileSync(path.join(dir, 'go.mod'), 'module example.com/svc\n\ngo 1.23\n'));
    const run = await runAction('setup', {
      inputs: { mirror: mirror.url, languages: 'go' },
      env: env(),
      workspace,
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs).toMatchObject({ 'go-version': '1.23.4', 'cache-hit': 'false', version: '0.0.0-build.7' });
    expect(run.outputs['node-version']).toBeUndefined();
    expect(run.summary).toContain('skipped: no dependencies declared');
    expect(run.summary).toContain('no go.sum to key the cache on');
  });
});
