import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describeWithStack, startStack, type Stack } from '@paved/stack';
import { shellBaseContext } from '@paved/test-support/registry';
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
  removeStoppedContainer,
  runArgs,
  runContainer,
  stopContainer,
  withEnvFile,
} from '../../src/docker/index.js';

/** What a run container's inspection is compared on. */
interface Ran {
  State: { Status: string; ExitCode: number };
  Config: { Env: string[]; Labels: Record<string, string>; Image: string };
  HostConfig: Record<string, unknown>;
  Mounts: Array<{ Type: string; Name?: string; Destination: string }>;
}

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
      // A stopped container goes without force; one that is gone is not removed again.
      const stopped = await createIdleContainer(docker, spec);
      expect(await removeStoppedContainer(docker, (stopped as { created: string }).created)).toBe(true);
      expect(await removeStoppedContainer(docker, name)).toBe(false);
      expect(await inspectContainer(docker, name)).toBeUndefined();
    }
  });

  test('a container run through the API is the one `docker run` makes, and it runs', async () => {
    // A shell (the smallest runnable image here) that exits 0 at once.
    const root = path.join(shellBaseContext(), 'root');
    const shell = `${stack.registry.address}/paved/shell:run`;
    await api.run(['import', '--change', 'CMD ["/bin/sh", "-c", "exit 0"]', '-', shell], {
      input: execFileSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 }),
    });
    const twins = await Promise.all(
      (['api', 'cli'] as const).map(async (way) => {
        const spec = {
          name: `run-${way}`,
          image: shell,
          labels: { 'dev.paved.test-run': 'twin' },
          env: ['A=1', 'SECRET=two words; $(id)'],
          restart: 'on-failure:3',
          memory: '64m',
          cpus: '0.5',
          // The stack's engine has no bridge: the host network is what releases get on it.
          placement: { network: 'host' },
          volumes: [`run-data-${process.pid}:/data`],
        };
        const id =
          way === 'api'
            ? await runContainer(api, spec)
            : await withEnvFile(spec.env, undefined, (file) => cli.text(['run', ...runArgs(spec, file)]));
        expect(id).toMatch(/^[0-9a-f]{64}$/);
        await api.run(['wait', id]);
        return (await api.text(['inspect', id])).replace(/run-(api|cli)/g, 'run-twin');
      }),
    );
    const [viaApi, viaCli] = twins.map((text) => (JSON.parse(text) as Ran[])[0]!) as [Ran, Ran];
    const set = (c: Ran) => ({
      state: { status: c.State.Status, exitCode: c.State.ExitCode },
      env: c.Config.Env,
      labels: c.Config.Labels,
      image: c.Config.Image,
      host: Object.fromEntries(
        // No port bindings are null one way and {} the other: the same to the engine.
        ['RestartPolicy', 'Memory', 'NanoCpus', 'Binds', 'NetworkMode', 'PortBindings'].map((k) => [
          k,
          c.HostConfig[k] ?? (k === 'PortBindings' ? {} : undefined),
        ]),
      ),
      mounts: c.Mounts.map((m) => [m.Type, m.Name, m.Destination]),
    });
    expect(set(viaApi)).toEqual(set(viaCli));
    expect(set(viaApi)).toMatchObject({
      state: { status: 'exited', exitCode: 0 },
      env: expect.arrayContaining(['A=1', 'SECRET=two words; $(id)']),
      host: {
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        Memory: 64 * 1024 ** 2,
        NanoCpus: 500_000_000,
        NetworkMode: 'host',
      },
      mounts: [['volume', `run-data-${process.pid}`, '/data']],
    });
  });
});
