// paved/rollback end to end: the committed bundle, run as the runner runs it, after the deploy
// bundle released v1 and v2 to the local stack's real Docker Engine, registry and Caddy, with
// the GitHub emulator as the deployment ledger and issue tracker.
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { describeWithStack, freePorts, startCaddy, startStack, type Caddy, type Stack } from '@paved/stack';
import { buildServiceImages, type BuiltService } from '../../examples/service/build.js';
import { errorsOf, hasStackTrace, phasesOf, runAction, warningsOf, type ActionRun } from '@paved/test-support/harness';
import {
  deploymentsOf as recordsOf,
  recordedPayload,
  statusesOf as recordedStatusesOf,
} from '@paved/test-support/ledger';
import { expectEveryRequestServed, underSteadyLoad } from '@paved/test-support/load';
import {
  createLockContainer,
  dockerText,
  lockContainers,
  pavedContainers,
  responseBody,
  type DockerText,
} from '@paved/test-support/releases';
import { makeWorkspace } from '@paved/test-support/workspace';
import { startTogether } from '@paved/test-support/servers';

type Services = 'docker' | 'registry' | 'caddy';
const HOLDER = 'https://github.com/acme/shop/actions/runs/4242';

let stack: Stack<Services>;
let gh: GitHubEmulator;
let side: Caddy;
let v1: BuiltService;
let v2: BuiltService;
let workspace: string;
let ports: number[];
let docker: DockerText;

function config(): string {
  const common = `    host: ${stack.docker.host}
    health-path: /healthz
    health-timeout: 20s
    drain-timeout: 2s`;
  return `service: shop
environments:
  staging:
${common}
    url: https://staging.shop.example.com
    proxy-url: ${stack.caddy.adminUrl}
    proxy-route: ${stack.caddy.handlerId}
    migrate-rollback: node /app/migrate.mjs down
  redeploy:
${common}
    proxy-url: ${side.adminUrl}
    proxy-route: ${side.handlerId}
    retain: 0
  solo:
${common}
    port: ${ports[0]}
  gone:
${common}
    port: ${ports[1]}
`;
}

function deploy(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction('deploy', { inputs: { environment: 'staging', ...inputs }, workspace, github: { apiUrl: gh.url } });
}

function rollback(inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction('rollback', {
    inputs: { environment: 'staging', ...inputs },
    workspace,
    github: { apiUrl: gh.url },
    env: { GITHUB_TRIGGERING_ACTOR: 'mona', ...env },
  });
}

const containers = (environment: string) => pavedContainers(docker, environment);
const body = responseBody;

const deploymentsOf = (environment: string) => recordsOf(gh, environment);
const statusesOf = (id: number) => recordedStatusesOf(gh, id);
const statesOf = (id: number) => statusesOf(id).map((s) => s.state);
const payloadOf = (id: number) => recordedPayload(gh, id);

/** Asserts a refused rollback: one clear error, no deployment recorded, the same release serving. */
async function expectRefused(run: ActionRun, message: RegExp, before: { deployments: number; statuses: number }) {
  expect(run.exitCode).toBe(1);
  expect(errorsOf(run)).toEqual([expect.stringMatching(message)]);
  expect(errorsOf(run)[0]).toContain('Nothing was changed');
  expect(gh.state.deployments.length).toBe(before.deployments);
  expect(gh.state.deploymentStatuses.length).toBe(before.statuses);
  expect(run.outputs['to-ref']).toBeUndefined();
  expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
}

const counts = () => ({ deployments: gh.state.deployments.length, statuses: gh.state.deploymentStatuses.length });

