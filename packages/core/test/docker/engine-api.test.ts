import os from 'node:os';
import { describeWithStack, startStack, type Stack } from '@paved/stack';
import { temporaryDirectory } from '@paved/test-support/workspace';
import {
  containerIds,
  DockerClient,
  engineInfo,
  inspectContainer,
  inspectContainers,
  inspectImage,
  inspectNetwork,
  createIdleContainer,
  forceRemoveContainer,
  stopContainer,
} from '../../src/docker/index.js';

/**
 * The same questions to one real engine, two ways: the Engine API on its socket (DOCKER_HOST
 * unix://, as for a host reached over SSH) and the CLI through a docker context (the runner's
 * default engine). Both must tell the same.
 */
describeWithStack('engine reads: the Engine API and the CLI agree', ['docker', 'registry'], () => {
  let stack: Stack<'docker' | 'registry'>;
  let api: DockerClient;
  let cli: DockerClient;
  let pinned: string;
  let tagged: string;
  const label = `dev.paved.test-run=${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    stack = await startStack({ services: ['docker', 'registry'] });
    api = new DockerClient({ env: { DOCKER_HOST: stack.docker.host } });
    const config = temporaryDirectory('paved-docker-config-');
    const context = new DockerClient({ env: { DOCKER_CONFIG: config } });
    await context.run(['context', 'create', 'engine', '--docker', `host=${stack.docker.host}`]);
    cli = new DockerClient({ env: { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'engine' } });

    // An image with a registry port in its name and a manifest digest: the reference forms reads take.
    tagged = `${stack.registry.address}/paved/reads:1`;
    await api.run(['import', '-', tagged], { input: Buffer.alloc(1024) });
    await api.run(['push', tagged]);
    pinned = `${stack.registry.address}/paved/reads@${await stack.registry.manifestDigest('paved/reads', '1')}`;
    for (const name of ['reads-a', 'reads-b']) {
      await api.run([
        'create',
        '--name',
        name,
        '--label',
        label,
        '--env',
        'SECRETISH=1',
        '--network',
        'none',
        tagged,
        'x',
      ]);
    }
    await api.run(['create', '--name', 'reads-other', '--network', 'none', tagged, 'x']);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  test('the API is asked where the engine is a socket; the CLI where a context decides', () => {
    expect(api.engineSocket).toBe(stack.docker.host.slice('unix://'.length));
    expect(cli.engineSocket).toBeUndefined();
  });

  test('containers by label, and their inspection, are the same either way', async () => {
    const ids = await containerIds(api, [label]);
    expect(ids).toHaveLength(2);
    expect(new Set(await containerIds(cli, [label]))).toEqual(new Set(ids));
    expect(await containerIds(api, [label, 'dev.paved.other=1'])).toEqual([]);

    const [fromApi, fromCli] = await Promise.all([inspectContainers(api, ids), inspectContainers(cli, ids)]);
    expect(fromApi.map((c) => c.Name).sort()).toEqual(['/reads-a', '/reads-b']);
    expect(fromApi).toEqual(fromCli);
    expect(fromApi[0]!.Config.Env).toContain('SECRETISH=1');
    expect(fromApi[0]!.NetworkSettings?.Networks).toHaveProperty('none');
  });

  test('a container that is gone is left out, by ID or by name', async () => {
    const [id] = await containerIds(api, [label]);
    for (const docker of [api, cli]) {
      expect((await inspectContainers(docker, [id!, 'reads-missing'])).map((c) => c.Id)).toEqual([id]);
      expect(await inspectContainer(docker, 'reads-missing')).toBeUndefined();
      expect((await inspectContainer(docker, 'reads-other'))?.Name).toBe('/reads-other');
    }
  });

  test('images by ID, tag and digest; a missing one is undefined', async () => {
    const byTag = await inspectImage(api, tagged);
    expect(byTag?.Id).toMatch(/^sha256:[0-9a-f]{64}$/);
    for (const docker of [api, cli]) {
      expect(await inspectImage(docker, pinned)).toEqual(byTag);
      expect(await inspectImage(docker, byTag!.Id)).toEqual(byTag);
      expect(await inspectImage(docker, `${stack.registry.address}/paved/reads:missing`)).toBeUndefined();
    }
    expect(byTag?.RepoDigests).toContain(pinned);
  });

  test('networks by name only, and the engine host kernel', async () => {
    for (const docker of [api, cli]) {
      // The stack's engine runs with --bridge=none, as an engine without a bridge does.
      expect(await inspectNetwork(docker, 'host')).toEqual({ Name: 'host', Driver: 'host' });
      expect(await inspectNetwork(docker, 'bridge')).toBeUndefined();
      expect(await inspectNetwork(docker, 'paved-no-such-network')).toBeUndefined();
      expect((await engineInfo(docker)).KernelVersion).toBe(os.release());
    }
    // A prefix of a network's ID is not a network named so.
    const hostId = (await api.text(['network', 'inspect', '--format', '{{.Id}}', 'host'])).slice(0, 12);
    expect(await inspectNetwork(api, hostId)).toBeUndefined();
  });

  test('a container created by name once, refused the second time, removed, and removing it again is no error', async () => {
    for (const [docker, name] of [
      [api, 'writes-api'],
      [cli, 'writes-cli'],
    ] as const) {
      const spec = {
        name,
        image: tagged,
        command: ['x'],
        labels: { 'dev.paved.test-writes': name },
        network: 'none' as const,
      };
      const created = await createIdleContainer(docker, spec);
      expect(created).toEqual({ created: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await createIdleContainer(docker, spec)).toEqual({ conflict: true });
      expect(await createIdleContainer(docker, { ...spec, name: `${name}-2`, image: 'paved/none:1' })).toEqual({
        noImage: true,
      });
      const made = await inspectContainer(docker, name);
      expect(made?.Config.Labels?.['dev.paved.test-writes']).toBe(name);
      expect(made?.HostConfig?.NetworkMode).toBe('none');
      expect(made?.State.Status).toBe('created');
      // Stopping what does not run is no error.
      await stopContainer(docker, name, 1);
      await forceRemoveContainer(docker, (created as { created: string }).created);
      expect(await inspectContainer(docker, name)).toBeUndefined();
      // Gone already is gone.
      await forceRemoveContainer(docker, name);
    }
  });
});
