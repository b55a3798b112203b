import { jest } from '@jest/globals';

const calls: { setFailed: string[]; debug: string[]; saveState: [string, string][] } = {
  setFailed: [],
  debug: [],
  saveState: [],
};
let state: Record<string, string> = {};
let debugOn = false;

jest.unstable_mockModule('@actions/core', () => ({
  getState: (name: string) => state[name] ?? '',
  saveState: (name: string, value: string) => calls.saveState.push([name, value]),
  setFailed: (message: string) => calls.setFailed.push(message),
  debug: (message: string) => calls.debug.push(message),
  isDebug: () => debugOn,
  setOutput: jest.fn(),
}));

const { run } = await import('../../src/action/run.js');
const { InputError, UserError } = await import('../../src/action/errors.js');

beforeEach(() => {
  calls.setFailed = [];
  calls.debug = [];
  calls.saveState = [];
  state = {};
  debugOn = false;
});

describe('run', () => {
  it('runs main, and marks the post phase before main can fail', async () => {
    const phases: string[] = [];
    await run(
      async () => {
        phases.push('main');
        throw new UserError('Deploy lock held by https://github.com/acme/shop/actions/runs/1: wait for it');
      },
      async () => {
        phases.push('post');
      },
    );
    expect(phases).toEqual(['main']);
    expect(calls.saveState).toEqual([['paved-post', 'true']]);
    expect(calls.setFailed).toEqual(['Deploy lock held by https://github.com/acme/shop/actions/runs/1: wait for it']);
  });

  it('runs post when the saved state says so', async () => {
    state = { 'paved-post': 'true' };
    const phases: string[] = [];
    await run(
      async () => void phases.push('main'),
      async () => void phases.push('post'),
    );
    expect(phases).toEqual(['post']);
    expect(calls.setFailed).toEqual([]);
  });

  it('prints an InputError as is, with no stack unless debugging', async () => {
    await run(async () => {
      throw new InputError('window', "Input 'window' must be a duration like 90s or 5m, got '5 parsecs'");
    });
    expect(calls.setFailed).toEqual(["Input 'window' must be a duration like 90s or 5m, got '5 parsecs'"]);
    expect(calls.debug).toEqual([]);
  });

  it('turns an unexpected error into an actionable line and keeps the stack for the debug log', async () => {
    debugOn = true;
    await run(async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'digest')");
    });
    expect(calls.setFailed).toEqual([
      "Unexpected error: Cannot read properties of undefined (reading 'digest'). Re-run the job with debug logging (secret ACTIONS_STEP_DEBUG=true) to see where it happened, and report it.",
    ]);
    expect(calls.debug[0]).toMatch(/^TypeError: Cannot read properties/);
    expect(calls.debug[0]).toContain('run.test.ts');
  });

  it('handles thrown non-errors', async () => {
    await run(async () => {
      throw 'plain string';
    });
    expect(calls.setFailed).toEqual([expect.stringMatching(/^Unexpected error: plain string\./)]);
  });
});
