import {
  payloadOf as payload,
  RECORDED_URL,
  shaOf as sha,
  useLedgerFixture,
  type LedgerFixture,
} from '@paved/test-support/ledger';
import {
  createGitHubClient,
  DeploymentLedger,
  findPullRequestsForCommit,
  signatureProblem,
  tokenLogin,
  upsertIssueComment,
} from '../../src/github/index.js';

const fx = useLedgerFixture();
const deploy: LedgerFixture['record'] = (...args) => fx.record(...args);

describe('DeploymentLedger', () => {
  it('records a deployment with Paved’s payload, and statuses with the run’s log URL', async () => {
    const id = await deploy('ledger-basics', 'v1', ['in_progress', 'success']);
    const record = await fx.ledger.get(id);
    expect(record.payload).toEqual(payload('v1'));
    expect(record.environment).toBe('ledger-basics');
    expect(record.statuses.map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(record.statuses[0]?.logUrl).toBe(fx.github.runUrl);
    expect(record.statuses[0]?.environmentUrl).toBe(RECORDED_URL);
  });

  it('finds the last good release as the issue’s history says: v1 good, v2 rolled back, v3 good, v4 bad → v3', async () => {
    // A non-production environment, so GitHub's auto_inactive marks superseded successes inactive.
    const env = 'staging-history';
    const v1 = await deploy(env, 'v1', ['in_progress', 'success']);
    const v2 = await deploy(env, 'v2', ['in_progress', 'success']);
    await deploy(env, 'v1', ['in_progress', 'success'], { rollback_of: v2 });
    await fx.ledger.setStatus(v2, { state: 'failure', description: 'rolled back' });
    const v3 = await deploy(env, 'v3', ['in_progress', 'success']);
    const v4 = await deploy(env, 'v4', ['in_progress', 'success']);
    await fx.ledger.setStatus(v4, { state: 'failure', description: 'quality gate failed' });

    expect((await fx.ledger.get(v3)).statuses[0]?.state).toBe('inactive');
    const good = await fx.ledger.findLastGoodDeployment(env, [v4]);
    expect(good?.id).toBe(v3);
    expect(good?.payload?.version).toBe('v3');
    // Excluding v3 too walks back past the failed v2 to the rollback that restored v1.
    const before = await fx.ledger.findLastGoodDeployment(env, [v4, v3]);
    expect(before?.payload).toMatchObject({ version: 'v1', rollback_of: v2 });
    expect(v1).toBeLessThan(v2);
  });

  it('ignores deployments Paved did not record, and says so by returning nothing', async () => {
    const env = 'foreign';
    await fx.github.octokit.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'shop',
      ref: sha(7),
      environment: env,
      required_contexts: [],
      auto_merge: false,
    });
    expect(await fx.ledger.findLastGoodDeployment(env)).toBeUndefined();
  });

  it('reads the whole history, past the first page of 100', async () => {
    const env = 'long-history';
    const first = await deploy(env, 'v1', ['success']);
    for (let i = 2; i <= 130; i++) await deploy(env, `v${i}`, []);
    const ids: number[] = [];
    for await (const deployment of fx.ledger.history(env)) ids.push(deployment.id);
    expect(ids).toHaveLength(130);
    expect(ids.at(-1)).toBe(first);
    expect((await fx.ledger.findLastGoodDeployment(env))?.id).toBe(first);
  });

  it('rides out GitHub 5xx answers with retries', async () => {
    fx.gh.faults.add({ method: 'POST', path: '/repos/acme/shop/deployments', kind: 'status', status: 502, times: 2 });
    const id = await deploy('flaky', 'v1', ['success']);
    expect((await fx.ledger.get(id)).statuses[0]?.state).toBe('success');
    const posts = fx.gh.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/shop/deployments');
    expect(posts.slice(-3).map((r) => r.status)).toEqual([502, 502, 201]);
  });
});

describe('pull requests and comments', () => {
  it('finds the merged pull request of a commit and keeps one comment per marker', async () => {
    const merge = sha(99);
    fx.gh.seed({
      repositories: [
        {
          owner: 'acme',
          name: 'shop',
          commits: [{ sha: merge, message: 'Merge pull request #12' }],
          pulls: [
            {
              number: 12,
              title: 'Faster checkout',
              user: 'mona',
              head_sha: sha(98),
              merged: true,
              merge_commit_sha: merge,
              commits: [merge],
            },
          ],
        },
      ],
    });
    const pulls = await findPullRequestsForCommit(fx.github, merge);
    expect(pulls.map((p) => [p.number, p.author])).toEqual([[12, 'mona']]);

    const first = await upsertIssueComment(fx.github, 12, 'gate-staging', 'verdict: pass');
    const second = await upsertIssueComment(fx.github, 12, 'gate-staging', 'verdict: fail');
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ id: first.id, created: false });
    const comments = fx.gh.state.comments.filter((c) => c.issueNumber === 12);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe('<!-- paved:gate-staging -->\nverdict: fail');
  });
});

describe('createGitHubClient', () => {
  it('refuses to start without a token or a repository, saying what to pass', () => {
    expect(() => createGitHubClient({ token: '', repository: 'acme/shop' })).toThrow("Input 'github-token' is empty");
    expect(() => createGitHubClient({ token: 't', repository: 'shop' })).toThrow(
      "GITHUB_REPOSITORY must be owner/repo, got 'shop'",
    );
  });
});

describe('signed records and bounded reading', () => {
  it('signs what it creates with ledger-key, and the record read back verifies', async () => {
    const signing = new DeploymentLedger(fx.github, { signingKey: 'k3y' });
    const id = await signing.create({ ref: sha(7), environment: 'ledger-signed', payload: payload('v7') });
    const record = await fx.ledger.get(id);
    expect(record.payload?.paved_signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    const signed = { environment: record.environment, ref: record.ref, payload: record.payload! };
    expect(signatureProblem('k3y', signed)).toBeUndefined();
    expect(signatureProblem('another', signed)).toMatch(/does not verify/);
  });

  it('lists no more than the depth asked for, newest first, counting each page as one request', async () => {
    const env = 'ledger-depth';
    const ids: number[] = [];
    for (let i = 1; i <= 7; i++)
      ids.push(await fx.ledger.create({ ref: sha(i), environment: env, payload: payload(`v${i}`) }));
    const reader = new DeploymentLedger(fx.github);
    const listed: number[] = [];
    for await (const entry of reader.deployments(env, { depth: 5 })) listed.push(entry.id);
    expect(listed).toEqual(ids.slice(2).reverse());
    // per_page is the depth when it is under a page: one request.
    expect(reader.requestCount).toBe(1);
    await reader.statuses(ids[0]!);
    expect(reader.requestCount).toBe(2);
  });

  it('tells which login the token creates records as', async () => {
    expect(await tokenLogin(fx.github)).toBe('github-actions[bot]');
  });
});
