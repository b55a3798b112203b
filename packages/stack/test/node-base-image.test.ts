import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chooseBuilder,
  describeWithStack,
  ensureNodeBaseImage,
  startDockerEngine,
  type DockerCli,
} from '../src/index.js';

const cli = (path: string, major: number, hasBuildx: boolean): DockerCli => ({
  path,
  version: `${major}.0.0`,
  major,
  hasBuildx,
});

describe('chooseBuilder', () => {
  test('prefers buildx, then a pre-23 CLI for BuildKit, then the legacy builder', () => {
    const modern = cli('/usr/local/bin/docker', 28, false);
    const debian = cli('/usr/bin/docker', 20, false);
    expect(chooseBuilder([modern, cli('/opt/docker', 27, true)])).toEqual({
      builder: 'buildx',
      cli: cli('/opt/docker', 27, true),
    });
    expect(chooseBuilder([modern, debian])).toEqual({ builder: 'buildkit', cli: debian });
    expect(chooseBuilder([modern])).toEqual({ builder: 'legacy', cli: modern });
    expect(() => chooseBuilder([])).toThrow(/install docker\.io/i);
  });
});

describeWithStack('node base image build and per-machine cache', ['node-base'], () => {
  let cacheDir: string;

  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'paved-stack-cache-'));
  });

  afterAll(async () => {
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  });

  test('builds FROM scratch once, then a fresh engine loads the saved tarball', async () => {
    const first = await startDockerEngine();
    try {
      const built = await ensureNodeBaseImage(first, { cacheDir });
      expect(built.source).toBe('built');
      expect(built.builder).toBe(chooseBuilder(first.clis).builder);
      expect((await stat(built.cachePath)).size).toBeGreaterThan(10_000_000);
      expect((await ensureNodeBaseImage(first, { cacheDir })).source).toBe('present');
    } finally {
      await first.stop();
    }

    const second = await startDockerEngine();
    try {
      const loaded = await ensureNodeBaseImage(second, { cacheDir });
      expect(loaded.source).toBe('cache');
      const run = await second.docker([
        'run',
        '--rm',
        '--network',
        'host',
        loaded.image,
        'node',
        '-e',
        'console.log(process.version)',
      ]);
      expect(run.stdout.trim()).toBe(loaded.nodeVersion);
      expect(loaded.nodeVersion).toMatch(/^v24\./);
    } finally {
      await second.stop();
    }
  }, 180_000);
});
