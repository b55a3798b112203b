import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { dependencyCacheKeys, hashLockfiles, resolveDependencyPaths } from '../../src/setup/cache-keys.js';
import { makeWorkspace } from '@paved/test-support/workspace';

describe('dependency cache keys', () => {
  it('paved-<os>-<arch>-<lang>-<runtime>-<pm>-<hash>, restore key without the hash', () => {
    expect(
      dependencyCacheKeys({
        platform: 'linux',
        arch: 'x64',
        language: 'node',
        runtimeVersion: '24.21.0',
        packageManager: 'npm',
        lockfileHash: 'abc',
      }),
    ).toEqual({ key: 'paved-linux-x64-node-24.21.0-npm-abc', restoreKeys: ['paved-linux-x64-node-24.21.0-npm-'] });
  });

  it('the hash follows the lockfile content, not where it is or the order given', async () => {
    const a = makeWorkspace({ 'package-lock.json': '{"v":1}', 'b.lock': 'b' });
    const b = makeWorkspace({ 'package-lock.json': '{"v":1}', 'b.lock': 'b' });
    const first = await hashLockfiles([path.join(a, 'package-lock.json'), path.join(a, 'b.lock')]);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashLockfiles([path.join(b, 'b.lock'), path.join(b, 'package-lock.json')])).toBe(first);
    writeFileSync(path.join(a, 'package-lock.json'), '{"v":2}');
    expect(await hashLockfiles([path.join(a, 'package-lock.json'), path.join(a, 'b.lock')])).not.toBe(first);
  });

  it('cache-dependency-path takes globs relative to the workspace and refuses to match nothing', async () => {
    const ws = makeWorkspace({
      'services/a/package-lock.json': '1',
      'services/b/package-lock.json': '2',
      'other.json': '',
    });
    expect(await resolveDependencyPaths(['services/*/package-lock.json'], ws)).toEqual([
      path.join(ws, 'services/a/package-lock.json'),
      path.join(ws, 'services/b/package-lock.json'),
    ]);
    await expect(resolveDependencyPaths(['nothing/*.lock'], ws)).rejects.toThrow(
      /^cache-dependency-path matched no file \(nothing\/\*\.lock, relative to .+\): point it at your lockfiles/,
    );
  });
});
