import { statSync } from 'node:fs';
import path from 'node:path';
import { buildCaddyImage, describeWithStack, startStack, type FleetHost, type Stack } from '@paved/stack';
import { getTls as getTlsAt } from '@paved/test-support/requests';
import { DockerClient } from '../../src/docker/index.js';
import {
  adminOverSsh,
  ensureManagedProxy,
  PROXY_LABELS,
  resolveProxySpec,
  type ManagedProxySpec,
} from '../../src/proxy/index.js';
import { SshError, SshSession, withTunnel } from '../../src/remote/index.js';
import { knockOn } from '../../src/targets/docker/ports.js';

const HOSTNAME = 'app.paved.test';
const getTls = (address: string, ca: string) => getTlsAt(address, HOSTNAME, ca);
const tcpOpen = async (host: string, port: number) => (await knockOn(host, port, 1_500)) === 'open';

interface Reached {
  host: FleetHost;
  session: SshSession;
  docker: DockerClient;
  spec: (image: string) => ManagedProxySpec;
}

describeWithStack('a proxy Paved manages on each host', ['fleet', 'docker', 'registry'], () => {
  let stack: Stack<'docker' | 'registry' | 'fleet'>;
  let hosts: Reached[];
  let image: string;
  let nextImage: string;

  beforeAll(async () => {
    stack = await startStack({ services: ['docker', 'registry', 'fleet'], fleetHosts: 2 });
    const registry = stack.fleet.registryAddress!;
    // Two builds of the same Caddy that differ by a label: two digests, as an upgrade brings.
    for (const [tag, variant] of [
      ['current', undefined],
      ['next', 'next'],
    ] as const) {
      const built = await buildCaddyImage(stack.docker, { tag: `${registry}/paved/caddy:${tag}`, variant });
      await stack.docker.docker(['push', built.image]);
    }
    image = `${registry}/paved/caddy@${await stack.registry.manifestDigest('paved/caddy', 'current')}`;
    nextImage = `${registry}/paved/caddy@${await stack.registry.manifestDigest('paved/caddy', 'next')}`;
    expect(image).not.toBe(nextImage);
    hosts = await Promise.all(
      stack.fleet.hosts.map(async (host) => {
        const session = await SshSession.open({
          host: host.dockerHost,
          sshKey: stack.fleet.clientKey.privateKey,
          knownHosts: stack.fleet.knownHosts,
        });
        return {
          host,
          session,
          docker: new DockerClient({ env: session.dockerEnv() }),
          // The hosts of this fleet share one file system, so each gets its own admin folder.
          spec: (pinned: string) =>
            resolveProxySpec({
              image: pinned,
              hostname: HOSTNAME,
              tls: 'internal',
              adminDir: `${host.docker.dir}/proxy`,
            }),
        };
      }),
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all((hosts ?? []).map((reached) => reached.session.close()));
    await stack?.stop();
  }, 60_000);

  const ensure = (reached: Reached, pinned: string) =>
    ensureManagedProxy(reached.docker, reached.spec(pinned), adminOverSsh(reached.session), {
      hostDisplay: reached.session.display,
    });

  test('boots the proxy on every host once, with its admin API on no TCP port', async () => {
    const first = await Promise.all(hosts.map((reached) => ensure(reached, image)));
    expect(first.map((proxy) => proxy.boot)).toEqual(['created', 'created']);
    const again = await Promise.all(hosts.map((reached) => ensure(reached, image)));
    expect(again.map((proxy) => proxy.boot)).toEqual(['unchanged', 'unchanged']);
    expect(again.map((proxy) => proxy.containerId)).toEqual(first.map((proxy) => proxy.containerId));

    for (const reached of hosts) {
      const ports = await reached.docker.text(['port', 'paved-proxy']);
      expect(
        ports
          .split('\n')
          .map((line) => line.split(' -> ')[0])
          .sort(),
      ).toEqual(expect.arrayContaining(['443/tcp', '80/tcp']));
      expect(ports).not.toContain('2019');
      // Not even the host's own loopback has Caddy's default admin port.
      const local = await reached.host.exec('curl', ['-s', '--max-time', '2', 'http://127.0.0.1:2019/config/'], {
        allowFailure: true,
      });
      expect(local.code).not.toBe(0);
      expect(await tcpOpen(reached.host.address, 2019)).toBe(false);
    }
  }, 120_000);

  test('switches to a release by name on the shared network and serves it over TLS for the hostname', async () => {
    for (const [index, reached] of hosts.entries()) {
      for (const release of ['app-r1', 'app-r2']) {
        await reached.docker.run([
          'run',
          '--detach',
          '--name',
          release,
          '--network',
          'paved',
          image,
          'caddy',
          'respond',
          '--listen',
          ':8080',
          '--body',
          `${release} on h${index + 1}`,
        ]);
      }
      const proxy = await ensure(reached, image);
      const ca = await proxy.withAdmin(async (admin) => {
        // The admin API reaches the runner only as a socket in the session's private folder.
        expect(path.dirname(admin.socketPath)).toBe(reached.session.dir);
        expect(statSync(reached.session.dir).mode & 0o777).toBe(0o700);
        await admin.switchTo('paved-upstream', 'app-r1:8080');
        expect(await admin.upstreams('paved-upstream')).toEqual(['app-r1:8080']);
        return admin.rootCertificate();
      });
      // Releases publish nothing: the proxy is the only way in from the runner.
      expect(await reached.docker.text(['port', 'app-r1'])).toBe('');
      let answer: { status: number; body: string } | undefined;
      for (let attempt = 0; attempt < 50 && answer?.status !== 200; attempt++) {
        answer = await getTls(reached.host.address, ca).catch(() => undefined);
        if (answer?.status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(answer).toEqual({ status: 200, body: `app-r1 on h${index + 1}` });
      // A release's health endpoint, reached where it lives (its address on the Docker network)
      // through the host's SSH connection: nothing published, nothing opened to the runner.
      const releaseIp = await reached.docker.text([
        'inspect',
        '--format',
        '{{(index .NetworkSettings.Networks "paved").IPAddress}}',
        'app-r2',
      ]);
      const health = await withTunnel(reached.session, { host: releaseIp, port: 8080 }, (tunnel) =>
        fetch(`${tunnel.url}/up`).then(async (response) => ({ status: response.status, body: await response.text() })),
      );
      expect(health).toEqual({ status: 200, body: `app-r2 on h${index + 1}` });
      await proxy.withAdmin((admin) => admin.switchTo('paved-upstream', 'app-r2:8080'));
      expect(await getTls(reached.host.address, ca)).toEqual({ status: 200, body: `app-r2 on h${index + 1}` });
      // Nothing is in flight to the release switched away from.
      expect(await proxy.withAdmin((admin) => admin.waitDrained('app-r1:8080', 2_000))).toBe(0);
    }
  }, 120_000);

  test('a new pinned digest upgrades the proxy and keeps its upstream and certificates', async () => {
    const reached = hosts[0]!;
    const before = await ensure(reached, image);
    const ca = await before.withAdmin((admin) => admin.rootCertificate());
    const upgraded = await ensure(reached, nextImage);
    expect(upgraded.boot).toBe('upgraded');
    expect(upgraded.containerId).not.toBe(before.containerId);
    const label = await reached.docker.text([
      'inspect',
      '--format',
      `{{index .Config.Labels "${PROXY_LABELS.image}"}}`,
      'paved-proxy',
    ]);
    expect(label).toBe(nextImage);
    expect(await upgraded.withAdmin((admin) => admin.upstreams('paved-upstream'))).toEqual(['app-r2:8080']);
    expect(await upgraded.withAdmin((admin) => admin.rootCertificate())).toBe(ca);
    expect(await getTls(reached.host.address, ca)).toEqual({ status: 200, body: 'app-r2 on h1' });
  }, 120_000);

  test('a proxy container that went missing is booted again with its last upstream', async () => {
    const reached = hosts[1]!;
    await reached.docker.run(['rm', '--force', 'paved-proxy']);
    const proxy = await ensure(reached, image);
    expect(proxy.boot).toBe('created');
    expect(await proxy.withAdmin((admin) => admin.upstreams('paved-upstream'))).toEqual(['app-r2:8080']);
    const ca = await proxy.withAdmin((admin) => admin.rootCertificate());
    expect(await getTls(reached.host.address, ca)).toEqual({ status: 200, body: 'app-r2 on h2' });
  }, 120_000);

  test('an admin forward asked after the SSH link dropped fails as the lost connection, not as sshd refusing it', async () => {
    const own = await SshSession.open({
      host: hosts[0]!.host.dockerHost,
      sshKey: stack.fleet.clientKey.privateKey,
      knownHosts: stack.fleet.knownHosts,
    });
    try {
      process.kill(own.masterPid, 'SIGKILL');
      const failure = await adminOverSsh(own)
        .open(`${hosts[0]!.host.docker.dir}/proxy/admin.sock`)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SshError);
      expect((failure as SshError).failure).toBe('lost');
      expect((failure as SshError).message).not.toMatch(/AllowStreamLocalForwarding/);
    } finally {
      await own.close();
    }
  }, 30_000);
});
