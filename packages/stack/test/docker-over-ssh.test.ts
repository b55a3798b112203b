import { access } from 'node:fs/promises';
import { describeWithStack, runProgram, startStack, type Stack } from '../src/index.js';

describeWithStack('node base image and docker over ssh', ['docker', 'ssh', 'node-base'], () => {
  let stack: Stack<'docker' | 'ssh'>;

  beforeAll(async () => {
    // The first run on a machine builds the image (~1 min); later runs load the cached tarball.
    stack = await startStack({ services: ['docker', 'ssh'], nodeBaseImage: true });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  test('the node base image runs Node 24 and is cached per machine', async () => {
    const image = stack.nodeBaseImage!;
    expect(image.image).toMatch(/^paved\/node-base:24\./);
    await access(image.cachePath);
    const run = await stack.docker.docker([
      'run',
      '--rm',
      '--network',
      'host',
      image.image,
      'node',
      '-e',
      'console.log(process.version)',
    ]);
    expect(run.stdout.trim()).toMatch(/^v24\./);
  }, 60_000);

  test('sshd pins its host key and sets DOCKER_HOST for sessions', async () => {
    const { ssh } = stack;
    expect(ssh.knownHostsLine).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${ssh.port} ssh-ed25519 `));
    expect(ssh.privateKey).toContain('OPENSSH PRIVATE KEY');
    const [command, ...prefix] = ssh.sshCommand;
    const remote = await runProgram(command!, [...prefix, ssh.host, 'printenv', 'DOCKER_HOST']);
    expect(remote.stdout.trim()).toBe(stack.docker.host);
  });

  test('a container starts through DOCKER_HOST=ssh://', async () => {
    const { ssh } = stack;
    expect(ssh.dockerHost).toBe(`ssh://${ssh.user}@127.0.0.1:${ssh.port}`);
    const run = await stack.docker.docker(
      ['run', '--rm', '--network', 'host', stack.nodeBaseImage!.image, 'node', '-e', 'console.log("over ssh")'],
      { env: ssh.dockerEnv(), dockerHost: ssh.dockerHost },
    );
    expect(run.stdout.trim()).toBe('over ssh');
    const info = await stack.docker.docker(['info', '--format', '{{.DockerRootDir}}'], {
      env: ssh.dockerEnv(),
      dockerHost: ssh.dockerHost,
    });
    expect(info.stdout.trim()).toBe(`${stack.dir}/docker/data`);
  }, 60_000);
});
