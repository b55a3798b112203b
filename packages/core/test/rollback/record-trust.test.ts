// Which records a rollback believes: with ledger-key only those whose signature verifies;
// without it, those created by the workflow's own identity first. And what reading them costs.
import { signRecord, type DeploymentEntry, type DeploymentStatusRecord } from '../../src/github/index.js';
import { planRollback, type PlanInput } from '../../src/rollback/choose.js';
import type { HistorySource } from '../../src/rollback/history.js';

const KEY = 'the ledger key';
const REPO = '127.0.0.1:5000/acme/shop';
const BOT = 'github-actions[bot]';
const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const sha = (n: number) => n.toString(16).padStart(40, 'c');

interface Made extends DeploymentEntry {
  states: DeploymentStatusRecord['state'][];
}

/** A deployment of release `n` as Paved records it: signed with `key` when given. */
function deployment(id: number, n: number, options: { key?: string; creator?: string; states?: string[] } = {}): Made {
  const payload = {
    image: `${REPO}:v${n}@${digest(n)}`,
    digest: digest(n),
    version: `v${n}`,
    target: 'docker',
    previous_deployment_id: null,
    service: 'shop',
  };
  const record = { environment: 'production', ref: sha(n), payload };
  return {
    id,
    sha: sha(n),
    ref: sha(n),
    environment: 'production',
    createdAt: new Date(1_700_000_000_000 + id * 1000).toISOString(),
    creator: options.creator ?? BOT,
    payload: options.key ? signRecord(options.key, record) : payload,
    states: (options.states ?? ['success']) as Made['states'],
  };
}

/** Newest first, statuses on demand, counting every status read. */
function source(deployments: Made[]): HistorySource & { statusReads: number[] } {
  const byId = new Map(deployments.map((d) => [d.id, d]));
  const reads: number[] = [];
  return {
    statusReads: reads,
    entries: (async function* () {
      for (const { states: _states, ...entry } of [...deployments].sort((a, b) => b.id - a.id)) yield entry;
    })(),
    async statuses(id) {
      reads.push(id);
      return (byId.get(id)?.states ?? []).map((state, index) => ({
        id: id * 100 + index,
        state,
        description: '',
        environmentUrl: '',
        logUrl: '',
        createdAt: '',
        creator: BOT,
      }));
    },
  };
}

const running = (n: number) => ({
  name: `shop-${n}`,
  image: `${REPO}:v${n}@${digest(n)}`,
  digest: digest(n),
  running: true,
});

function plan(history: HistorySource, extra: Partial<PlanInput> = {}) {
  return planRollback({
    environment: 'production',
    to: { kind: 'previous' },
    history,
    get: async () => undefined,
    running: running(3),
    fallbackSha: sha(0),
    ...extra,
  });
}

describe('with ledger-key', () => {
  it('restores the newest release whose signature verifies, naming each record it refused and why', async () => {
    const history = source([
      deployment(1, 1, { key: KEY }),
      deployment(2, 2, { key: KEY }),
      deployment(3, 3, { key: KEY }),
      deployment(4, 9, { key: 'a stolen guess' }),
      deployment(5, 8, { creator: 'mallory' }),
    ]);
    // v3 runs; the forged v9 and v8 are newer and "good", but neither verifies.
    const result = await plan(history, { ledgerKey: KEY });
    expect(result.restore).toMatchObject({ version: 'v2', deploymentId: 2 });
    expect(result.bad?.id).toBe(3);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^Ignored deployment 5 \(created by mallory\): it carries no signature/),
      expect.stringMatching(
        /^Ignored deployment 4 \(created by github-actions\[bot\]\): its signature does not verify with ledger-key/,
      ),
    ]);
    expect(result.records).toEqual({ signed: true, preferredCreator: undefined, ignored: 2 });
    // Statuses were read for the current release and the one restored, not for the forgeries.
    expect(history.statusReads).toEqual([3, 2]);
  });

  it('refuses a named record that is unsigned, changing nothing', async () => {
    const forged = deployment(7, 7, { creator: 'mallory' });
    await expect(
      plan(source([deployment(3, 3, { key: KEY })]), {
        ledgerKey: KEY,
        to: { kind: 'deployment', id: 7 },
        get: async () => ({ ...forged, statuses: [] }),
      }),
    ).rejects.toThrow(/^Deployment 7 cannot be restored: it carries no signature .*Nothing was changed/);
  });

  it('refuses when no record verifies, and says so', async () => {
    const warnings: string[] = [];
    await expect(
      plan(source([deployment(1, 1), deployment(2, 2), deployment(3, 3)]), {
        ledgerKey: KEY,
        warn: (m) => warnings.push(m),
      }),
    ).rejects.toThrow(/^No earlier good deployment of production to roll back to/);
    // Each refusal was told as it was found, so it is not lost with the error.
    expect(warnings).toEqual([
      expect.stringMatching(/^Ignored deployment 3 .*carries no signature/),
      expect.stringMatching(/^Ignored deployment 2 .*carries no signature/),
      expect.stringMatching(/^Ignored deployment 1 .*carries no signature/),
    ]);
  });

  it('names ten refused records and counts the rest', async () => {
    const forged = Array.from({ length: 25 }, (_, i) => deployment(100 + i, 50 + i, { creator: 'mallory' }));
    const result = await plan(source([deployment(1, 1, { key: KEY }), deployment(3, 3, { key: KEY }), ...forged]), {
      ledgerKey: KEY,
    });
    expect(result.restore.deploymentId).toBe(1);
    expect(result.warnings).toHaveLength(11);
    expect(result.warnings.at(-1)).toBe('Ignored 15 more deployments for the same kinds of reasons.');
  });
});

