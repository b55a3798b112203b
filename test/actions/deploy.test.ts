// paved/deploy end to end: the committed bundle, run as the runner runs it, against the local
// stack's real Docker Engine, registry, sshd, Caddy and Pushgateway, and the GitHub emulator.
import { readdirSync, readFileSync } from 'node:fs';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { describeWithStack, startCaddy, startStack, type Caddy, type Stack } from '@paved/stack';
import { buildServiceImages, type BuiltService } from '../../examples/service/build.js';
import { errorsOf, hasStackTrace, phasesOf, runAction, warningsOf, type ActionRun } from '@paved/test-support/harness';
import { deploymentsOf as recordsOf, statesOf as recordedStatesOf } from '@paved/test-support/ledger';
import { expectEveryRequestServed, underSteadyLoad } from '@paved/test-support/load';
import {
  createLockContainer,
  dockerText,
  lockContainers,
  pavedContainers,
  responseBody,
  type DockerText,
} from '@paved/test-support/releases';
import { makeWorkspace, temporaryDirectory } from '@paved/test-support/workspace';
import { startTogether } from '@paved/test-support/servers';

type Services = 'docker' | 'registry' | 'ssh' | 'caddy' | 'pushgateway';
const HOLDER = 'https://github.com/acme/shop/actions/runs/999';

let stack: Stack<Services>;
let gh: GitHubEmulator;
let v1: BuiltService;
let v2: BuiltService;
let workspace: string;
let docker: DockerText;

function config(extra = ''): string {
  return `service: shop
environments:
  staging:
    host: ${stack.docker.host}
    url: https://staging.shop.example.com
    proxy-url: ${stack.caddy.adminUrl}
    proxy-route: ${stack.caddy.handlerId}
    health-path: /healthz
    health-timeout: 20s
    drain-timeout: 5s
    retain: 2
    env:
      GREETING: hello
    volumes: [shop-data:/data]
    pushgateway-url: ${stack.pushgateway.url}
  production:
    host: ${stack.docker.host}
    target: command
    command: ./deploy.sh "a; touch pwned" '$(id)'
${extra}`;
}

function deploy(
  inputs: Record<string, string>,
  options: { workspace?: string; sha?: string; tempDir?: string } = {},
): Promise<ActionRun> {
  return runAction('deploy', {
    inputs: { environment: 'staging', ...inputs },
    workspace: options.workspace ?? workspace,
    tempDir: options.tempDir,
    github: { apiUrl: gh.url, ...(options.sha ? { sha: options.sha } : {}) },
  });
}

const releases = (environment: string) => pavedContainers(docker, environment);
const body = responseBody;
const deploymentsOf = (environment: string) => recordsOf(gh, environment);
const statesOf = (id: number) => recordedStatesOf(gh, id);
const lockOf = (lockedAt: Date) => ({ service: 'shop', environment: 'staging', holder: HOLDER, lockedAt });

