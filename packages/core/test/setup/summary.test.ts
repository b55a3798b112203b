import { summary } from '@actions/core';
import { addSetupSaveSummary, addSetupSummary, setupHeadline } from '../../src/summary/setup.js';
import type { SetupResult } from '../../src/setup/prepare.js';

const result = (cache: Partial<NonNullable<SetupResult['projects'][number]['cache']>> | undefined): SetupResult => ({
  workingDirectory: '/ws',
  mode: 'read-write',
  cacheHit: cache?.hit ?? false,
  durationMs: 4200,
  metadata: {
    version: '1.4.2',
    versionSource: 'package',
    sha: 'ffac537e6c',
    shortSha: 'ffac537',
    refName: 'feature/<x>',
    refSlug: 'feature-x',
    isDefaultBranch: false,
  },
  projects: [
    {
      project: {
        language: 'node',
        dir: '/ws',
        manifest: '/ws/package.json',
        version: { spec: '24', source: '.nvmrc' },
        packageManager: { name: 'npm', source: 'package-lock.json' },
        lockfile: '/ws/package-lock.json',
        expectedLockfile: 'package-lock.json',
        hasDependencies: true,
      },
      runtime: { version: '24.21.0', source: 'tool-cache', request: { spec: '24', source: '.nvmrc' }, durationMs: 3 },
      cache: cache && {
        language: 'node',
        key: 'k1',
        restoreKeys: ['k'],
        paths: ['/npm'],
        hit: false,
        restoreMs: 1500,
        ...cache,
      },
      cacheNote: cache ? undefined : 'cache: off',
      install: { command: 'npm ci', durationMs: 2500 },
    },
  ],
});

beforeEach(() => summary.emptyBuffer());

describe('setup summary', () => {
  it('states detection, versions, the cache outcome with its key and the time spent, escaped', () => {
    const html = addSetupSummary(summary, result({ hit: true, matchedKey: 'k1' })).stringify();
    expect(html).toContain('<h2>Setup: node 24.21.0 — cache hit</h2>');
    expect(html).toContain('ref <code>feature/&lt;x&gt;</code> (slug <code>feature-x</code>)');
    expect(html).toContain(
      "<td>node <code>package.json</code></td><td><code>24.21.0</code><br>24 from .nvmrc<br>runner's tool cache</td>" +
        '<td>npm (package-lock.json)</td><td>✅ hit<br><code>k1</code></td><td>1.5s</td><td>2.5s<br><code>npm ci</code></td>',
    );
  });

  it.each([
    [{ matchedKey: 'k0' }, 'partial cache hit', '🔶 partial: restored <code>k0</code><br>missed <code>k1</code>'],
    [{}, 'cache miss', '❌ miss<br><code>k1</code>'],
    [undefined, 'no dependency cache', '<td>— cache: off</td>'],
  ])('%j → %s', (cache, headline, cell) => {
    const r = result(cache);
    expect(setupHeadline(r)).toBe(`Setup: node 24.21.0 — ${headline}`);
    expect(addSetupSummary(summary, r).stringify()).toContain(cell);
  });

  it('the post step lists each save', () => {
    const html = addSetupSaveSummary(summary, [
      { language: 'node', key: 'k1', outcome: 'saved', reason: 'entry 3', durationMs: 1200 },
      { language: 'go', key: 'k2', outcome: 'skipped', reason: 'cache is read-only', durationMs: 0 },
    ]).stringify();
    expect(html).toContain('<li>node: 💾 saved <code>k1</code> — entry 3 (1.2s)</li>');
    expect(html).toContain('<li>go: ⏭️ not saved <code>k2</code> — cache is read-only</li>');
  });
});
