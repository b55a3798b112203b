import { resolvedEnvironment } from '@paved/test-support/targets';
import type { DeploymentRecord, DeploymentState, StatusUpdate } from '../../src/github/index.js';
import { settleAbandonedRelease, type ReleaseLedger, type ReleaseProgressState } from '../../src/release/index.js';
import { LockHeldError, type AbandonedRelease, type RunningRelease, type Target } from '../../src/targets/index.js';
import type { LockRequest } from '../../src/targets/target.js';

const RUN = 'https://github.com/acme/shop/actions/runs/77';
const OLD = `sha256:${'1'.repeat(64)}`;
const NEW = `sha256:${'2'.repeat(64)}`;

/** A docker-like target whose lock is this run's until taken over, and whose settle is recorded. */
class KilledRunTarget implements Target {
  readonly kind = 'docker' as const;
  readonly where = 'docker at the fake host';
  events: string[] = [];
  lockHolder?: string = RUN;
  settled: AbandonedRelease[] = [];
  private readonly running: RunningRelease;
  constructor(serving: string) {
    this.running = { name: 'shop-staging-9', digest: serving, running: true };
  }
  async lock(request: LockRequest) {
    if (this.lockHolder && this.lockHolder !== request.holder && !(await request.holderFinished?.(this.lockHolder))) {
      throw new LockHeldError(`locked by ${this.lockHolder}`, this.lockHolder);
    }
    this.lockHolder = request.holder;
    this.events.push(`lock ${request.holder}`);
    return {
      holder: request.holder,
      release: async () => {
        this.lockHolder = undefined;
        this.events.push('unlock');
      },
    };
  }
  async current() {
    return this.running;
  }
  deploy(): never {
    throw new Error('the post step deploys nothing');
  }
  rollback(): never {
    throw new Error('the post step rolls nothing back');
  }
  async dispose() {}
  async settle(abandoned: AbandonedRelease) {
    this.settled.push(abandoned);
    return [];
  }
}

class Ledger implements ReleaseLedger {
  statuses: Array<StatusUpdate & { id: number }> = [];
  constructor(private readonly latest: DeploymentState = 'in_progress') {}
  async create(): Promise<number> {
    throw new Error('the post step creates no record');
  }
  async setStatus(id: number, update: StatusUpdate) {
    this.statuses.push({ id, ...update });
  }
  async *history(): AsyncGenerator<DeploymentRecord> {}
  async get(id: number): Promise<DeploymentRecord> {
    const status = {
      id: 1,
      state: this.latest,
      description: '',
      environmentUrl: '',
      logUrl: RUN,
      createdAt: '',
      creator: 'bot',
    };
    return {
      id,
      sha: 'a'.repeat(40),
      ref: 'main',
      environment: 'staging',
      createdAt: '',
      creator: 'bot',
      payload: undefined,
      statuses: [status],
    };
  }
}

async function settle(
  state: ReleaseProgressState | undefined,
  target = new KilledRunTarget(OLD),
  ledger = new Ledger(),
) {
  const warnings: string[] = [];
  const outcome = await settleAbandonedRelease({
    state,
    environment: resolvedEnvironment(),
    target,
    ledger,
    runUrl: RUN,
    log: { info: () => {}, warning: (m) => warnings.push(m) },
  });
  return { outcome, target, ledger, warnings };
}

describe('settleAbandonedRelease (the post step)', () => {
  it('does nothing when main finished or saved nothing', async () => {
    for (const state of [undefined, { phase: 'verify', deploymentId: 5, digest: NEW, finished: true }]) {
      const { outcome, target, ledger } = await settle(state);
      expect(outcome).toEqual({ action: 'nothing' });
      expect(target.events).toEqual([]);
      expect(ledger.statuses).toEqual([]);
    }
  });

  it('before the switch: takes its own lock over, settles the target, records failure and unlocks', async () => {
    const { outcome, target, ledger } = await settle({ phase: 'health', deploymentId: 5, digest: NEW });
    expect(target.events).toEqual([`lock ${RUN}#post`, 'unlock']);
    expect(target.settled).toEqual([{ deploymentId: 5, digest: NEW }]);
    expect(target.lockHolder).toBeUndefined();
    expect(outcome).toMatchObject({ action: 'settled', recorded: 'failure' });
    expect(ledger.statuses).toEqual([
      expect.objectContaining({
        id: 5,
        state: 'failure',
        logUrl: RUN,
        description: 'Cancelled during health; traffic was not switched: the old release keeps serving.',
      }),
    ]);
  });

  it('after the switch with the new digest serving: records success, the post step having finished it', async () => {
    const { ledger } = await settle({ phase: 'drain', deploymentId: 5, digest: NEW }, new KilledRunTarget(NEW));
    expect(ledger.statuses.map((s) => [s.state, s.description])).toEqual([
      ['success', 'Cancelled during drain after the switch; the post step finished it: the new release serves.'],
    ]);
  });

  it('a lock another run holds by now: the target is left alone and the record says error', async () => {
    const target = new KilledRunTarget(OLD);
    target.lockHolder = 'https://github.com/acme/shop/actions/runs/78';
    const { ledger, warnings } = await settle({ phase: 'pull', deploymentId: 5, digest: NEW }, target);
    expect(target.settled).toEqual([]);
    expect(target.lockHolder).toBe('https://github.com/acme/shop/actions/runs/78');
    expect(ledger.statuses.map((s) => s.state)).toEqual(['error']);
    expect(warnings).toEqual([
      expect.stringContaining('runs/78 holds the deploy lock now'),
      expect.stringMatching(/^Recorded deployment 5 as error: Cancelled during pull; another run holds/),
    ]);
  });

  it('leaves a record main already closed as it is, and only unlocks when no record was made', async () => {
    const closed = await settle({ phase: 'verify', deploymentId: 5, digest: NEW }, undefined, new Ledger('success'));
    expect(closed.ledger.statuses).toEqual([]);
    const early = await settle({ phase: 'lock' });
    expect(early.target.events).toEqual([`lock ${RUN}#post`, 'unlock']);
    expect(early.ledger.statuses).toEqual([]);
  });
});
