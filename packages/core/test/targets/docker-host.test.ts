import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeWithStack, startSshServer, startStack, type SshServer, type Stack } from '@paved/stack';
import { temporaryDirectory } from '@paved/test-support/workspace';
import { connectDockerHost, type DockerHost } from '../../src/targets/docker/host.js';

/**
 * A docker host reached over SSH: the docker CLI talks to the host's engine socket forwarded
 * through the session's one connection, and falls back to dialling over ssh where the host's
 * sshd refuses unix-socket forwards. Either way the engine answering is the host's.
 */
describeWithStack('docker CLI over the SSH session', ['docker', 'ssh'], () => {
  let stack: Stack<'docker' | 'ssh'>;
  let hardened: SshServer;

  beforeAll(async () => {
    stack = await startStack({ services: ['docker', 'ssh'] });
    hardened = await startSshServer({
      dir: temporaryDirectory('paved-sshd-'),
      dockerHost: stack.docker.host,
      clientKey: {
        privateKey: stack.ssh.privateKey,
        publicKey: stack.ssh.publicKey,
        privateKeyPath: stack.ssh.privateKeyPath,
      },
      socketForwarding: false,
    });
  }, 180_000);

  afterAll(async () => {
    await hardened?.stop();
    await stack?.stop();
  }, 60_000);

  /** The host behind `server` as a deploy connects to it, with the key and pinned host key. */
  const connect = (server: Pick<SshServer, 'dockerHost' | 'privateKey' | 'knownHostsLine'>) =>
    connectDockerHost({
      host: server.dockerHost,
      sshKey: server.privateKey,
      knownHosts: server.knownHostsLine,
      tempDir: '/tmp',
    });

  const engineId = async (host: DockerHost) => (await host.docker.run(['info', '--format', '{{.ID}}'])).stdout.trim();

  test('docker calls go through the engine socket forwarded into the session folder', async () => {
    const { ssh } = stack;
    const host = await connect(ssh);
    const sessionDir = host.session!.dir;
    try {
      expect(host.docker.env.DOCKER_HOST).toBe(`unix://${path.join(sessionDir, 'docker.sock')}`);
      expect(await engineId(host)).toBe((await stack.docker.docker(['info', '--format', '{{.ID}}'])).stdout.trim());
    } finally {
      await host.close();
    }
    // The socket goes with the session's folder, key and all.
    expect(existsSync(sessionDir)).toBe(false);
  }, 60_000);

  test('when the SSH link drops, the failed call names it and later calls reach the engine over ssh', async () => {
    const { ssh } = stack;
    const host = await connect(ssh);
    try {
      const id = await engineId(host);
      // The master holds the forward: without it the socket leads nowhere.
      process.kill(host.session!.masterPid, 'SIGKILL');
      await expect(host.docker.run(['info', '--format', '{{.ID}}'])).rejects.toMatchObject({ name: 'SshError' });
      expect(host.docker.env.DOCKER_HOST).toBe(ssh.dockerHost);
      expect(await engineId(host)).toBe(id);
    } finally {
      await host.close();
    }
  }, 60_000);

  test('where sshd refuses socket forwards, docker dials over ssh and still reaches the engine', async () => {
    const host = await connect(hardened);
    try {
      expect(host.docker.env.DOCKER_HOST).toBe(hardened.dockerHost);
      expect(await engineId(host)).toBe((await stack.docker.docker(['info', '--format', '{{.ID}}'])).stdout.trim());
    } finally {
      await host.close();
    }
  }, 60_000);
});