describeWithStack('dist/rollback against the local stack', ['docker', 'registry', 'caddy'], () => {
  beforeAll(async () => {
    [stack, gh, side] = await startTogether(
      startStack({ services: ['docker', 'registry', 'caddy'], nodeBaseImage: true }),
      startGitHubEmulator({ autoCreate: true }),
      startCaddy({ handlerId: 'shop-side' }),
    );
    docker = dockerText(stack.docker);
    [v1, v2] = (await buildServiceImages(stack.docker, stack.registry, stack.nodeBaseImage!, ['v1', 'v2'])) as [
      BuiltService,
      BuiltService,
    ];
    ports = await freePorts(2);
    workspace = makeWorkspace({ '.github/paved.yml': config() });
    for (const image of [v1.ref, v2.ref]) {
      const run = await deploy({ image });
      expect(errorsOf(run)).toEqual([]);
    }
    expect(await body(stack.caddy.url)).toBe('200 v2');
  }, 600_000);
  afterAll(async () => {
    await Promise.allSettled([stack?.stop(), gh?.stop(), side?.stop()]);
  });

  it('refuses while a running deploy holds the lock, naming it, and changes nothing', async () => {
    const lock = await createLockContainer(docker, {
      service: 'shop',
      environment: 'staging',
      holder: HOLDER,
      lockedAt: new Date(),
    });
    const before = counts();
    const run = await rollback({ reason: 'error rate up' });
    await docker(['rm', lock]);
    await expectRefused(run, new RegExp(`^shop in staging is locked by another deploy: ${HOLDER} \\(since `), before);
    expect(await body(stack.caddy.url)).toBe('200 v2');
  });

  it('switches back to the retained v1 under load with no failed request, records it, runs migrate-rollback, opens the incident', async () => {
    const [d1, d2] = deploymentsOf('staging').map((d) => d.id) as [number, number];
    expect((await containers('staging')).find((c) => c.version === 'v1')?.state).toBe('exited');
    // An existing proxy in the runner's network namespace: see resendAfterNewConnectionReset.
    const { result: run, stats } = await underSteadyLoad(
      stack.caddy.url,
      100,
      () =>
        rollback({ reason: 'The deploy quality gate judged the release fail (score 40).', 'incident-issue': 'true' }),
      { resendAfterNewConnectionReset: true },
    );
    expect(errorsOf(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expectEveryRequestServed(stats, ['v1', 'v2'], 100);
    expect(await body(stack.caddy.url)).toBe('200 v1');

    const id = Number(run.outputs['deployment-id']);
    expect(run.outputs).toEqual({
      'deployment-id': String(id),
      'from-ref': v2.ref,
      'to-ref': v1.ref,
      url: 'https://staging.shop.example.com',
      'history-api-calls': expect.stringMatching(/^\d+$/),
    });
    // The stopped v1 container itself was started again: the fast path, no new container.
    const now = await containers('staging');
    expect(now).toEqual(
      expect.arrayContaining([
        { name: `shop-staging-${d1}`, state: 'running', version: 'v1' },
        { name: `shop-staging-${d2}`, state: 'exited', version: 'v2' },
      ]),
    );
    expect(now).toHaveLength(2);
    expect(payloadOf(id)).toMatchObject({
      image: v1.ref,
      digest: v1.digest,
      version: 'v1',
      rollback_of: d2,
      previous_deployment_id: d2,
      restores_deployment_id: d1,
    });
    expect(statesOf(id)).toEqual(['in_progress', 'in_progress', 'success']);
    expect(statusesOf(id)[1]!.description).toBe('migrate-rollback of v2 succeeded before the switch');
    expect(statesOf(d2).at(-1)).toBe('failure');
    expect(statusesOf(d2).at(-1)!.description).toBe(
      `Rolled back to v1 by deployment ${id}: The deploy quality gate judged the release fail (score 40).`,
    );
    expect(deploymentsOf('staging')).toHaveLength(3);
    expect(run.log).toContain('migrate-rollback: migrating down for v2');
    expect(run.log.indexOf('migrate-rollback: migrating down')).toBeLessThan(run.log.indexOf('phase switch'));

    expect(run.summary).toContain('<h2>Rolled back staging from v2 to v1</h2>');
    expect(run.summary).toContain('Triggered by: mona');
    expect(run.summary).toMatch(/Bad for: <strong>[\d.]+m?s/);
    expect(run.summary).toContain('fast path: retained release restarted');
    const [issue] = gh.state.issues.filter((i) => i.labels.includes('incident'));
    expect(issue).toMatchObject({ state: 'open', title: 'Incident: staging rolled back from v2 to v1' });
    expect(issue!.body).toContain('✅ Restored');
    expect(issue!.body).toContain('migrate-rollback `node /app/migrate.mjs down` before the switch: **success**');
    expect(run.summary).toMatch(new RegExp(`Incident issue <a href="[^"]+">#${issue!.number}</a> opened`));
    expect(await lockContainers(docker)).toBe('');
  });

  it('takes `to` as a deployment id, and as an image reference, updating the open incident issue', async () => {
    const [, d2] = deploymentsOf('staging').map((d) => d.id) as [number, number];
    const byId = await rollback({ to: String(d2), reason: 'v2 was fine after all', 'incident-issue': 'true' });
    expect(errorsOf(byId)).toEqual([]);
    expect(warningsOf(byId)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^Deployment ${d2} never reached success or failed later`)),
      ]),
    );
    expect(await body(stack.caddy.url)).toBe('200 v2');
    expect(byId.outputs).toMatchObject({ 'from-ref': v1.ref, 'to-ref': v2.ref });

    const byImage = await rollback({ to: v1.ref, reason: 'back to v1' });
    expect(errorsOf(byImage)).toEqual([]);
    expect(await body(stack.caddy.url)).toBe('200 v1');
    expect(byImage.outputs['to-ref']).toBe(v1.ref);
    expect(gh.state.issues.filter((i) => i.labels.includes('incident'))).toHaveLength(1);
    const issue = gh.state.issues.find((i) => i.labels.includes('incident'))!;
    expect(gh.state.comments.filter((c) => c.issueNumber === issue.number)).toHaveLength(1);
    // Nothing is ever deleted from the ledger.
    expect(deploymentsOf('staging')).toHaveLength(5);
  });

  it('redeploys the old digest through the same target code when nothing was retained, with its configuration and secrets', async () => {
    const ws = workspace;
    for (const image of [v1.ref, v2.ref]) {
      const run = await runAction('deploy', {
        inputs: {
          environment: 'redeploy',
          image,
          env: 'FEATURE=on',
          secrets: 'DB_PASSWORD=db-s3cret-1\nAPI_KEY=key-old-1',
        },
        workspace: ws,
        github: { apiUrl: gh.url },
      });
      expect(errorsOf(run)).toEqual([]);
    }
    expect((await containers('redeploy')).map((c) => c.version)).toEqual(['v2']);
    // The rollback is given the rotated API key only: the rest comes from the release it replaces.
    const run = await rollback({ environment: 'redeploy', reason: 'smoke test failed', secrets: 'API_KEY=key-new-2' });
    expect(errorsOf(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    const id = Number(run.outputs['deployment-id']);
    expect(await body(side.url)).toBe('200 v1');
    expect((await containers('redeploy')).map((c) => [c.name, c.state])).toEqual([[`shop-redeploy-${id}`, 'running']]);
    expect(run.summary).toContain('— redeployed');
    const env = JSON.parse(
      await docker(['inspect', '--format', '{{json .Config.Env}}', `shop-redeploy-${id}`]),
    ) as string[];
    expect(env).toEqual(
      expect.arrayContaining(['FEATURE=on', 'DB_PASSWORD=db-s3cret-1', 'API_KEY=key-new-2', 'PAVED_VERSION=v1']),
    );
    expect(env).not.toContain('API_KEY=key-old-1');
    expect(run.stdout).toContain('Carrying FEATURE, DB_PASSWORD over from shop-redeploy-');
    // Carried values are never printed, not even to the raw output the runner masks.
    for (const secret of ['db-s3cret-1', 'key-old-1']) expect(run.stdout + run.summary).not.toContain(secret);
    expect(run.log + run.summary).not.toContain('key-new-2');
    const phases = ['lock', 'plan', 'image', 'record', 'pull', 'start', 'health', 'switch', 'drain', 'stop', 'verify'];
    expect(phasesOf(run)).toEqual(phases);
  });

  it('refuses when there is no earlier good deployment', async () => {
    const first = await runAction('deploy', {
      inputs: { environment: 'solo', image: v1.ref },
      workspace,
      github: { apiUrl: gh.url },
    });
    expect(errorsOf(first)).toEqual([]);
    const before = counts();
    const run = await rollback({ environment: 'solo', reason: 'nothing to go back to' });
    await expectRefused(
      run,
      /^No earlier good deployment of solo to roll back to: the current one is deployment \d+ \(v1\)/,
      before,
    );
    expect((await containers('solo')).map((c) => c.state)).toEqual(['running']);
  });

  it('refuses when the release to restore is gone from its registry', async () => {
    // v1 and v2 in a repository of their own, deployed in turn, then v1 deleted from the registry.
    const repository = `${stack.registry.address}/acme/gone`;
    const refs: string[] = [];
    for (const [release, tag] of [
      [v1, 'v1'],
      [v2, 'v2'],
    ] as const) {
      await docker(['tag', release.ref.split('@')[0]!, `${repository}:${tag}`]);
      await docker(['push', `${repository}:${tag}`]);
      refs.push(`${repository}:${tag}@${await stack.registry.manifestDigest('acme/gone', tag)}`);
    }
    for (const image of refs) {
      const run = await runAction('deploy', {
        inputs: { environment: 'gone', image },
        workspace,
        github: { apiUrl: gh.url },
      });
      expect(errorsOf(run)).toEqual([]);
    }
    const deleted = await fetch(`${stack.registry.url}/v2/acme/gone/manifests/${refs[0]!.split('@')[1]}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(202);
    const before = counts();
    const run = await rollback({ environment: 'gone', reason: 'registry pruned' });
    await expectRefused(
      run,
      /^The release to restore, v1 \(.*acme\/gone:v1@sha256:.*\), is no longer in its registry/,
      before,
    );
    expect((await containers('gone')).map((c) => [c.version, c.state])).toEqual([
      ['v2', 'running'],
      ['v1', 'exited'],
    ]);
  });

  it('refuses bad input with one clear error', async () => {
    const run = await rollback({ to: 'v1', reason: 'x' });
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      expect.stringMatching(/^Input 'to' must be previous, a deployment ID, or an image reference/),
    ]);
    const before = counts();
    const blank = await rollback({ reason: '   ' });
    expect(blank.exitCode).toBe(1);
    expect(errorsOf(blank)).toEqual([expect.stringMatching(/^Input 'reason' is required: set it to why the rollback/)]);
    expect(counts()).toEqual(before);
  });
});
