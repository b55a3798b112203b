import { ACTIONS, hasStackTrace, makeWorkspace, runAction } from '../harness/index.js';
import { FIRST_REQUIRED, INVALID, SECRET_INPUTS, VALID } from '../fixtures/valid-inputs.js';

// Until an action's own issue delivers its behaviour, a valid call must still fail loudly.
const NOT_YET_DELIVERED = new Set<string>(ACTIONS);

describe.each(ACTIONS)('dist/%s run as the runner runs it', (name) => {
  it('with no inputs ends in one clear error, exit 1, no stack trace', async () => {
    const run = await runAction(name, { workspace: makeWorkspace(VALID[name].files) });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    const required = FIRST_REQUIRED[name];
    if (required) expect(errors[0]?.message).toMatch(new RegExp(`^Input '${required}' is required: set it to `));
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    expect(run.outputs).toEqual({});
  });

  it.each(INVALID[name])('refuses bad input $inputs naming the input', async ({ inputs, error }) => {
    const run = await runAction(name, {
      inputs: { ...VALID[name].inputs, ...inputs },
      workspace: makeWorkspace(VALID[name].files),
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(error);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('masks every secret input, and no secret reaches the log', async () => {
    const secrets = SECRET_INPUTS[name];
    const run = await runAction(name, {
      inputs: { ...VALID[name].inputs, ...secrets.inputs },
      workspace: makeWorkspace(VALID[name].files),
      debug: true,
    });
    for (const value of secrets.masked) expect(run.masks).toContain(value);
    expect(run.log).not.toContain('S3CRET');
  });

  if (NOT_YET_DELIVERED.has(name)) {
    it('with valid inputs says it is not implemented yet instead of pretending to work', async () => {
      const run = await runAction(name, { inputs: VALID[name].inputs, workspace: makeWorkspace(VALID[name].files) });
      expect(run.exitCode).toBe(1);
      expect(run.annotations).toEqual([
        expect.objectContaining({
          level: 'error',
          message: expect.stringMatching(`^paved/${name} is not implemented yet`),
        }),
      ]);
      expect(run.outputs).toEqual({});
      expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    });
  }
});
