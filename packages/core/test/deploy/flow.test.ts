import { FakeTarget, resolvedEnvironment } from '@paved/test-support/targets';
import { markerText, releaseVersion, runDeploy } from '../../src/deploy/index.js';
import { causeChain, describeFailure, errorKind } from '../../src/action/errors.js';
import { checkLedgerLock, type ReleaseLedger } from '../../src/release/index.js';
import type { DeploymentRecord, NewDeployment, StatusUpdate } from '../../src/github/index.js';
import { LockHeldError, type Target } from '../../src/targets/index.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const IMAGE = `127.0.0.1:5000/acme/shop:v2@${digest('2')}`;
const RUN = 'https://github.com/acme/shop/actions/runs/1';

const environment = resolvedEnvironment('staging', {
  url: 'https://staging.example.com',
  healthTimeoutMs: 30_000,
  drainTimeoutMs: 30_000,
  migrateRollback: ['node', 'migrate.mjs', 'down'],
});

/** A target running v1 as deployment 7, whose switches happen at a fixed time. */
function fakeTarget(): FakeTarget {
  const target = new FakeTarget({
    name: 'shop-staging-7',
    image: `127.0.0.1:5000/acme/shop:v1@${digest('1')}`,
    digest: digest('1'),
    deploymentId: 7,
    version: 'v1',
    running: true,
  });
  target.switchedAt = new Date('2025-01-01T00:00:00Z');
  return target;
}

class FakeLedger implements ReleaseLedger {
  created: NewDeployment[] = [];
  statuses: Array<StatusUpdate & { id: number }> = [];
  failCreate = false;
  failStatus: string[] = [];
  past: DeploymentRecord[] = [];
  async create(deployment: NewDeployment) {
    if (this.failCreate) throw new Error('Server Error (502)');
    this.created.push(deployment);
    return 100 + this.created.length;
  }
  async setStatus(id: number, update: StatusUpdate) {
    if (this.failStatus.includes(update.state)) throw new Error('Service Unavailable (503)');
    this.statuses.push({ id, ...update });
  }
  async *history(): AsyncGenerator<DeploymentRecord> {
    yield* this.past;
  }
  async get(id: number): Promise<DeploymentRecord> {
    const found = this.past.find((d) => d.id === id);
    if (!found) throw Object.assign(new Error('Not Found'), { status: 404 });
    return found;
  }
}

function request(target: Target, ledger: ReleaseLedger, warnings: string[] = []) {
  return {
    environment,
    target,
    ledger,
    image: IMAGE,
    version: 'v2',
    sha: 'a'.repeat(40),
    runUrl: RUN,
    log: { info: () => {}, warning: (m: string) => warnings.push(m) },
  };
}

