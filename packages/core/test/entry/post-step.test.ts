import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFileCommand } from '@paved/action-runner';
import { temporaryDirectory } from '@paved/test-support/workspace';
import { isIdleReleasePostStep, POST_STATE } from '../../src/entry/index.js';
import { readReleaseProgress, savedReleaseProgress, wasCutShort } from '../../src/release/index.js';

/**
 * The entry decides from the raw `STATE_*` variables whether the post step may end before the
 * bundle loads; the bundle's own post step decides with readReleaseProgress and wasCutShort.
 * Driven through the state file main really writes, the two must agree in every case.
 */
describe('isIdleReleasePostStep', () => {
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = { ...process.env };
    process.env.GITHUB_STATE = path.join(temporaryDirectory('paved-entry-'), 'state');
    writeFileSync(process.env.GITHUB_STATE, '');
  });
  afterEach(() => {
    process.env = saved;
  });

  /** The post step's environment, as the runner builds it from what main saved. */
  const postEnvironment = (): NodeJS.ProcessEnv => {
    const state = parseFileCommand(readFileSync(process.env.GITHUB_STATE!, 'utf8'));
    return Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]));
  };
  /** What the whole bundle's post step decides in that environment. */
  const bundleDecidesCutShort = (env: NodeJS.ProcessEnv): boolean => {
    const before = process.env;
    process.env = { ...before, ...env };
    try {
      return wasCutShort(readReleaseProgress());
    } finally {
      process.env = before;
    }
  };
  const markPost = () => writeFileSync(process.env.GITHUB_STATE!, `${POST_STATE}=true\n`, { flag: 'a' });

  it('is never idle in main, whatever is saved', () => {
    savedReleaseProgress().finished();
    const env = postEnvironment();
    expect(isIdleReleasePostStep(env)).toBe(false);
  });

  it('is idle when main finished, as the bundle would decide', () => {
    markPost();
    const progress = savedReleaseProgress();
    progress.phase('lock');
    progress.recorded(41);
    progress.releasing(`sha256:${'a'.repeat(64)}`);
    progress.finished();
    const env = postEnvironment();
    expect(isIdleReleasePostStep(env)).toBe(true);
    expect(bundleDecidesCutShort(env)).toBe(false);
  });

  it('is idle when main never reached the lock (nothing saved)', () => {
    markPost();
    const env = postEnvironment();
    expect(isIdleReleasePostStep(env)).toBe(true);
    expect(bundleDecidesCutShort(env)).toBe(false);
  });

  it('loads the bundle when main was cut short in any phase', () => {
    markPost();
    const progress = savedReleaseProgress();
    for (const phase of ['lock', 'record', 'start', 'health', 'switch', 'verify']) {
      progress.phase(phase);
      const env = postEnvironment();
      expect(isIdleReleasePostStep(env)).toBe(false);
      expect(bundleDecidesCutShort(env)).toBe(true);
    }
  });

  it('loads the bundle when the saved progress does not parse', () => {
    expect(isIdleReleasePostStep({ [`STATE_${POST_STATE}`]: 'true', 'STATE_paved-release': '{"finished":tru' })).toBe(
      false,
    );
  });
});
