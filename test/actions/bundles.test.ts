import { ACTIONS, hasStackTrace, runAction } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';
import { INPUT_FIXTURES } from '../fixtures/inputs/index.js';

describe.each(ACTIONS)('dist/%s run as the runner runs it', (name) => {
  const { valid, invalid, secrets, firstRequired } = INPUT_FIXTURES[name];
  it('with no inputs ends in one clear error, exit 1, no stack trace', async () => {
    const run = await runAction(name, { workspace: makeWorkspace(valid.files) });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    const required = firstRequired;
    if (required) expect(errors[0]?.message).toMatch(new RegExp(`^Input '${required}' is required: set it to `));
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    expect(run.outputs).toEqual({});
  });

  it.each(invalid)('refuses bad input $inputs naming the input', async ({ inputs, error }) => {
    const run = await runAction(name, {
      inputs: { ...valid.inputs, ...inputs },
      workspace: makeWorkspace(valid.files),
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(error);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('masks every secret input, and no secret reaches the log', async () => {
    const run = await runAction(name, {
      inputs: { ...valid.inputs, ...secrets.inputs },
      workspace: makeWorkspace(valid.files),
      debug: true,
    });
    for (const value of secrets.masked) expect(run.masks).toContain(value);
    expect(run.log).not.toContain('S3CRET');
  });
});
