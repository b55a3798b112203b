import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage, describeWithStack, startStack, type Stack } from '../src/index.js';

describeWithStack('docker engine and registry', ['docker', 'registry'], () => {
  let stack: Stack<'docker' | 'registry'>;
  let context: string;

  beforeAll(async () => {
    stack = await startStack({ services: ['docker', 'registry'] });
    context = await mkdtemp(join(tmpdir(), 'paved-stack-ctx-'));
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    if (context) await rm(context, { recursive: true, force: true });
  });

  test('builds, pushes, removes and pulls back an image with the same digest', async () => {
    const marker = `built at ${new Date().toISOString()}`;
    await writeFile(join(context, 'hello.txt'), `${marker}\n`);
    await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\nCMD ["/nothing"]\n');
    const image = `${stack.registry.address}/paved/static:1`;

    const built = await buildImage(stack.docker, { context, tag: image });
    expect(['buildx', 'buildkit', 'legacy']).toContain(built.builder);

    const pushed = await stack.docker.docker(['push', image]);
    const pushedDigest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed.stdout)?.[1];
    const registryDigest = await stack.registry.manifestDigest('paved/static', '1');
    expect(pushedDigest).toBe(registryDigest);

    await stack.docker.docker(['image', 'rm', image]);
    const gone = await stack.docker.docker(['image', 'inspect', image], { allowFailure: true });
    expect(gone.code).not.toBe(0);

    const pulled = await stack.docker.docker(['pull', image]);
    expect(pulled.stdout).toContain(`Digest: ${registryDigest}`);
    const repoDigests = await stack.docker.docker(['image', 'inspect', '--format', '{{json .RepoDigests}}', image]);
    expect(JSON.parse(repoDigests.stdout)).toContain(`${stack.registry.address}/paved/static@${registryDigest}`);

    // The pulled image carries the file: read it back through a created (never started) container.
    const created = await stack.docker.docker(['create', image]);
    const containerId = created.stdout.trim();
    const copied = await stack.docker.docker(['cp', `${containerId}:/hello.txt`, join(context, 'out.txt')]);
    expect(copied.code).toBe(0);
    await stack.docker.docker(['rm', containerId]);
    expect(await readFile(join(context, 'out.txt'), 'utf8')).toBe(`${marker}\n`);
  }, 120_000);

  test('exposes the docker CLIs it found', () => {
    expect(stack.docker.clis.length).toBeGreaterThan(0);
    for (const cli of stack.docker.clis) expect(cli.path).toMatch(/\/docker$/);
    expect(stack.docker.host).toMatch(/^unix:\/\/.*docker\.sock$/);
    expect(stack.docker.socketPath.length).toBeLessThan(100);
  });
});