describe('runDeploy', () => {
  it('locks, records, deploys, verifies, records success and unlocks', async () => {
    const target = fakeTarget();
    const ledger = new FakeLedger();
    const { report, error } = await runDeploy(request(target, ledger));
    expect(error).toBeUndefined();
    expect(ledger.created).toEqual([
      expect.objectContaining({
        ref: 'a'.repeat(40),
        environment: 'staging',
        productionEnvironment: false,
        transientEnvironment: false,
        payload: {
          image: IMAGE,
          digest: digest('2'),
          version: 'v2',
          target: 'docker',
          previous_deployment_id: 7,
          service: 'shop',
          migrate_rollback: 'node migrate.mjs down',
        },
      }),
    ]);
    expect(ledger.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(ledger.statuses[1]).toMatchObject({ environmentUrl: 'https://staging.example.com', logUrl: RUN });
    expect(target.events).toEqual(['lock', 'start 101', 'unlock']);
    expect(report).toMatchObject({
      outcome: 'success',
      deploymentId: 101,
      deployedAt: '2025-01-01T00:00:00.000Z',
      recorded: true,
    });
    expect(report.phases.map((p) => p.name)).toEqual(['lock', 'record', 'start', 'verify']);
  });

  it('marks the deployment failure when the target then runs something else', async () => {
    const target = fakeTarget();
    target.afterDeploy = {
      name: 'shop-staging-101',
      digest: digest('2'),
      running: false,
      state: 'restarting (restarted 2 times, last exit code 1)',
    };
    const ledger = new FakeLedger();
    const { report, error } = await runDeploy(request(target, ledger));
    expect(error?.message).toMatch(
      /^After the switch, docker at the fake host runs shop-staging-101 restarting \(restarted 2 times, last exit code 1\)/,
    );
    expect(report).toMatchObject({ outcome: 'failure', failedPhase: 'verify', switched: true });
    expect(ledger.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(target.events.at(-1)).toBe('unlock');
  });

  it('changes nothing when the lock is held', async () => {
    const target = fakeTarget();
    target.lockedBy = 'RUN2';
    const ledger = new FakeLedger();
    const { report, error } = await runDeploy(request(target, ledger));
    expect(error).toBeInstanceOf(LockHeldError);
    expect(ledger.created).toEqual([]);
    expect(target.events).toEqual([]);
    expect(report.outcome).toBe('failure');
  });

  it('deploys nothing when GitHub cannot record the deployment, and still unlocks', async () => {
    const target = fakeTarget();
    const ledger = new FakeLedger();
    ledger.failCreate = true;
    const { error } = await runDeploy(request(target, ledger));
    expect(error?.message).toMatch(
      /^GitHub did not record the deployment \(Server Error \(502\)\); nothing was changed/,
    );
    expect(target.events).toEqual(['lock', 'unlock']);
  });

  it('warns but succeeds when GitHub is down after the switch', async () => {
    const target = fakeTarget();
    const ledger = new FakeLedger();
    ledger.failStatus = ['success'];
    const warnings: string[] = [];
    const { report, error } = await runDeploy(request(target, ledger, warnings));
    expect(error).toBeUndefined();
    expect(report).toMatchObject({ outcome: 'success', recorded: false, deployedAt: '2025-01-01T00:00:00.000Z' });
    expect(warnings).toEqual([
      expect.stringMatching(/^v2 is deployed and serving, but GitHub did not record its success/),
    ]);
  });

  it('sends the in_progress status while the target works, and the final one only after it', async () => {
    const target = fakeTarget();
    const ledger = new FakeLedger();
    const order: string[] = [];
    let releaseStatus!: () => void;
    const held = new Promise<void>((resolve) => (releaseStatus = resolve));
    const setStatus = ledger.setStatus.bind(ledger);
    ledger.setStatus = async (id, update) => {
      // GitHub slow to take in_progress: the target starts anyway, the final status waits for it.
      if (update.state === 'in_progress') await held;
      order.push(update.state);
      await setStatus(id, update);
    };
    const deploy = target.deploy.bind(target);
    target.deploy = async (release, hooks) => {
      order.push('target');
      releaseStatus();
      return deploy(release, hooks);
    };
    const { report, error } = await runDeploy(request(target, ledger));
    expect(error).toBeUndefined();
    expect(report.outcome).toBe('success');
    expect(order).toEqual(['target', 'in_progress', 'success']);
  });

  it('goes on with a warning when GitHub refuses only the in_progress status: the deployment is recorded', async () => {
    const target = fakeTarget();
    const ledger = new FakeLedger();
    ledger.failStatus = ['in_progress'];
    const warnings: string[] = [];
    const { report, error } = await runDeploy(request(target, ledger, warnings));
    expect(error).toBeUndefined();
    expect(report).toMatchObject({ outcome: 'success', recorded: true });
    expect(ledger.statuses.map((s) => s.state)).toEqual(['success']);
    expect(warnings).toEqual([
      'GitHub did not take the in_progress status of deployment 101 (Service Unavailable (503)); the release went on, since the deployment itself is recorded',
    ]);
  });

  it('uses the ledger as the lock for targets without one', async () => {
    const target = fakeTarget();
    const lockless: Target = {
      ...target,
      kind: 'command',
      where: 'command deploy.sh',
      lock: undefined,
      current: () => target.current(),
      deploy: (r, h) => target.deploy(r, h),
      rollback: (r, h) => target.deploy(r, h),
      dispose: async () => {},
    };
    const ledger = new FakeLedger();
    ledger.past = [
      {
        id: 55,
        sha: 'b'.repeat(40),
        ref: 'b'.repeat(40),
        environment: 'staging',
        createdAt: new Date(Date.now() - 60_000).toISOString(),
        creator: 'bot',
        payload: undefined,
        statuses: [
          {
            id: 1,
            state: 'in_progress',
            description: '',
            environmentUrl: '',
            logUrl: 'https://github.com/acme/shop/actions/runs/2',
            createdAt: '',
            creator: '',
          },
        ],
      },
    ];
    const { error } = await runDeploy(request(lockless, ledger));
    expect(error?.message).toMatch(
      /^Environment staging is locked by another deploy: https:\/\/github\.com\/acme\/shop\/actions\/runs\/2/,
    );
    expect(ledger.created).toEqual([]);
  });
});

describe('deployment marker and version', () => {
  it('writes paved_deployment with escaped labels and the time in seconds', () => {
    expect(
      markerText({
        service: 'shop',
        environment: 'staging',
        version: 'v"2',
        sha: 'abc',
        at: new Date(1_700_000_000_500),
      }),
    ).toBe(
      '# HELP paved_deployment Unix time in seconds when this version took traffic.\n' +
        '# TYPE paved_deployment gauge\n' +
        'paved_deployment{environment="staging",version="v\\"2",sha="abc"} 1700000000.5\n',
    );
  });

  it('takes the version from the input, else the image tag, else the short SHA', () => {
    expect(releaseVersion('1.2.3', IMAGE, 'abcdef1234')).toBe('1.2.3');
    expect(releaseVersion(undefined, IMAGE, 'abcdef1234')).toBe('v2');
    expect(releaseVersion('', `ghcr.io/acme/shop@${digest('2')}`, 'abcdef1234')).toBe('abcdef1');
  });

  it('reports a TypeError in a target as a bug, with its original stack kept for the debug log', async () => {
    const target = fakeTarget();
    target.during = async (hooks) => {
      await hooks.phase('start', async () => {
        const facts = undefined as unknown as { digest: string };
        return facts.digest;
      });
    };
    const ledger = new FakeLedger();
    const { report, error } = await runDeploy(request(target, ledger));
    expect(errorKind(error)).toBe('bug');
    expect(describeFailure(error)).toMatch(
      /^Unexpected error: start failed on docker at the fake host: Cannot read properties of undefined/,
    );
    expect(describeFailure(error)).toContain('report it');
    const chain = causeChain(error);
    expect(chain).toMatch(/Caused by: TypeError: Cannot read properties of undefined/);
    expect(chain).toContain('flow.test.ts');
    expect(report).toMatchObject({ outcome: 'failure', failedPhase: 'start', switched: false });
    expect(ledger.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(target.events.at(-1)).toBe('unlock');
  });

  it('on cancellation before the switch, ends the waiting phase at once, records failure and unlocks', async () => {
    const target = fakeTarget();
    const controller = new AbortController();
    let switched = false;
    target.during = async (hooks) => {
      // A health check that would wait for minutes; the runner cancels the job meanwhile.
      setTimeout(() => controller.abort(), 20);
      await hooks.phase('health', () => new Promise((resolve) => setTimeout(resolve, 60_000).unref()));
      await hooks.phase('switch', async () => (switched = true));
    };
    const ledger = new FakeLedger();
    const started = Date.now();
    const { report, error } = await runDeploy({ ...request(target, ledger), signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error?.message).toMatch(/^The run was cancelled before health/);
    expect(errorKind(error)).toBe('user');
    expect(switched).toBe(false);
    expect(report).toMatchObject({ outcome: 'failure', switched: false });
    expect(ledger.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(target.events).toEqual(['lock', 'unlock']);
  });

  it('on cancellation after the switch, finishes the release so traffic is never half-moved', async () => {
    const target = fakeTarget();
    const controller = new AbortController();
    const ran: string[] = [];
    target.during = async (hooks) => {
      await hooks.phase('switch', async () => {
        ran.push('switch');
        controller.abort();
      });
      await hooks.phase('drain', async () => void ran.push('drain'));
      await hooks.phase('stop', async () => void ran.push('stop'));
    };
    const ledger = new FakeLedger();
    const { report, error } = await runDeploy({ ...request(target, ledger), signal: controller.signal });
    expect(error).toBeUndefined();
    expect(ran).toEqual(['switch', 'drain', 'stop']);
    expect(report.outcome).toBe('success');
    expect(ledger.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(target.events.at(-1)).toBe('unlock');
  });
});

describe('checkLedgerLock', () => {
  const inProgress = (logUrl: string): DeploymentRecord => ({
    id: 9,
    sha: 'b'.repeat(40),
    ref: 'main',
    environment: 'staging',
    createdAt: new Date(Date.now() - 60_000).toISOString(),
    creator: 'github-actions[bot]',
    payload: undefined,
    statuses: [
      {
        id: 1,
        state: 'in_progress',
        description: '',
        environmentUrl: '',
        logUrl,
        createdAt: new Date().toISOString(),
        creator: 'github-actions[bot]',
      },
    ],
  });
  async function* history(records: DeploymentRecord[]) {
    yield* records;
  }
  const CANCELLED = 'https://github.com/acme/shop/actions/runs/41';

  it('takes over at once from a run GitHub says has finished', async () => {
    const lock = await checkLedgerLock(history([inProgress(CANCELLED)]), {
      environment: 'staging',
      runUrl: RUN,
      timeoutMs: 1_800_000,
      holderFinished: async (holder) => holder === CANCELLED,
    });
    expect(lock).toMatchObject({ holder: RUN, tookOverFrom: CANCELLED });
  });

  it('waits for a run that is still going, or when GitHub cannot say', async () => {
    for (const holderFinished of [async () => false, async () => Promise.reject(new Error('503'))]) {
      await expect(
        checkLedgerLock(history([inProgress(CANCELLED)]), {
          environment: 'staging',
          runUrl: RUN,
          timeoutMs: 1_800_000,
          holderFinished,
        }),
      ).rejects.toBeInstanceOf(LockHeldError);
    }
  });
});
