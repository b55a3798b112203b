import { describeWithStack, type Fleet, type FleetHost } from '@paved/stack';
import { sshSessionTo, startLoopbackServiceHost, type LoopbackServiceHost } from '@paved/test-support/fleet';
import { getOnce } from '@paved/test-support/requests';
import { DockerClient } from '../../src/docker/index.js';
import { openTunnel, SshError, SshSession, withTunnel } from '../../src/remote/index.js';

async function refused(url: string): Promise<boolean> {
  return getOnce(url).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
  );
}

describeWithStack('tunnels to a host over its SSH connection', ['fleet', 'docker'], () => {
  let served: LoopbackServiceHost;
  let fleet: Fleet;
  let host: FleetHost;
  let session: SshSession;
  const loopbackPort = 18_081;

  beforeAll(async () => {
    served = await startLoopbackServiceHost({ port: loopbackPort, body: 'from the host loopback', name: 'admin-like' });
    ({ fleet, host, session } = served);
  }, 180_000);

  afterAll(async () => {
    await served?.stop();
  }, 60_000);

  test('a forward reaches the host loopback the runner cannot reach, and is cancelled on close', async () => {
    const tunnel = await openTunnel(session, { host: '127.0.0.1', port: loopbackPort });
    expect(tunnel.url).toBe(`http://127.0.0.1:${tunnel.localPort}`);
    // The service may still be starting: a bounded wait for its first answer.
    let answer: { status: number; body: string } | undefined;
    for (let attempt = 0; attempt < 50 && !answer; attempt++) {
      answer = await getOnce(`${tunnel.url}/`).catch(() => undefined);
      if (!answer || answer.status !== 200) {
        answer = undefined;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(answer).toEqual({ status: 200, body: 'from the host loopback' });
    await tunnel.close();
    expect(await refused(`${tunnel.url}/`)).toBe(true);
    await tunnel.close();
  }, 30_000);

  test('tunnels and the docker CLI share one master connection', async () => {
    const check = await session.control('check');
    expect(check.stderr).toContain(`pid=${session.masterPid}`);
    const docker = new DockerClient({ env: session.dockerEnv() });
    const names = await withTunnel(session, { host: '127.0.0.1', port: loopbackPort }, async (tunnel) => {
      expect((await getOnce(`${tunnel.url}/`)).body).toBe('from the host loopback');
      return docker.text(['ps', '--format', '{{.Names}}']);
    });
    expect(names.split('\n')).toContain('admin-like');
    // The docker CLI rode the same master: it is still the one answering.
    expect((await session.control('check')).stderr).toContain(`pid=${session.masterPid}`);
  }, 30_000);

  test('several tunnels at once get their own ports', async () => {
    const tunnels = await Promise.all(
      [1, 2, 3].map(() => openTunnel(session, { host: '127.0.0.1', port: loopbackPort })),
    );
    try {
      expect(new Set(tunnels.map((t) => t.localPort)).size).toBe(3);
      for (const tunnel of tunnels) expect((await getOnce(`${tunnel.url}/`)).body).toBe('from the host loopback');
    } finally {
      await Promise.all(tunnels.map((t) => t.close()));
    }
  }, 30_000);

  test('a host key that does not match its known-hosts line is refused, naming the key', async () => {
    const wrongLine = `${host.address} ${fleet.clientKey.publicKey}`;
    await expect(
      SshSession.open({ host: host.dockerHost, sshKey: fleet.clientKey.privateKey, knownHosts: wrongLine }),
    ).rejects.toThrow(/host key .* does not match its known-hosts line/);
    await expect(SshSession.open({ host: host.dockerHost, sshKey: fleet.clientKey.privateKey })).rejects.toThrow(
      /No known-hosts line/,
    );
  }, 30_000);

  test('a forward asked after the link dropped fails as a lost connection, not as sshd refusing it', async () => {
    const own = await sshSessionTo(fleet, host);
    try {
      process.kill(own.masterPid, 'SIGKILL');
      const failure = await openTunnel(own, { host: '127.0.0.1', port: loopbackPort }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SshError);
      expect((failure as SshError).failure).toBe('lost');
      expect((failure as SshError).message).not.toMatch(/AllowTcpForwarding/);
    } finally {
      await own.close();
    }
  }, 30_000);

  test('a closed session ends its master', async () => {
    const own = await sshSessionTo(fleet, host);
    const pid = own.masterPid;
    await own.close();
    let alive = true;
    for (let attempt = 0; attempt < 50 && alive; attempt++) {
      try {
        process.kill(pid, 0);
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
    expect(() => own.control('check')).toThrow(/closed/);
  }, 30_000);
});
