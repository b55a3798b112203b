// paved/deploy and paved/rollback end to end on a fleet: three production-like hosts (each a
// network namespace with its own dockerd, sshd and a firewall letting the runner reach only SSH
// and the proxy's public ports), the committed bundles run as the runner runs them, the GitHub
// emulator as the ledger. Everything the runner does on a host goes through SSH.
import { readdirSync, readFileSync } from 'node:fs';
import { knockOn } from '@paved/core';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { buildCaddyImage, describeWithStack, startStack, type FleetHost, type Stack } from '@paved/stack';
import { buildServiceImages } from '../../examples/service/build.js';
import { hasStackTrace, runAction, type ActionRun } from '@paved/test-support/harness';
import { accountedFor, startSteadyLoad, type LoadStats } from '@paved/test-support/load';
import { responseBody } from '@paved/test-support/releases';
import { getOnSocket, getTls } from '@paved/test-support/requests';
import { makeWorkspace } from '@paved/test-support/workspace';
import { startTogether } from '@paved/test-support/servers';

type Services = 'docker' | 'registry' | 'fleet';
const TLS_HOST = 'shop.paved.test';

let stack: Stack<Services>;
let gh: GitHubEmulator;
let hosts: readonly FleetHost[];
let proxyImage: string;
const refs: Record<string, string> = {};

interface ConfigOptions {
  batch?: string;
  url?: string;
  tls?: string;
  proxyImage?: string;
  hosts?: string;
}

function hostEntries(list: readonly FleetHost[]): string {
  return list
    .map(
      (host) => `      - host: ${host.dockerHost}
        known-hosts: "${host.knownHostsLine}"
        proxy-admin-dir: ${host.docker.dir}/proxy`,
    )
    .join('\n');
}

function config(options: ConfigOptions = {}): string {
  return `service: shop
environments:
  production:
    url: ${options.url ?? `http://${TLS_HOST}`}
    health-path: /healthz
    health-timeout: 10s
    drain-timeout: 2s
    retain: 3
    batch: ${options.batch ?? '1'}
    proxy:
      image: ${options.proxyImage ?? proxyImage}
${options.tls ? `      tls: ${options.tls}\n` : ''}    hosts:
${options.hosts ?? hostEntries(hosts)}
`;
}

function run(
  action: 'deploy' | 'rollback',
  inputs: Record<string, string>,
  options: ConfigOptions = {},
): Promise<ActionRun> {
  // The runner, as on GitHub: ssh-key from a secret, known-hosts per host from the config file.
  return runAction(action, {
    inputs: { environment: 'production', 'ssh-key': stack.fleet.clientKey.privateKey, ...inputs },
    workspace: makeWorkspace({ '.github/paved.yml': config(options) }),
    github: { apiUrl: gh.url },
    timeoutMs: 240_000,
  });
}

const errorsOf = (r: ActionRun) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const deployments = () => gh.state.deployments.filter((d) => d.environment === 'production');
const statusesOf = (id: number) => gh.state.deploymentStatuses.filter((s) => s.deploymentId === id);

/** What each host's public proxy port answers, in host order. */
function served(): Promise<string[]> {
  return Promise.all(hosts.map((host) => responseBody(`http://${host.address}/`).catch((e: Error) => e.message)));
}

/** Paved's release containers on a host, from the host's own side, each as `format` shows it. */
async function containersOn(host: FleetHost, format: string): Promise<string[]> {
  const listed = await host.docker.docker([
    'ps',
    '--all',
    '--filter',
    'label=dev.paved.environment=production',
    '--format',
    format,
  ]);
  return listed.stdout.trim().split('\n').filter(Boolean);
}

/** `version:state` of each release container on a host, sorted. */
async function releasesOn(host: FleetHost): Promise<string[]> {
  return (await containersOn(host, '{{.Label "dev.paved.version"}}:{{.State}}')).sort();
}

const namesOn = (host: FleetHost) => containersOn(host, '{{.Names}}');

async function lockContainers(): Promise<string[]> {
  const all = await Promise.all(
    hosts.map(async (host) =>
      (
        await host.docker.docker(['ps', '--all', '--filter', 'name=paved-lock', '--format', '{{.Names}}'])
      ).stdout.trim(),
    ),
  );
  return all.filter(Boolean);
}

async function tcpOpen(address: string, port: number): Promise<boolean> {
  return (await knockOn(address, port, 1_500)) === 'open';
}

