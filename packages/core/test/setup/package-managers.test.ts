import { execFileSync } from 'node:child_process';
import { detectProjects } from '../../src/setup/detect.js';
import { ensurePackageManager, storePaths } from '../../src/setup/package-managers.js';
import { makeWorkspace } from '@paved/test-support/workspace';

describe('package managers on this machine', () => {
  it('asks npm where its store is', async () => {
    const detected = detectProjects(makeWorkspace({ 'package.json': '{}', 'package-lock.json': '{}' }))[0]!;
    await ensurePackageManager(detected, '/tmp/unused');
    const expected = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
    expect(await storePaths(detected)).toEqual([expected]);
  });

  it('a package manager that is missing and not available through corepack is a clear error', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const detected = detectProjects(makeWorkspace({ 'uv.lock': '', 'pyproject.toml': '' }))[0]!;
      await expect(ensurePackageManager(detected, '/tmp/unused')).rejects.toThrow(
        'uv is not installed on this runner, and uv.lock asks for it: add a step that installs uv before paved/setup, or set install: false.',
      );
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
