import { buildMetadata, refSlug, versionFromTag } from '../../src/setup/metadata.js';
import type { BuildContext } from '../../src/setup/metadata.js';

const SHA = 'ffac537e6cbbf934b08745a378932722df287a53';
const push = (ref: string, fields: Partial<BuildContext> = {}): BuildContext => ({
  sha: SHA,
  ref,
  eventName: 'push',
  event: { repository: { default_branch: 'main' } },
  ...fields,
});

describe('buildMetadata', () => {
  it('a vX.Y.Z tag gives the version', () => {
    expect(buildMetadata(push('refs/tags/v2.3.4'), '1.0.0')).toMatchObject({
      version: '2.3.4',
      versionSource: 'tag',
      refName: 'v2.3.4',
      refSlug: 'v2-3-4',
      isDefaultBranch: false,
    });
    expect(buildMetadata(push('refs/tags/v2.3.4-rc.1')).version).toBe('2.3.4-rc.1');
  });

  it('otherwise the package version, otherwise 0.0.0-<sha7>', () => {
    expect(buildMetadata(push('refs/heads/main'), '1.4.2')).toMatchObject({
      version: '1.4.2',
      versionSource: 'package',
      sha: SHA,
      shortSha: 'ffac537',
      refName: 'main',
      refSlug: 'main',
      isDefaultBranch: true,
    });
    expect(buildMetadata(push('refs/tags/release-7'), undefined)).toMatchObject({
      version: '0.0.0-ffac537',
      versionSource: 'sha',
    });
    expect(buildMetadata(push('refs/heads/main'), '0.0.0').version).toBe('0.0.0-ffac537');
  });

  it('on a pull request: the head commit, the head branch, never the default branch', () => {
    const pr = buildMetadata({
      sha: SHA,
      ref: 'refs/pull/42/merge',
      headRef: 'feature/Add_Login',
      eventName: 'pull_request',
      event: {
        pull_request: { head: { sha: 'a1b2c3d4e5f6', ref: 'feature/Add_Login' } },
        repository: { default_branch: 'main' },
      },
    });
    expect(pr).toMatchObject({
      sha: 'a1b2c3d4e5f6',
      shortSha: 'a1b2c3d',
      refName: 'feature/Add_Login',
      refSlug: 'feature-add-login',
      isDefaultBranch: false,
      version: '0.0.0-a1b2c3d',
    });
  });
});

it.each([
  ['main', 'main'],
  ['feature/Add_Login', 'feature-add-login'],
  ['--weird//name--', 'weird-name'],
  ['dependabot/npm_and_yarn/@types/node-24.1.0', 'dependabot-npm-and-yarn-types-node-24-1-0'],
  ['x'.repeat(62) + '/y', 'x'.repeat(62)],
])('refSlug(%s) = %s', (name, slug) => {
  expect(refSlug(name)).toBe(slug);
  expect(refSlug(name)).toMatch(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
});

it('versionFromTag ignores tags that are not vX.Y.Z', () => {
  expect(versionFromTag('refs/tags/1.2.3')).toBeUndefined();
  expect(versionFromTag('refs/heads/v1.2.3')).toBeUndefined();
  expect(versionFromTag('refs/tags/v1.2')).toBeUndefined();
});
