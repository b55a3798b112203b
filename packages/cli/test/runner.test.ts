import os from 'node:os';
import path from 'node:path';
import { secretsFile } from '@paved/test-support/workspace';
import { resultsOf, run } from './helpers.js';

describe('paved run', () => {
  it('runs jobs in needs order and carries step and job outputs', async () => {
    const result = await run('order');
    expect(result.exitCode).toBe(0);
    expect(result.jobs.map((job) => job.id)).toEqual(['first', 'middle', 'last']);
    expect(result.output).toContain('first saw 21 (outcome success)');
    expect(result.output).toContain('last got 42');
    expect(result.jobs.find((job) => job.id === 'middle')?.outputs).toEqual({ doubled: '42' });
  });

  it('applies if: with success(), failure(), always() and continue-on-error, skipping dependants as GitHub does', async () => {
    const result = await run('conditions');
    expect(result.exitCode).toBe(1);
    expect(resultsOf(result)).toEqual({
      breaks: 'failure',
      dependant: 'skipped',
      grandchild: 'skipped',
      'on-failure': 'success',
      report: 'success',
    });
    expect(result.output).toContain('tolerated outcome=failure conclusion=success');
    expect(result.output).not.toContain('│ never printed');
    expect(result.output).toContain('cleanup after failure');
    expect(result.output).toContain('always in breaks');
    expect(result.output).toContain('report saw failure and skipped');
    expect(result.output).toMatch(/Summary[\s\S]*breaks\s+failure[\s\S]*Conditions failed in/);
  });

  it('layers env workflow < job < GITHUB_ENV < step and prepends GITHUB_PATH', async () => {
    const result = await run('env');
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('1 LAYER=job WORKFLOW_ONLY=w JOB_ONLY=j');
    expect(result.output).toContain('2 LAYER=from-github-env FROM_FILE=exported ctx=exported tool=tool-on-path');
    expect(result.output).toContain('3 LAYER=step');
    expect(result.output).toMatch(/4 sha=[0-9a-f]{40} repo=acme\/shop event=push ref=\S+ api=http:\/\/127\.0\.0\.1:9/);
  });

  it('runs JavaScript actions on Node 24 and their post steps at the end of the job, last first', async () => {
    const result = await run('post');
    expect(result.exitCode).toBe(0);
    const lines = result.output.split('\n').filter((line) => /│ (main|post|between)/.test(line));
    expect(lines.map((line) => line.replace(/^.*│ /, '').split(' ').slice(0, 2).join(' '))).toEqual([
      'main one',
      'main two',
      'between seen=one',
      'post two',
      'post one',
    ]);
    expect(result.output).toMatch(/main one on v24\.\d+\.\d+, token set/);
    expect(result.output).toContain('between seen=one env=two');
    expect(result.output).toContain('post one (state main');
  });

  it('calls a reusable workflow with typed inputs, defaults and secrets, and returns its outputs', async () => {
    const result = await run('call', { secrets: { API_TOKEN: 'tok-abcdef-123' } });
    expect(result.exitCode).toBe(0);
    expect(result.jobs.map((job) => job.label)).toEqual(['prepare', 'greet', 'greet / say', 'after']);
    expect(result.output).toContain("after got 'HELLO PAVED!'");
    expect(result.output).toContain('token is ***');
    expect(result.jobs.find((job) => job.id === 'greet')?.outputs).toEqual({ message: 'HELLO PAVED!' });
  });

  it('fails the calling job when a required secret is missing, naming it', async () => {
    const result = await run('call');
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain("requires the secret 'token': pass it under secrets: of job 'greet'");
    expect(resultsOf(result)).toMatchObject({ greet: 'failure', after: 'skipped' });
  });

  it('refuses a third-party action before anything runs', async () => {
    const result = await run('third-party');
    expect(result.exitCode).toBe(2);
    expect(result.jobs).toEqual([]);
    expect(result.output).toContain('docker/build-push-action@v6 is a third-party action');
    expect(result.output).toContain('nothing was started');
    expect(result.output).not.toContain('must not run');
  });

  it('masks secrets from the secrets file, the token and values registered with add-mask', async () => {
    const file = secretsFile('# local secrets\nDB_PASSWORD="hunter2-secret"\n');
    const result = await run('secrets', { secretsFile: file });
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('password is ***');
    expect(result.output).toContain('later ***');
    expect(result.output).toContain('token ***');
    expect(result.output).not.toContain('hunter2-secret');
    expect(result.output).not.toContain('runtime-value-123');
    expect(result.output).not.toContain('ghs_');
  });

  it('enforces timeout-minutes by stopping the step and everything it started', async () => {
    const started = Date.now();
    const result = await run('timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/✗ Run echo started .* timed out after 1s/);
    expect(result.output).toContain('after timeout');
  });

  it('builds workflow_dispatch inputs: defaults, booleans, github.event.inputs, and required ones', async () => {
    const ok = await run('dispatch', {
      event: 'workflow_dispatch',
      inputs: { reason: 'bad release', 'dry-run': 'true' },
    });
    expect(ok.exitCode).toBe(0);
    expect(ok.output).toContain('env=staging reason=bad release dry=true event=bad release');

    const missing = await run('dispatch', { event: 'workflow_dispatch' });
    expect(missing.exitCode).toBe(2);
    expect(missing.output).toContain("requires the input 'reason': pass --input reason=...");

    const wrong = await run('dispatch', { inputs: { reason: 'x', environment: 'moon' } });
    expect(wrong.exitCode).toBe(2);
    expect(wrong.output).toContain("input 'environment' must be one of staging, production");
  });

  it('runs one job with --job, and the jobs it needs', async () => {
    const result = await run('order', { job: 'middle' });
    expect(result.jobs.map((job) => job.id)).toEqual(['first', 'middle']);
  });

  it('explains an invalid workflow instead of running it', async () => {
    const result = await run('order', { workflow: path.join(os.tmpdir(), 'does-not-exist.yml') });
    expect(result.exitCode).toBe(2);
    expect(result.output).toMatch(/No workflow .*does-not-exist\.yml/);
  });
});
