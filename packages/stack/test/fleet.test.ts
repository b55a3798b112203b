import { spawn } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildCaddyImage,
  describeWithStack,
  runDocker,
  runProgram,
  startFleet,
  startStack,
  type FleetHost,
  type Stack,
} from '../src/index.js';
import { tcpOutcome } from './tcp-probe.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

/** The docker CLI as the runner uses it: over SSH to the host, nothing else. */
function overSsh(host: FleetHost, args: string[], allowFailure = false) {
  return runDocker(args, { env: host.ssh.dockerEnv(), dockerHost: host.dockerHost, allowFailure, timeoutMs: 120_000 });
}

async function namespaces(): Promise<string> {
  return (await runProgram('ip', ['netns', 'list'])).stdout;
}

async function linkExists(name: string): Promise<boolean> {
  return (await runProgram('ip', ['link', 'show', name], { allowFailure: true })).code === 0;
}

async function isRunning(pid: number): Promise<boolean> {
  try {
    return !/^\d+ \(.*\) Z/.test(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

describeWithStack('a fleet of three hosts', ['fleet', 'docker', 'registry'], () => {
  let stack: Stack<'docker' | 'registry' | 'fleet'>;
  let image: string;

  beforeAll(async () => {
    stack = await startStack({ services: ['docker', 'registry', 'fleet'], fleetHosts: 3 });
    // A release image the hosts can run: Caddy answering a fixed body.
    image = (await buildCaddyImage(stack.docker)).image;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  test('each host has its own address, namespace, engine and pinned SSH host key', () => {
    const { fleet } = stack;
    expect(fleet.hosts).toHaveLength(3);
    const addresses = fleet.hosts.map((host) => host.address);
    expect(new Set(addresses).size).toBe(3);
    expect(new Set(fleet.hosts.map((host) => host.netns)).size).toBe(3);
    const prefix = fleet.gateway.replace(/\.1$/, '.');
    for (const host of fleet.hosts) {
      expect(host.address.startsWith(prefix)).toBe(true);
      expect(host.knownHostsLine).toMatch(new RegExp(`^${host.address.replace(/\./g, '\\.')} ssh-ed25519 \\S+$`));
      expect(host.dockerHost).toBe(`ssh://root@${host.address}`);
    }
    expect(fleet.knownHosts.split('\n')).toEqual(fleet.hosts.map((host) => host.knownHostsLine));
    expect(['overlay2', 'vfs']).toContain(fleet.storageDriver);
  });

  test('from the runner, SSH reaches each host inside its own namespace', async () => {
    for (const host of stack.fleet.hosts) {
      const [ssh, ...prefix] = host.ssh.sshCommand;
      const seen = await runProgram(ssh!, [...prefix, host.address, 'ip', '-4', '-o', 'address', 'show', 'eth0']);
      expect(seen.stdout).toContain(`inet ${host.address}/24`);
    }
  });

  test('from the runner, docker -H ssh:// drives each host its own engine', async () => {
    for (const host of stack.fleet.hosts) {
      const info = await overSsh(host, ['info', '--format', '{{.DockerRootDir}} {{.Driver}}']);
      expect(info.stdout.trim()).toBe(`${host.docker.dir}/data ${stack.fleet.storageDriver}`);
      const networks = await overSsh(host, ['network', 'ls', '--format', '{{.Name}}']);
      expect(networks.stdout.split('\n')).toContain('bridge');
    }
  }, 60_000);

  test('a host pulls an image from the local registry by digest, as from a real one', async () => {
    const registry = stack.fleet.registryAddress!;
    expect(registry).toBe(`${stack.fleet.gateway}:${stack.registry.port}`);
    const remote = `${registry}/paved/caddy:fleet`;
    await stack.docker.docker(['tag', image, remote]);
    await stack.docker.docker(['push', remote]);
    const digest = await stack.registry.manifestDigest('paved/caddy', 'fleet');
    const host = stack.fleet.hosts[1]!;
    const pinned = `${registry}/paved/caddy@${digest}`;
    const pulled = await overSsh(host, ['pull', pinned]);
    expect(pulled.stdout).toContain(`Digest: ${digest}`);
    const run = await overSsh(host, ['run', '--rm', pinned, 'caddy', 'version']);
    expect(run.stdout).toMatch(/^v?2\./);
    // The pull went over the bridge: the host has no other way out.
    const routes = await host.exec('ip', ['-4', 'route', 'show']);
    expect(routes.stdout).not.toMatch(/^default/m);
  }, 120_000);

  test('the firewall lets the runner reach SSH and the public port, and nothing else', async () => {
    const host = stack.fleet.hosts[0]!;
    const registry = stack.fleet.registryAddress!;
    const pinned = `${registry}/paved/caddy:fleet`;
    await stack.docker.docker(['tag', image, pinned]);
    await stack.docker.docker(['push', pinned]);
    const releasePort = 20_000 + Math.floor(Math.random() * 10_000);
    const loopbackPort = 18_080;
    const respond = (body: string) => ['caddy', 'respond', '--listen', ':8080', '--body', body];
    await overSsh(host, [
      'run',
      '--detach',
      '--name',
      'release',
      '--publish',
      `${releasePort}:8080`,
      '--publish',
      `127.0.0.1:${loopbackPort}:8080`,
      pinned,
      ...respond('release'),
    ]);
    await overSsh(host, ['run', '--detach', '--name', 'proxy', '--publish', '80:8080', pinned, ...respond('public')]);

    // From the host itself both release ports answer: they are there, just not for the runner.
    const onHost = async (port: number) =>
      (
        await host.exec('curl', [
          '-s',
          '--max-time',
          '5',
          '--retry',
          '10',
          '--retry-connrefused',
          '--retry-delay',
          '0',
          `http://127.0.0.1:${port}/`,
        ])
      ).stdout;
    expect(await onHost(releasePort)).toBe('release');
    expect(await onHost(loopbackPort)).toBe('release');

    expect(await tcpOutcome(host.address, releasePort)).toBe('dropped');
    expect(await tcpOutcome(host.address, loopbackPort)).toBe('dropped');
    expect(await tcpOutcome(host.address, 2375)).toBe('dropped');
    expect(await tcpOutcome(host.address, 22)).toBe('open');
    const response = await fetch(`http://${host.address}/`, { signal: AbortSignal.timeout(5_000) });
    expect(await response.text()).toBe('public');

    await overSsh(host, ['rm', '--force', 'release', 'proxy']);
  }, 120_000);
});

describeWithStack('fleet teardown', ['fleet'], () => {
  test('stop removes namespaces, links, processes and state', async () => {
    const fleet = await startFleet({ hosts: 1 });
    const [host] = fleet.hosts;
    const pids = [host!.docker.pid, host!.ssh.pid];
    const bridgeLinks = (
      await runProgram('ip', ['-o', 'link', 'show', 'master', 'pvfnet' + fleet.gateway.split('.')[2]])
    ).stdout;
    expect(bridgeLinks).toContain(`pvf`);
    expect(await namespaces()).toContain(host!.netns);
    await fleet.stop();
    expect(await namespaces()).not.toContain(host!.netns);
    expect(await linkExists(`pvfnet${fleet.gateway.split('.')[2]}`)).toBe(false);
    for (const pid of pids) expect(await isRunning(pid)).toBe(false);
    await expect(access(fleet.dir)).rejects.toThrow();
  }, 90_000);

  test('a SIGKILLed owner leaves no namespace, process or folder behind', async () => {
    const owner = spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures', 'hold-fleet.ts')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const held = await new Promise<{ dir: string; netns: string; pids: number[] }>((resolveHeld, reject) => {
        const timer = setTimeout(() => reject(new Error('owner did not report its fleet in 60 s')), 60_000);
        // The owner's log (core's ::debug:: lines among it) comes first; its report is the JSON line.
        let output = '';
        owner.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const report = output.split('\n').find((line) => line.startsWith('{') && line.endsWith('}'));
          if (!report) return;
          clearTimeout(timer);
          resolveHeld(JSON.parse(report) as { dir: string; netns: string; pids: number[] });
        });
        owner.once('exit', (code) => reject(new Error(`owner exited early with ${code}`)));
      });
      expect(await namespaces()).toContain(held.netns);
      // dockerd, sshd and the container's own process are all there before the owner dies.
      expect(held.pids).toHaveLength(3);
      for (const pid of held.pids) expect(await isRunning(pid)).toBe(true);
      owner.kill('SIGKILL');
      expect(await waitFor(async () => !(await namespaces()).includes(held.netns), 30_000)).toBe(true);
      for (const pid of held.pids) expect(await isRunning(pid)).toBe(false);
      expect(
        await waitFor(
          async () =>
            access(held.dir).then(
              () => false,
              () => true,
            ),
          10_000,
        ),
      ).toBe(true);
      // Nothing stays mounted below it (the container's overlay, dockerd's namespace mounts).
      expect(await readFile('/proc/mounts', 'utf8')).not.toContain(held.dir);
    } finally {
      // A failed assertion must not leave the owner (and so jest) running.
      if (owner.exitCode === null && owner.signalCode === null) owner.kill('SIGKILL');
    }
  }, 120_000);

  test('two fleets at once get their own /24, bridge and namespaces', async () => {
    const [one, two] = await Promise.all([startFleet({ hosts: 1 }), startFleet({ hosts: 1 })]);
    try {
      expect(one.subnet).not.toBe(two.subnet);
      expect(one.hosts[0]!.netns).not.toBe(two.hosts[0]!.netns);
      for (const fleet of [one, two]) {
        const [ssh, ...prefix] = fleet.hosts[0]!.ssh.sshCommand;
        const seen = await runProgram(ssh!, [...prefix, fleet.hosts[0]!.address, 'ip', '-4', '-o', 'address', 'show']);
        expect(seen.stdout).toContain(`inet ${fleet.hosts[0]!.address}/24`);
      }
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
  }, 90_000);
});