/** Runs `during` while the host's own health probes (from the host, through the SSH tunnel) are refused; its proxy is not. */
async function withHealthRefused(host: FleetHost, during: () => Promise<ActionRun>): Promise<ActionRun> {
  const rule = ['OUTPUT', '-p', 'tcp', '--dport', '3000', '-j', 'REJECT'];
  await host.exec('iptables', ['-I', ...rule]);
  try {
    return await during();
  } finally {
    await host.exec('iptables', ['-D', ...rule]);
  }
}

/** Load through every host's proxy while `during` runs; every request sent is accounted for. */
async function underLoad(during: () => Promise<ActionRun>): Promise<{ result: ActionRun; stats: LoadStats[] }> {
  const loads = hosts.map((host) => startSteadyLoad(`http://${host.address}/`, 15));
  try {
    const result = await during();
    return { result, stats: await Promise.all(loads.map((load) => load.stop())) };
  } finally {
    await Promise.all(loads.map((load) => load.stop()));
  }
}

function expectNoFailures(stats: LoadStats[]): void {
  for (const s of stats) {
    expect(s.why).toEqual([]);
    expect(s.failed).toBe(0);
    expect(s.sent).toBeGreaterThan(10);
    expect(accountedFor(s)).toBe(true);
  }
}

describeWithStack('dist/deploy and dist/rollback on a fleet of three hosts', ['docker', 'registry', 'fleet'], () => {
  beforeAll(async () => {
    [stack, gh] = await startTogether(
      startStack({ services: ['docker', 'registry', 'fleet'], fleetHosts: 3, nodeBaseImage: true }),
      startGitHubEmulator({ autoCreate: true }),
    );
    hosts = stack.fleet.hosts;
    const registry = stack.fleet.registryAddress!;
    const caddy = await buildCaddyImage(stack.docker, { tag: `${stack.registry.address}/paved/caddy:fleet` });
    await stack.docker.docker(['push', caddy.image]);
    proxyImage = `${registry}/paved/caddy@${await stack.registry.manifestDigest('paved/caddy', 'fleet')}`;
    const built = await buildServiceImages(stack.docker, stack.registry, stack.nodeBaseImage!, ['v1', 'v2', 'v3']);
    // The hosts reach the registry on the bridge: the same image, by the address they use.
    for (const service of built) refs[service.version] = service.ref.replace(stack.registry.address, registry);
  }, 600_000);

  afterAll(async () => {
    await Promise.allSettled([stack?.stop(), gh?.stop()]);
  }, 120_000);

  it.each([
    ['a host listed twice', { hosts: '' }, /environments\.production\.hosts\[1\]\.host lists ssh:\/\/root@\S+ again/],
    [
      'a host without its known-hosts line',
      { hosts: '' },
      /environments\.production\.hosts\[0\]\.known-hosts is missing/,
    ],
    ['a batch of 0', { batch: '0' }, /environments\.production\.batch must be >= 1, got 0/],
    ['a batch over 100 %', { batch: '150%' }, /environments\.production\.batch must be a percentage from 1% to 100%/],
    [
      'a proxy image not pinned',
      { proxyImage: 'caddy:2' },
      /environments\.production\.proxy\.image must name the proxy image pinned by digest/,
    ],
  ])('refuses %s before anything changes, naming the key', async (what, options, message) => {
    const [h1, h2] = hosts;
    const entries =
      what === 'a host listed twice'
        ? hostEntries([h1!, h1!])
        : what === 'a host without its known-hosts line'
          ? `      - host: ${h2!.dockerHost}\n`
          : undefined;
    const before = deployments().length;
    const result = await run('deploy', { image: refs.v1! }, { ...options, hosts: entries });
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([expect.stringMatching(message)]);
    expect(hasStackTrace(result.log)).toBe(false);
    expect(deployments()).toHaveLength(before);
    for (const host of hosts) expect(await releasesOn(host)).toEqual([]);
  });

  it('withdraws a first release from the hosts it reached when the second host fails its health check', async () => {
    const result = await withHealthRefused(hosts[1]!, () => run('deploy', { image: refs.v1!, version: 'v1' }));
    expect(result.exitCode).toBe(1);
    const [error] = errorsOf(result);
    expect(error).toMatch(/^h2 \(ssh:\/\/root@\S+\) failed its health check/);
    expect(error).toContain('switched back h1; not touched: h3');
    expect(result.summary).toMatch(/served nothing before: v1 was withdrawn/);
    // No host serves the release: every proxy is as before a first release, without an upstream.
    for (const answer of await served()) expect(answer).toMatch(/^503\b/);
    for (const host of hosts) expect(await releasesOn(host)).toEqual([]);
    expect(statusesOf(deployments().at(-1)!.id).at(-1)!.state).toBe('failure');
    expect(await lockContainers()).toEqual([]);
  }, 300_000);

  it('deploys a first release to every host: the proxy booted, admin API and release ports closed to the runner', async () => {
    const before = deployments().length;
    const result = await run('deploy', { image: refs.v1!, version: 'v1' });
    expect(errorsOf(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(await served()).toEqual(['200 v1', '200 v1', '200 v1']);
    expect(deployments()).toHaveLength(before + 1);
    const record = deployments().at(-1)!;
    const statuses = statusesOf(record.id).map((s) => `${s.state} ${s.description ?? ''}`);
    expect(statuses[0]).toMatch(/^in_progress /);
    expect(statuses).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^in_progress v1 serves on 1 of 3 hosts \(h1\)/),
        expect.stringMatching(/^in_progress v1 serves on 3 of 3 hosts \(h1, h2, h3\)/),
      ]),
    );
    expect(statuses.at(-1)).toMatch(/^success /);
    expect(result.summary).toContain('Hosts');
    for (const host of hosts) {
      const ports = (await host.docker.docker(['ps', '--format', '{{.Names}} {{.Ports}}'])).stdout;
      // The release publishes nothing; only the proxy has public ports, and no admin port.
      expect(ports).toMatch(/^shop-production-\d+ $/m);
      expect(ports).not.toMatch(/:2019->/);
      expect(await tcpOpen(host.address, 2019)).toBe(false);
      expect(await tcpOpen(host.address, 3000)).toBe(false);
    }
    expect(await lockContainers()).toEqual([]);
  }, 300_000);

  it('deploys v2 host by host under load with zero failed requests through every proxy', async () => {
    const { result, stats } = await underLoad(() => run('deploy', { image: refs.v2!, version: 'v2' }));
    expect(errorsOf(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expectNoFailures(stats);
    expect(await served()).toEqual(['200 v2', '200 v2', '200 v2']);
    for (const host of hosts) expect(await releasesOn(host)).toEqual(['v1:exited', 'v2:running']);
  }, 300_000);

  it('rolls the fleet back (fast path) under load with zero failed requests', async () => {
    const { result, stats } = await underLoad(() => run('rollback', { reason: 'fleet test' }));
    expect(errorsOf(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expectNoFailures(stats);
    expect(await served()).toEqual(['200 v1', '200 v1', '200 v1']);
    expect(result.log).toMatch(/Starting retained release/);
  }, 300_000);

  it('rolls the fleet back by redeploying when no host kept the earlier release, with zero failed requests', async () => {
    const deployed = await run('deploy', { image: refs.v2!, version: 'v2' }, { batch: '100%' });
    expect(errorsOf(deployed)).toEqual([]);
    // Nothing retained: the earlier release must come back from its image on every host.
    for (const host of hosts) {
      const retained = (await namesOn(host)).filter((name) => !name.endsWith(`-${deployments().at(-1)!.id}`));
      if (retained.length > 0) await host.docker.docker(['rm', '--force', ...retained]);
      expect(await releasesOn(host)).toEqual(['v2:running']);
    }
    const { result, stats } = await underLoad(() => run('rollback', { reason: 'fleet redeploy' }, { batch: '100%' }));
    expect(errorsOf(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expectNoFailures(stats);
    expect(result.log).not.toMatch(/Starting retained release/);
    expect(await served()).toEqual(['200 v1', '200 v1', '200 v1']);
    for (const host of hosts) expect(await releasesOn(host)).toEqual(['v1:running', 'v2:exited']);
    expect(statusesOf(deployments().at(-1)!.id).at(-1)!.state).toBe('success');
    expect(await lockContainers()).toEqual([]);
  }, 400_000);

  it('stops at a health failure on the second host and switches the first back, naming the host and why', async () => {
    const h2 = hosts[1]!;
    const result = await withHealthRefused(h2, () => run('deploy', { image: refs.v3!, version: 'v3' }));
    expect(result.exitCode).toBe(1);
    const [error] = errorsOf(result);
    expect(error).toMatch(new RegExp(`^h2 \\(${h2.dockerHost.replace(/\./g, '\\.')}\\) failed its health check`));
    expect(error).toContain('switched back h1; not touched: h3');
    expect(await served()).toEqual(['200 v1', '200 v1', '200 v1']);
    const record = deployments().at(-1)!;
    const last = statusesOf(record.id).at(-1)!;
    expect(last.state).toBe('failure');
    expect(last.description).toMatch(/^h2 \(ssh:\/\/root@\S+\) failed its health check/);
    expect(await releasesOn(hosts[2]!)).not.toContain('v3:running');
    expect(await lockContainers()).toEqual([]);
  }, 300_000);

  it('changes nothing anywhere when one host cannot be reached before the rollout', async () => {
    const h3 = hosts[2]!;
    const before = deployments().length;
    const versions = await Promise.all(hosts.map(releasesOn));
    await h3.exec('iptables', ['-I', 'INPUT', '-p', 'tcp', '--dport', '22', '-j', 'REJECT']);
    let result: ActionRun;
    try {
      result = await run('deploy', { image: refs.v2!, version: 'v2' });
    } finally {
      await h3.exec('iptables', ['-D', 'INPUT', '-p', 'tcp', '--dport', '22', '-j', 'REJECT']);
    }
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)[0]).toMatch(/^h3 \(ssh:\/\/root@\S+\) cannot be reached, so no host was locked or changed/);
    expect(deployments()).toHaveLength(before);
    expect(await Promise.all(hosts.map(releasesOn))).toEqual(versions);
    expect(await served()).toEqual(['200 v1', '200 v1', '200 v1']);
    expect(await lockContainers()).toEqual([]);
  }, 120_000);

  it('boots the proxy again on a host where it is missing', async () => {
    await hosts[0]!.docker.docker(['rm', '--force', 'paved-proxy']);
    const result = await run('deploy', { image: refs.v2!, version: 'v2' }, { batch: '100%' });
    expect(errorsOf(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(await served()).toEqual(['200 v2', '200 v2', '200 v2']);
  }, 300_000);

  it('lets one of two racing deploys have the fleet and refuses the other, changing nothing of it', async () => {
    const before = deployments().length;
    const [a, b] = await Promise.all([
      run('deploy', { image: refs.v3!, version: 'v3' }, { batch: '100%' }),
      run('deploy', { image: refs.v1!, version: 'v1' }, { batch: '100%' }),
    ]);
    const results = [a!, b!];
    const winner = results.findIndex((r) => r.exitCode === 0);
    expect(results.map((r) => r.exitCode).sort()).toEqual([0, 1]);
    const loser = results[1 - winner]!;
    expect(errorsOf(loser)[0]).toMatch(/is locked by another deploy/);
    expect(deployments()).toHaveLength(before + 1);
    const version = winner === 0 ? 'v3' : 'v1';
    expect(await served()).toEqual([`200 ${version}`, `200 ${version}`, `200 ${version}`]);
    expect(await lockContainers()).toEqual([]);
  }, 300_000);

  it('switches the moved hosts back when SSH to the second host drops mid-rollout', async () => {
    const h2 = hosts[1]!;
    const before = await served();
    const serving = before[0]!.replace(/^200 /, '');
    const next = serving === 'v2' ? 'v3' : 'v2';
    const known = await namesOn(h2);
    const running = run('deploy', { image: refs[next]!, version: next, env: 'STARTUP_DELAY_MS=5000' });
    // Once h2 has the new container, cut every SSH session to h2 for a moment.
    const until = Date.now() + 120_000;
    while ((await namesOn(h2)).length === known.length && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const cutUntil = Date.now() + 1_500;
    while (Date.now() < cutUntil) {
      for (const pid of childrenOf(h2.ssh.pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const result = await running;
    expect(result.exitCode).toBe(1);
    const [error] = errorsOf(result);
    expect(error).toMatch(/^h2 \(ssh:\/\/root@\S+\) failed in (start|health): /);
    expect(error).toContain('switched back h1; not touched: h3');
    expect(await served()).toEqual(before);
    expect(await releasesOn(h2)).not.toContain(`${next}:running`);
    expect(await lockContainers()).toEqual([]);
  }, 300_000);

  it('serves the url host over TLS through the proxy it manages', async () => {
    const result = await run(
      'deploy',
      { image: refs.v1!, version: 'v1' },
      { url: `https://${TLS_HOST}`, tls: 'internal', batch: '100%' },
    );
    expect(errorsOf(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    const h1 = hosts[0]!;
    // The test shares the hosts' file system: it asks the admin socket directly for the internal CA.
    const admin = await getOnSocket(`${h1.docker.dir}/proxy/admin.sock`, '/pki/ca/local', 'paved-proxy-admin');
    const ca = (JSON.parse(admin.body) as { root_certificate: string }).root_certificate;
    const answer = await getTls(h1.address, TLS_HOST, ca);
    expect({ status: answer.status, body: answer.body.trim() }).toEqual({ status: 200, body: 'v1' });
  }, 300_000);
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