describeWithStack('dist/deploy against the local stack', ['docker', 'registry', 'ssh', 'caddy', 'pushgateway'], () => {
  beforeAll(async () => {
    [stack, gh] = await startTogether(
      startStack({ services: ['docker', 'registry', 'ssh', 'caddy', 'pushgateway'], nodeBaseImage: true }),
      startGitHubEmulator({ autoCreate: true }),
    );
    docker = dockerText(stack.docker);
    [v1, v2] = (await buildServiceImages(stack.docker, stack.registry, stack.nodeBaseImage!, ['v1', 'v2'])) as [
      BuiltService,
      BuiltService,
    ];
    // Untagged, the v1 image leaves the engine: the first deploy must pull it from the registry.
    await docker(['rmi', v1.ref.split('@')[0]!]);
    workspace = makeWorkspace({ '.github/paved.yml': config() });
  }, 300_000);
  afterAll(async () => {
    await Promise.allSettled([stack?.stop(), gh?.stop()]);
  });

  it('deploys a first release: pulled, migrated, recorded, labelled, behind the proxy, marker pushed', async () => {
    const run = await deploy({
      image: v1.ref,
      migrate: 'node /app/migrate.mjs up',
      'migrate-rollback': 'node /app/migrate.mjs down',
      secrets: 'DB_PASSWORD=S3CRET-db-password',
    });
    expect(errorsOf(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    const id = Number(run.outputs['deployment-id']);
    expect(run.outputs).toEqual({
      'deployment-id': String(id),
      url: 'https://staging.shop.example.com',
      'deployed-at': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      version: 'v1',
      ref: v1.ref,
      'previous-ref': '',
    });
    const [record] = deploymentsOf('staging');
    expect(record).toMatchObject({
      id,
      ref: 'ffac537e6cbbf934b08745a378932722df287a53',
      productionEnvironment: false,
      transientEnvironment: false,
    });
    expect(typeof record!.payload === 'string' ? JSON.parse(record!.payload) : record!.payload).toEqual({
      image: v1.ref,
      digest: v1.digest,
      version: 'v1',
      target: 'docker',
      previous_deployment_id: null,
      service: 'shop',
      migrate_rollback: 'node /app/migrate.mjs down',
    });
    expect(statesOf(id)).toEqual(['in_progress', 'success']);
    const success = gh.state.deploymentStatuses.find((s) => s.deploymentId === id && s.state === 'success');
    expect(success).toMatchObject({
      environmentUrl: 'https://staging.shop.example.com',
      logUrl: 'https://github.com/acme/shop/actions/runs/1658821493',
    });

    expect(await body(stack.caddy.url)).toBe('200 v1');
    const name = `shop-staging-${id}`;
    const labels = JSON.parse(await docker(['inspect', '--format', '{{json .Config.Labels}}', name]));
    expect(labels).toMatchObject({
      'dev.paved.service': 'shop',
      'dev.paved.environment': 'staging',
      'dev.paved.version': 'v1',
      'dev.paved.sha': 'ffac537e6cbbf934b08745a378932722df287a53',
      'dev.paved.deployment-id': String(id),
      'dev.paved.digest': v1.digest,
      'dev.paved.migrate-rollback': 'node /app/migrate.mjs down',
    });
    const env = JSON.parse(await docker(['inspect', '--format', '{{json .Config.Env}}', name])) as string[];
    expect(env).toEqual(
      expect.arrayContaining(['GREETING=hello', 'DB_PASSWORD=S3CRET-db-password', 'PAVED_VERSION=v1']),
    );
    expect(await docker(['inspect', '--format', '{{.HostConfig.RestartPolicy.Name}} {{json .Mounts}}', name])).toMatch(
      /^unless-stopped .*"Name":"shop-data","Source":.*"Destination":"\/data"/,
    );
    expect(await stack.caddy.getUpstreams()).toEqual([`127.0.0.1:${labels['dev.paved.port']}`]);
    // The migration ran once, in a one-off container that is gone.
    expect(run.log).toMatch(/phase migrate: \d+ms/);
    expect((await releases('staging')).map((r) => r.name)).toEqual([name]);
    // No lock left behind; the secret only in the container's environment.
    expect(await lockContainers(docker)).toBe('');
    expect(run.masks).toContain('S3CRET-db-password');
    expect(run.log + run.summary + run.stderr).not.toContain('S3CRET');
    expect(run.summary).toContain('<h2>Deployed v1 to staging</h2>');
    expect(run.summary).toMatch(/<td>pull<\/td><td>[\d.]+m?s<\/td><td>✅<\/td>/);
    const metrics = await (await fetch(`${stack.pushgateway.url}/metrics`)).text();
    expect(metrics).toMatch(
      /paved_deployment\{environment="staging",(?:instance="",)?job="paved_deploy",service="shop",sha="ffac537e6cbbf934b08745a378932722df287a53",version="v1"\} \d\.\d+e\+09/,
    );
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('replaces it with zero downtime under load: new beside old, switch, drain, old kept stopped', async () => {
    const before = deploymentsOf('staging').at(-1)!.id;
    // The stack's Caddy is an existing proxy in the runner's own network namespace, where Paved
    // does not set net.ipv4.tcp_migrate_req: its reload may reset a new connection (see the load).
    const { result: run, stats } = await underSteadyLoad(
      stack.caddy.url,
      100,
      () => deploy({ image: v2.ref }, { sha: 'b'.repeat(40) }),
      { resendAfterNewConnectionReset: true },
    );
    expect(errorsOf(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expectEveryRequestServed(stats, ['v1', 'v2'], 100);
    expect(await body(stack.caddy.url)).toBe('200 v2');
    expect(run.outputs).toMatchObject({ version: 'v2', ref: v2.ref, 'previous-ref': v1.ref });
    const id = Number(run.outputs['deployment-id']);
    const record = deploymentsOf('staging').find((d) => d.id === id)!;
    expect(JSON.parse(JSON.stringify(record.payload))).toMatchObject({ previous_deployment_id: before });
    expect(statesOf(id)).toEqual(['in_progress', 'success']);
    expect(await releases('staging')).toEqual(
      expect.arrayContaining([
        { name: `shop-staging-${id}`, state: 'running', version: 'v2' },
        { name: `shop-staging-${before}`, state: 'exited', version: 'v1' },
      ]),
    );
    // The order the issue asks for: start beside, health, switch, drain, stop, verify.
    expect(phasesOf(run)).toEqual(['lock', 'record', 'pull', 'start', 'health', 'switch', 'drain', 'stop', 'verify']);
    expect(run.summary).toMatch(/<code>v2<\/code> \(<code>sha256:[0-9a-f]{12}<\/code>\) replaced <code>v1<\/code>/);
  });

  it('removes a release that fails its health check; the old one keeps serving; logs in error and summary', async () => {
    const run = await deploy({ image: v1.ref, env: 'FAIL_HEALTH=1', 'health-timeout': '3s' });
    expect(run.exitCode).toBe(1);
    const [error] = errorsOf(run);
    expect(error).toMatch(
      /^The new release shop-staging-\d+ failed its health check: not healthy after 3s: GET http:\/\/127\.0\.0\.1:\d+\/healthz answered 503/,
    );
    expect(error).toContain('shop-staging-');
    expect(error).toContain('health check failing on purpose (FAIL_HEALTH=1)');
    expect(run.summary).toContain('health check failing on purpose (FAIL_HEALTH=1)');
    expect(run.summary).toContain('failed in health');
    expect(await body(stack.caddy.url)).toBe('200 v2');
    const id = deploymentsOf('staging').at(-1)!.id;
    expect(statesOf(id)).toEqual(['in_progress', 'failure']);
    expect((await releases('staging')).some((r) => r.name === `shop-staging-${id}`)).toBe(false);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('stops at a failed migration with its log: nothing started, nothing switched', async () => {
    const run = await deploy({ image: v1.ref, migrate: 'node /app/migrate.mjs up', env: 'MIGRATE_FAIL=1' });
    expect(run.exitCode).toBe(1);
    const [error] = errorsOf(run);
    expect(error).toMatch(/^The migration failed \(exit 1\); nothing was switched/);
    expect(error).toContain('relation "orders" already exists');
    expect(run.summary).toContain('relation &quot;orders&quot; already exists');
    const id = deploymentsOf('staging').at(-1)!.id;
    expect(statesOf(id)).toEqual(['in_progress', 'failure']);
    expect((await releases('staging')).some((r) => r.name.startsWith(`shop-staging-${id}`))).toBe(false);
    expect(await body(stack.caddy.url)).toBe('200 v2');
  });

  it('fails at once while another run holds the lock, naming it, and changes nothing', async () => {
    const count = gh.state.deployments.length;
    const lock = await createLockContainer(docker, lockOf(new Date()));
    const run = await deploy({ image: v1.ref });
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      expect.stringMatching(
        new RegExp(`^shop in staging is locked by another deploy: ${HOLDER} \\(since .*\\)\\. Nothing was changed\\.`),
      ),
    ]);
    // At once: the lock was the only phase, nothing waited for it or went further.
    expect(phasesOf(run)).toEqual(['lock']);
    expect(gh.state.deployments.length).toBe(count);
    expect(await body(stack.caddy.url)).toBe('200 v2');
    await docker(['rm', lock]);
  });

  it('takes over a stale lock with a warning, and keeps only `retain` earlier releases', async () => {
    await createLockContainer(docker, lockOf(new Date(Date.now() - 2 * 3_600_000)));
    const run = await deploy({ image: v1.ref });
    expect(errorsOf(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(warningsOf(run)).toContain(
      `Took over the deploy lock held by ${HOLDER}: that run has finished or the lock is older than lock-timeout`,
    );
    expect(await body(stack.caddy.url)).toBe('200 v1');
    const again = await deploy({ image: v2.ref });
    expect(again.exitCode).toBe(0);
    const all = await releases('staging');
    expect(all.filter((r) => r.state === 'running')).toHaveLength(1);
    expect(all.filter((r) => r.state === 'exited')).toHaveLength(2);
    expect(again.summary).toContain('Removed releases beyond retain');
    expect(await lockContainers(docker)).toBe('');
  });

  it('says clearly when the image is not in the registry, or the registry is unreachable', async () => {
    const missing = await deploy({ image: `${stack.registry.address}/acme/shop@sha256:${'0'.repeat(64)}` });
    expect(missing.exitCode).toBe(1);
    expect(errorsOf(missing)[0]).toMatch(
      /^Image 127\.0\.0\.1:\d+\/acme\/shop@sha256:0+ is not in the registry: push it first .*Nothing was changed\./,
    );
    const unreachable = await deploy({ image: `127.0.0.1:1/acme/shop@sha256:${'1'.repeat(64)}` });
    expect(unreachable.exitCode).toBe(1);
    expect(errorsOf(unreachable)[0]).toMatch(
      /^The registry 127\.0\.0\.1:1 is unreachable from unix:\/\/.*Nothing was changed\./,
    );
    expect(await body(stack.caddy.url)).toBe('200 v2');
    expect(hasStackTrace(missing.stdout + unreachable.stdout)).toBe(false);
  });

  it('retries GitHub 5xx and secondary rate limits, and still sets its outputs when GitHub goes down after the switch', async () => {
    gh.clearRequests();
    gh.faults.add({ method: 'POST', path: '/repos/acme/shop/deployments', kind: 'status', status: 502, times: 2 });
    gh.faults.add({
      method: 'POST',
      path: '/repos/acme/shop/deployments/*/statuses',
      kind: 'secondary-rate-limit',
      retryAfter: 1,
      times: 1,
    });
    const retried = await deploy({ image: v1.ref });
    expect(errorsOf(retried)).toEqual([]);
    expect(retried.exitCode).toBe(0);
    expect(
      gh.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/shop/deployments').map((r) => r.status),
    ).toEqual([502, 502, 201]);

    const count = gh.state.deployments.length;
    const running = deploy({ image: v2.ref });
    // Once the deployment is in progress, GitHub goes down for good.
    while (gh.state.deployments.length === count || statesOf(gh.state.deployments.at(-1)!.id).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const fault = gh.faults.add({ path: '/repos/acme/shop/**', kind: 'status', status: 503, persistent: true });
    const run = await running;
    gh.faults.remove(fault.id);
    expect(errorsOf(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(warningsOf(run)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^v2 is deployed and serving, but GitHub did not record its success/),
      ]),
    );
    expect(run.outputs).toMatchObject({
      version: 'v2',
      ref: v2.ref,
      'previous-ref': v1.ref,
      'deployed-at': expect.any(String),
    });
    expect(await body(stack.caddy.url)).toBe('200 v2');
  }, 90_000);

  describe('over ssh://', () => {
    let caddy: Caddy;
    let ssh: Record<string, string>;
    beforeAll(async () => {
      caddy = await startCaddy({ handlerId: 'shop' });
      ssh = {
        environment: 'edge',
        host: stack.ssh.dockerHost,
        'ssh-key': stack.ssh.privateKey,
        'known-hosts': stack.ssh.knownHostsLine,
        'proxy-url': caddy.adminUrl,
        'proxy-route': 'shop',
        'health-path': '/healthz',
        service: 'shop',
      };
    });
    afterAll(() => caddy?.stop());

    it('deploys with the key and pinned host key from inputs, leaving no key or ssh process behind', async () => {
      const tempDir = temporaryDirectory('paved-temp-');
      const run = await deploy({ ...ssh, image: v1.ref }, { workspace: makeWorkspace(), tempDir });
      expect(errorsOf(run)).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(await body(caddy.url)).toBe('200 v1');
      expect((await releases('edge')).map((r) => r.version)).toEqual(['v1']);
      const keyLine = stack.ssh.privateKey.trim().split('\n')[1]!;
      expect(run.masks).toContain(keyLine);
      expect(run.log).not.toContain(keyLine);
      // The key, config and multiplexing master are gone with the step.
      expect(readdirSync(tempDir).filter((name) => name.startsWith('paved-'))).toEqual([]);
      expect(processesMentioning(tempDir)).toEqual([]);
    });

    it('refuses a host whose key does not match known-hosts, changing nothing', async () => {
      const wrong = stack.ssh.knownHostsLine.replace(
        /AAAA\S+$/,
        'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
      );
      const run = await deploy({ ...ssh, 'known-hosts': wrong, image: v2.ref }, { workspace: makeWorkspace() });
      expect(run.exitCode).toBe(1);
      expect(errorsOf(run)).toEqual([
        expect.stringMatching(
          /^The SSH host key of docker at ssh:\/\/\S+ does not match known-hosts, so Paved did not connect\. Nothing was changed\./,
        ),
      ]);
      expect(await body(caddy.url)).toBe('200 v1');
    });

    it('keeps the old release serving and releases the lock when SSH drops mid-deploy', async () => {
      const running = deploy({ ...ssh, image: v2.ref, env: 'STARTUP_DELAY_MS=6000' }, { workspace: makeWorkspace() });
      // Wait until the new container exists, then cut every SSH session for a moment.
      const until = Date.now() + 60_000;
      while ((await releases('edge')).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      const cutUntil = Date.now() + 1_500;
      while (Date.now() < cutUntil) {
        for (const pid of childrenOf(stack.ssh.pid)) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const run = await running;
      expect(run.exitCode).toBe(1);
      expect(errorsOf(run)[0]).toMatch(/^Lost the connection to docker at ssh:\/\/.* during (health|start)/);
      expect(errorsOf(run)[0]).toContain('the old release keeps serving');
      expect(await body(caddy.url)).toBe('200 v1');
      expect(await lockContainers(docker)).toBe('');
      expect((await releases('edge')).map((r) => r.version)).toEqual(['v1']);
    }, 90_000);
  });

  it('runs the command target without a shell, with the release in PAVED_* and the URL it prints', async () => {
    const script = `#!/bin/sh
printf '%s\\n' "$1" "$2" > args.out
env | grep '^PAVED_' | sort > env.out
env | cut -d= -f1 | sort > names.out
echo "deploying $PAVED_IMAGE"
echo "url=https://shop.example.com/$PAVED_VERSION"
echo "digest=$PAVED_DIGEST"
`;
    const ws = makeWorkspace({ '.github/paved.yml': config(), 'deploy.sh': script });
    const { chmodSync } = await import('node:fs');
    chmodSync(`${ws}/deploy.sh`, 0o755);
    // The runner's tokens and the action's inputs (the GitHub token among them) never reach the command.
    const run = await runAction('deploy', {
      inputs: { environment: 'production', image: v2.ref },
      workspace: ws,
      github: { apiUrl: gh.url },
      env: {
        ACTIONS_RUNTIME_TOKEN: 'runtime-token-S3CRET',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-S3CRET',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/oidc',
        GITHUB_TOKEN: 'ghs_S3CRET',
      },
    });
    expect(errorsOf(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ url: 'https://shop.example.com/v2', version: 'v2', ref: v2.ref });
    const names = readFileSync(`${ws}/names.out`, 'utf8').split('\n');
    expect(names.filter((name) => /^(INPUT_|ACTIONS_|GITHUB_TOKEN$)/.test(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['PATH', 'PAVED_IMAGE']));
    expect(readFileSync(`${ws}/args.out`, 'utf8')).toBe('a; touch pwned\n$(id)\n');
    expect(readdirSync(ws)).not.toContain('pwned');
    expect(readFileSync(`${ws}/env.out`, 'utf8')).toContain(`PAVED_DIGEST=${v2.digest}\n`);
    expect(readFileSync(`${ws}/env.out`, 'utf8')).toContain('PAVED_ENVIRONMENT=production\n');
    expect(readFileSync(`${ws}/env.out`, 'utf8')).toContain(`PAVED_IMAGE=${v2.ref}\n`);
    expect(readFileSync(`${ws}/env.out`, 'utf8')).toContain('PAVED_VERSION=v2\n');
    const id = Number(run.outputs['deployment-id']);
    expect(gh.state.deployments.find((d) => d.id === id)).toMatchObject({
      environment: 'production',
      productionEnvironment: true,
    });
    expect(statesOf(id)).toEqual(['in_progress', 'success']);
  });

  it.each([
    ['malformed config', { config: 'bad.yml' }, /^bad\.yml: environments\.staging: unknown key 'helth-path'/],
    [
      'unknown environment',
      { environment: 'qa' },
      /^Environment 'qa' is not in \.github\/paved\.yml, which defines: staging, production/,
    ],
    [
      'a host path as volume',
      { volumes: '/etc:/host' },
      /^Input 'volumes' must hold named volumes like data:\/var\/lib\/app, got '\/etc:\/host'/,
    ],
    ['a shell in the version', { version: 'v1;touch pwned' }, /^Input 'version' must be a version like 1\.4\.2/],
    ['a shell in the service', { service: 'shop$(id)' }, /^Input 'service' must be a service name/],
    ['an option as host', { host: 'ssh://-oProxyCommand=touch@x' }, /^Input 'host' must be a Docker host/],
    ['a Docker API in clear', { host: 'tcp://web1.example.com:2375' }, /^Input 'host' must be a Docker host/],
    ['an unclosed quote in migrate', { migrate: `node 'x` }, /^Input 'migrate' has an unclosed ' quote/],
    ['a line break in env', { env: 'A=1\nB' }, /^Input 'env' must hold NAME=value lines/],
  ])('refuses %s with one clear error and touches nothing', async (_, inputs, message) => {
    const ws = makeWorkspace({
      '.github/paved.yml': config(),
      'bad.yml': 'environments:\n  staging:\n    helth-path: /up\n',
    });
    const count = gh.state.deployments.length;
    const containers = await docker(['ps', '--all', '--quiet']);
    const run = await deploy({ image: v1.ref, ...inputs }, { workspace: ws });
    expect(run.exitCode).toBe(1);
    const errors = errorsOf(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(gh.state.deployments.length).toBe(count);
    expect(await docker(['ps', '--all', '--quiet'])).toBe(containers);
    expect(readdirSync(ws)).not.toContain('pwned');
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });
});

/** PIDs whose parent is `pid` (sshd's per-connection processes). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // Exited meanwhile.
    }
  }
  return children;
}

/** Command lines of processes that mention a path (an ssh master left running, say). */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (command.includes(text)) found.push(command);
    } catch {
      // Exited meanwhile.
    }
  }
  return found;
}
