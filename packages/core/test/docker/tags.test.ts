import { InputError } from '../../src/action/errors.js';
import {
  buildGitContextFromPayload,
  computeTags,
  parseTagRule,
  parseTagRules,
  sanitizeTag,
  type BuildGitContext,
} from '../../src/index.js';

const SHA = 'ffac537e6cbbf934b08745a378932722df287a53';
const HEAD = '0123456789abcdef0123456789abcdef01234567';
const DEFAULT_RULES = [
  'type=sha',
  'type=ref,event=branch',
  'type=ref,event=tag',
  'type=ref,event=pr',
  'type=semver,pattern={{version}}',
];

function git(overrides: Partial<BuildGitContext>): BuildGitContext {
  return {
    eventName: 'push',
    ref: 'refs/heads/main',
    sha: SHA,
    repository: 'acme/shop',
    serverUrl: 'https://github.com',
    defaultBranch: 'main',
    ...overrides,
  };
}

const tags = (context: BuildGitContext, rules = DEFAULT_RULES, latest: 'auto' | 'true' | 'false' = 'auto') =>
  computeTags(parseTagRules(rules), context, { latest, now: new Date('2026-03-04T05:06:07Z') }).tags;

describe('computeTags over the events a workflow sees', () => {
  it.each([
    ['push to the default branch', git({}), ['main', 'sha-ffac537', 'latest']],
    ['push to a branch', git({ ref: 'refs/heads/feature/Login_v2' }), ['feature-Login_v2', 'sha-ffac537']],
    ['push of tag v1.2.3', git({ ref: 'refs/tags/v1.2.3' }), ['1.2.3', 'v1.2.3', 'sha-ffac537']],
    [
      'pull request (head SHA, not the merge SHA)',
      git({ eventName: 'pull_request', ref: 'refs/pull/42/merge', headSha: HEAD, prNumber: 42 }),
      ['pr-42', 'sha-0123456'],
    ],
    [
      'pull_request_target without a number in the payload',
      git({ eventName: 'pull_request_target', ref: 'refs/pull/7/merge', headSha: HEAD }),
      ['pr-7', 'sha-0123456'],
    ],
    [
      'workflow_dispatch on the default branch',
      git({ eventName: 'workflow_dispatch' }),
      ['main', 'sha-ffac537', 'latest'],
    ],
    [
      'workflow_dispatch on another branch',
      git({ eventName: 'workflow_dispatch', ref: 'refs/heads/hotfix' }),
      ['hotfix', 'sha-ffac537'],
    ],
    [
      'schedule (payload without repository: the default branch is implied)',
      git({ eventName: 'schedule', defaultBranch: undefined }),
      ['main', 'sha-ffac537', 'latest'],
    ],
  ])('%s', (_, context, expected) => {
    expect(tags(context)).toEqual(expected);
  });

  it('reads the PR head SHA and number from a real pull_request payload', () => {
    const context = buildGitContextFromPayload({
      eventName: 'pull_request',
      ref: 'refs/pull/42/merge',
      sha: SHA,
      repository: 'acme/shop',
      serverUrl: 'https://github.com',
      payload: {
        number: 42,
        pull_request: { number: 42, head: { sha: HEAD } },
        repository: { default_branch: 'main', license: { spdx_id: 'MIT' }, description: 'A shop' },
      },
    });
    expect(context).toMatchObject({ headSha: HEAD, prNumber: 42, defaultBranch: 'main', license: 'MIT' });
    expect(tags(context, ['type=sha,format=long,prefix='])).toEqual([HEAD]);
  });

  it('applies semver patterns, and keeps pre-releases off the major and minor lines', () => {
    const rules = [
      'type=semver,pattern={{version}}',
      'type=semver,pattern={{major}}.{{minor}}',
      'type=semver,pattern={{major}}',
      'type=semver,pattern=v{{major}}.{{minor}}.{{patch}}',
    ];
    expect(tags(git({ ref: 'refs/tags/v1.2.3' }), rules)).toEqual(['1.2.3', '1.2', '1', 'v1.2.3']);
    expect(tags(git({ ref: 'refs/tags/v2.0.0-rc.1' }), rules)).toEqual(['2.0.0-rc.1']);
    expect(tags(git({ ref: 'refs/tags/0.4.1' }), rules)).toEqual(['0.4.1', '0.4', 'v0.4.1']);
    expect(tags(git({ ref: 'refs/tags/release-7' }), rules)).toEqual([]);
    expect(tags(git({}), ['type=semver,pattern={{version}},value=3.1.4'], 'false')).toEqual(['3.1.4']);
    expect(computeTags(parseTagRules(rules), git({ ref: 'refs/tags/v1.2.3' })).version).toBe('1.2.3');
  });

  it('honours prefix, suffix, enable and priority', () => {
    const context = git({ ref: 'refs/heads/dev' });
    expect(tags(context, ['type=sha,prefix=,suffix=-amd64'], 'false')).toEqual(['ffac537-amd64']);
    expect(tags(context, ['type=ref,event=branch,prefix=br-,suffix=-{{sha}}'], 'false')).toEqual(['br-dev-ffac537']);
    expect(tags(context, ['type=sha,enable=false', 'type=raw,value=x'])).toEqual(['x']);
    expect(tags(context, ['type=raw,value=stable,enable={{is_default_branch}}'])).toEqual([]);
    expect(tags(git({}), ['type=raw,value=stable,enable={{is_default_branch}}'], 'false')).toEqual(['stable']);
    expect(tags(context, ['type=raw,value=preview,enable={{ is_not_default_branch }}'])).toEqual(['preview']);
    expect(tags(context, ['type=sha', 'type=raw,value=first,priority=2000'])).toEqual(['first', 'sha-ffac537']);
  });

  it('expands {{branch}}, {{tag}}, {{sha}} and {{date}} in raw values', () => {
    expect(tags(git({}), ["type=raw,value={{branch}}-{{date 'YYYYMMDD'}}-{{sha}}"], 'false')).toEqual([
      'main-20260304-ffac537',
    ]);
    expect(
      tags(git({ eventName: 'schedule' }), ["type=schedule,pattern=nightly-{{date 'YYYY-MM-DD'}}"], 'false'),
    ).toEqual(['nightly-2026-03-04']);
    expect(tags(git({}), ['type=edge'], 'false')).toEqual(['edge']);
    expect(tags(git({ ref: 'refs/heads/dev' }), ['type=edge,branch=dev'], 'false')).toEqual(['edge']);
  });

  it('handles latest: auto only on the default branch, true always, false never', () => {
    expect(tags(git({ ref: 'refs/heads/dev' }), ['type=sha'], 'true')).toEqual(['sha-ffac537', 'latest']);
    expect(tags(git({}), ['type=sha'], 'false')).toEqual(['sha-ffac537']);
    expect(tags(git({ eventName: 'pull_request', ref: 'refs/pull/1/merge', headSha: HEAD }), ['type=sha'])).toEqual([
      'sha-0123456',
    ]);
    // Without the payload's default_branch a push cannot be known to be on it: no latest.
    expect(tags(git({ defaultBranch: undefined }), ['type=sha'])).toEqual(['sha-ffac537']);
  });

  it('sanitises tags and removes duplicates', () => {
    expect(sanitizeTag('feature/ünïcode branch')).toBe('feature-n-code-branch');
    expect(sanitizeTag('-.leading')).toBe('leading');
    expect(sanitizeTag('x'.repeat(200))).toHaveLength(128);
    expect(tags(git({ ref: 'refs/heads/sha-ffac537' }), ['type=sha', 'type=ref,event=branch'], 'false')).toEqual([
      'sha-ffac537',
    ]);
  });
});

describe('parseTagRule', () => {
  it.each([
    ['type=foo', "unknown type 'foo'"],
    ['event=branch', 'it has no type='],
    ['type=ref', 'type=ref needs event=branch, event=tag or event=pr'],
    ['type=ref,event=push', 'type=ref needs event=branch'],
    ['type=raw', 'type=raw needs value=<tag>'],
    ['type=semver', 'type=semver needs pattern='],
    ['type=semver,pattern={{minor}}.{{nope}}', 'unknown placeholder {{nope}}'],
    ['type=sha,enable=maybe', 'enable= must be true, false'],
    ['type=sha,format=medium', 'format= must be short or long'],
    ['type=sha,colour=red', "type=sha has no 'colour' attribute"],
    ['type=sha,priority=high', 'priority= must be a whole number'],
    ['type=sha,type=raw', "'type' is given twice"],
    ['sha', "'sha' is not key=value"],
  ])('refuses %s naming the input and the rule', (rule, why) => {
    let error: unknown;
    try {
      parseTagRule(rule);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('tags');
    expect((error as InputError).message).toContain(`Input 'tags' has a rule that does not parse: '${rule}': ${why}`);
  });
});
