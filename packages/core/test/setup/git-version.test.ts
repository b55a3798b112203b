import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildMetadata, readGitHistory } from '../../src/setup/index.js';

const context = { sha: 'a'.repeat(40), ref: 'refs/heads/main', eventName: 'push', event: {} };

describe('release version from the repository history', () => {
  let dir: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const commit = (message: string) => {
    writeFileSync(path.join(dir, 'file.txt'), message);
    git('add', '--all');
    git('commit', '--quiet', '--message', message);
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'paved-gitversion-'));
    git('init', '--quiet', '--initial-branch', 'main');
    git('config', 'user.email', 'test@paved.invalid');
    git('config', 'user.name', 'Paved test');
    commit('first');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the build number, not an unbumped package.json, when there is no tag', () => {
    const history = readGitHistory(dir, { GITHUB_RUN_NUMBER: '42' });
    expect(history).toEqual({ exactTag: undefined, nearestTag: undefined, runNumber: '42' });
    expect(buildMetadata(context, '1.0.0', history)).toMatchObject({
      version: '1.0.0-build.42',
      versionSource: 'build',
    });
    expect(buildMetadata(context, undefined, history).version).toBe('0.0.0-build.42');
  });

  it('names a tagged commit by its tag, and later commits as git describe does', () => {
    git('tag', 'v1.4.0');
    expect(buildMetadata(context, '1.0.0', readGitHistory(dir, {}))).toMatchObject({
      version: '1.4.0',
      versionSource: 'tag',
    });
    commit('second');
    commit('third');
    const sha = git('rev-parse', '--short=7', 'HEAD');
    const later = buildMetadata(context, '1.0.0', readGitHistory(dir, { GITHUB_RUN_NUMBER: '7' }));
    expect(later).toMatchObject({ version: `1.4.0-2-g${sha}`, versionSource: 'git' });
  });

  it('lets package.json win while it is ahead of the newest tag', () => {
    git('tag', 'v1.4.0');
    commit('bump');
    expect(buildMetadata(context, '1.5.0', readGitHistory(dir, {}))).toMatchObject({
      version: '1.5.0',
      versionSource: 'package',
    });
  });

  it('keeps a tag ref first, whatever the history says', () => {
    git('tag', 'v1.4.0');
    expect(buildMetadata({ ...context, ref: 'refs/tags/v2.0.0' }, '1.0.0', readGitHistory(dir, {})).version).toBe(
      '2.0.0',
    );
  });
});