describe('without ledger-key', () => {
  it("prefers a record created by the workflow's identity over a newer one created by another", async () => {
    const result = await plan(
      source([deployment(1, 1), deployment(2, 2), deployment(3, 3), deployment(4, 8, { creator: 'mallory' })]),
      { identity: BOT },
    );
    expect(result.restore).toMatchObject({ version: 'v2', deploymentId: 2 });
    expect(result.records).toEqual({ signed: false, preferredCreator: BOT, ignored: 0 });
    expect(result.warnings).toEqual([]);
  });

  it('refuses a release created by another identity, naming it and how to restore it anyway', async () => {
    await expect(
      plan(source([deployment(1, 1, { creator: 'deploy-app[bot]' }), deployment(3, 3)]), { identity: BOT }),
    ).rejects.toThrow(
      /^Deployment 1 \(v1\) is the newest good release to restore, but it was created by deploy-app\[bot\], not github-actions\[bot\] .*Nothing was changed\. If you trust it, name it with to: 1;/,
    );
  });

  it('restores a record of another identity when it is named, and warns', async () => {
    const other = deployment(1, 1, { creator: 'deploy-app[bot]' });
    const result = await plan(source([other, deployment(3, 3)]), {
      identity: BOT,
      to: { kind: 'deployment', id: 1 },
      get: async () => ({ ...other, statuses: [] }),
    });
    expect(result.restore.deploymentId).toBe(1);
    expect(result.warnings[0]).toMatch(
      /^Deployment 1 was created by deploy-app\[bot\], not github-actions\[bot\] .*restoring it because it was named explicitly\.$/,
    );
  });

  it('takes the current release from its own identity too', async () => {
    // A forged record of the running digest must not become "the bad one" that gets marked failed.
    const result = await plan(source([deployment(1, 1), deployment(2, 3), deployment(5, 3, { creator: 'mallory' })]), {
      identity: BOT,
    });
    expect(result.bad?.id).toBe(2);
  });
});

describe('reading history', () => {
  it('reads statuses only for candidates: a long history costs what the answer needs', async () => {
    const long = Array.from({ length: 3_000 }, (_, i) => deployment(i + 1, i + 1));
    const history = source(long);
    const result = await plan(history, { running: running(3_000) });
    expect(result.restore.deploymentId).toBe(2_999);
    expect(history.statusReads).toEqual([3_000, 2_999]);
    expect(result.reading).toMatchObject({ listed: 2, statusReads: 2, reachedDepth: false });
  });

  it('stops at the depth the source was given, and says so in the refusal', async () => {
    const failed = Array.from({ length: 50 }, (_, i) => deployment(i + 10, i + 10, { states: ['failure'] }));
    const all = [deployment(1, 1), ...failed, deployment(100, 3)];
    const bounded = source(all);
    const entries = bounded.entries;
    const depth = 20;
    const limited: HistorySource = {
      depth,
      statuses: bounded.statuses,
      entries: (async function* () {
        let n = 0;
        for await (const entry of entries) {
          yield entry;
          if (++n >= depth) return;
        }
      })(),
    };
    await expect(plan(limited)).rejects.toThrow(
      /^No earlier good deployment of production to roll back to within the newest 20 deployments \(history-depth\).*raise history-depth\.$/,
    );
  });
});
