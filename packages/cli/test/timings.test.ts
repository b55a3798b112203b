import type { JobRun } from '../src/index.js';
import { run } from './helpers.js';

const jobNamed = (jobs: JobRun[], label: string) => jobs.find((job) => job.label === label)!;

/** Every step lies inside its job, and each starts no earlier than the one before ended. */
function expectOrdered(job: JobRun) {
  let last = job.startedAt.getTime();
  for (const step of job.steps) {
    expect(step.startedAt.getTime()).toBeGreaterThanOrEqual(last);
    expect(step.endedAt.getTime()).toBeGreaterThanOrEqual(step.startedAt.getTime());
    last = step.endedAt.getTime();
  }
  expect(job.endedAt.getTime()).toBeGreaterThanOrEqual(last);
}

describe('the times paved run records', () => {
  it('gives every job and step its start and end, post steps last, in the order they ran', async () => {
    const before = Date.now();
    const result = await run('post');
    const after = Date.now();
    expect(result.exitCode).toBe(0);
    const [job] = result.jobs;
    expect(job!.steps.map((step) => [step.label, step.outcome])).toEqual([
      ['Run ./local-actions/post-probe', 'success'],
      ['Run ./local-actions/post-probe', 'success'],
      [expect.stringMatching(/^Run echo "between seen=/), 'success'],
      ['Post Run ./local-actions/post-probe', 'success'],
      ['Post Run ./local-actions/post-probe', 'success'],
    ]);
    expect(job!.startedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(job!.endedAt.getTime()).toBeLessThanOrEqual(after);
    expectOrdered(job!);
  });

  it('records skipped steps and jobs with why, and jobs one after another', async () => {
    const result = await run('conditions');
    const breaks = jobNamed(result.jobs, 'breaks');
    expect(breaks.steps.map((step) => step.outcome)).toEqual([
      'success',
      'failure',
      'success',
      'failure',
      'skipped',
      'success',
      'success',
    ]);
    expectOrdered(breaks);
    const dependant = jobNamed(result.jobs, 'dependant');
    expect(dependant).toMatchObject({ result: 'skipped', skipReason: 'if: success()', steps: [] });
    expect(dependant.startedAt).toEqual(dependant.endedAt);
    expect(dependant.startedAt.getTime()).toBeGreaterThanOrEqual(breaks.endedAt.getTime());
    expect(jobNamed(result.jobs, 'report').skipReason).toBeUndefined();
  });

  it('frames a reusable workflow’s jobs with the job that called it', async () => {
    const result = await run('call', { secrets: { API_TOKEN: 'tok-abcdef-123' } });
    const caller = jobNamed(result.jobs, 'greet');
    const called = jobNamed(result.jobs, 'greet / say');
    expect(caller.calls).toMatch(/called\.yml$/);
    expect(caller.steps).toEqual([]);
    expect(called.calls).toBeUndefined();
    expect(called.startedAt.getTime()).toBeGreaterThanOrEqual(caller.startedAt.getTime());
    expect(called.endedAt.getTime()).toBeLessThanOrEqual(caller.endedAt.getTime());
  });
});
