import { describeWithStack, startDockerEngine, type DockerEngine } from '@paved/stack';
import { DockerClient, DockerCommandError } from '../../src/docker/index.js';

describeWithStack('DockerClient against a real Docker Engine', ['docker'], () => {
  let engine: DockerEngine;
  let docker: DockerClient;

  beforeAll(async () => {
    engine = await startDockerEngine();
    docker = new DockerClient({ env: engine.env() });
  });
  afterAll(() => engine?.stop());

  it('talks to the engine named by DOCKER_HOST', async () => {
    const version = await docker.text(['version', '--format', '{{.Server.Version}}']);
    expect(version).toMatch(/^\d+\.\d+/);
    const info = await docker.jsonLines<{ Driver: string }>(['info', '--format', '{{json .}}']);
    expect(info[0]?.Driver).toBe('vfs');
  });

  it('passes arguments verbatim: a hostile string is a name, not a command', async () => {
    const result = await docker.run(['inspect', 'x; touch /tmp/paved-pwned'], { allowFailure: true });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('x; touch /tmp/paved-pwned');
  });

  it('fails with the command and the last lines docker printed', async () => {
    await expect(docker.run(['image', 'inspect', 'paved/does-not-exist:1'])).rejects.toThrow(DockerCommandError);
    await expect(docker.run(['image', 'inspect', 'paved/does-not-exist:1'])).rejects.toThrow(
      /^docker image failed \(exit 1\):\n.*No such image: paved\/does-not-exist:1/s,
    );
  });
});
