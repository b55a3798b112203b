// paved/build-image end to end: the committed bundle, run as the runner runs it, building with
// a real Docker Engine and pushing into real registries on loopback started here.
import { existsSync } from 'node:fs';
import { describeWithStack, startStack, type Stack } from '@paved/stack';
import { hasStackTrace, runAction, type ActionRun } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';
import { registryDigest, registryTags, startAuthRegistry, type AuthRegistry } from '@paved/test-support/registry';
import { startTogether } from '@paved/test-support/servers';

const SHA = 'ffac537e6cbbf934b08745a378932722df287a53';
const HEAD = '0123456789abcdef0123456789abcdef01234567';
const FILES = { Dockerfile: 'FROM scratch\nCOPY a.txt /a.txt\n', 'a.txt': 'hello' };
const REPOSITORY = { default_branch: 'main', description: 'The shop', license: { spdx_id: 'MIT' } };
const CLIS = [
  { builder: 'classic', cli: '/usr/local/bin/docker' },
  { builder: 'buildkit', cli: '/usr/bin/docker' },
].filter(({ cli }) => existsSync(cli));

describeWithStack('dist/build-image with a real engine and registry', ['docker', 'registry'], () => {
  let stack: Stack<'docker' | 'registry'>;
  let registry: AuthRegistry;
  const auth = { username: 'bot', password: 'S3CRET-registry-pw' };

  beforeAll(async () => {
    [stack, registry] = await startTogether(
      startStack({ services: ['docker', 'registry'] }),
      startAuthRegistry(auth.username, auth.password),
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stack?.stop(), registry?.stop()]);
  });

  const env = (cli: string) => ({ DOCKER_HOST: stack.docker.host, PAVED_DOCKER: cli });
  const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error').map((a) => a.message);

  async function expectPinned(run: ActionRun, address: string, repository: string, credentials?: typeof auth) {
    expect(run.exitCode).toBe(0);
    const { digest, ref, tags } = run.outputs;
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(ref).toBe(`${address}/${repository}@${digest}`);
    for (const tag of tags!.split('\n')) {
      expect(tag.startsWith(`${address}/${repository}:`)).toBe(true);
      expect(await registryDigest(address, repository, tag.split(':').at(-1)!, credentials)).toBe(digest);
    }
    // Pinned by digest, the registry serves exactly what was pushed.
    expect(await registryDigest(address, repository, digest!, credentials)).toBe(digest);
  }

  it.each(CLIS)(
    'builds with the $builder builder (PAVED_DOCKER=$cli) on a push to the default branch',
    async ({ builder, cli }) => {
      const repository = `acme/shop-${builder}`;
      const run = await runAction('build-image', {
        inputs: { image: `${stack.registry.address}/${repository}`, labels: 'team=payments' },
        env: env(cli),
        github: {
          sha: SHA,
          event: { repository: REPOSITORY, head_commit: { timestamp: '2026-01-02T03:04:05Z' } },
        },
        workspace: makeWorkspace(FILES),
      });
      expect(errors(run)).toEqual([]);
      await expectPinned(run, stack.registry.address, repository);
      const name = `${stack.registry.address}/${repository}`;
      expect(run.outputs.image).toBe(name);
      expect(run.outputs.tags!.split('\n')).toEqual([`${name}:main`, `${name}:sha-ffac537`, `${name}:latest`]);
      expect(run.outputs.labels!.split('\n')).toEqual([
        'org.opencontainers.image.title=shop',
        'org.opencontainers.image.description=The shop',
        'org.opencontainers.image.source=https://github.com/acme/shop',
        'org.opencontainers.image.url=https://github.com/acme/shop',
        `org.opencontainers.image.revision=${SHA}`,
        'org.opencontainers.image.created=2026-01-02T03:04:05.000Z',
        'org.opencontainers.image.version=main',
        'org.opencontainers.image.licenses=MIT',
        'team=payments',
      ]);
      const metadata = JSON.parse(run.outputs.metadata!);
      expect(metadata).toMatchObject({ builder, digest: run.outputs.digest, ref: run.outputs.ref, confirmed: true });
      expect(run.log).toContain(`Builder: ${builder} (`);
      expect(run.log).toContain(`Deploy this: ${run.outputs.ref}`);
      expect(run.summary).toContain(`<h2>Image pushed: ${name}</h2>`);
      expect(run.summary).toContain(`<td>Deploy this</td><td><code>${run.outputs.ref}</code></td>`);
      expect(run.summary).toContain(
        '<td>Tags</td><td><code>main</code><br><code>sha-ffac537</code><br><code>latest</code></td>',
      );
      expect(run.summary).toMatch(/<td>Size<\/td><td>[\d.]+ k?B \(compressed\)<\/td>/);
      expect(run.summary).toMatch(/<td>Build time<\/td><td>[\d.]+m?s<\/td>/);
      // The labels reached the image itself.
      const inspect = await stack.docker.docker([
        'image',
        'inspect',
        '--format',
        '{{json .Config.Labels}}',
        `${name}:main`,
      ]);
      expect(JSON.parse(inspect.stdout)).toMatchObject({ 'org.opencontainers.image.revision': SHA, team: 'payments' });
    },
  );

  it('tags a pull request by its head commit, not the merge commit, and logs in with masked credentials', async () => {
    const cli = CLIS.at(-1)!.cli;
    const repository = 'acme/pr';
    const run = await runAction('build-image', {
      inputs: { image: `${registry.address}/${repository}`, username: auth.username, password: auth.password },
      env: env(cli),
      github: {
        eventName: 'pull_request',
        ref: 'refs/pull/42/merge',
        sha: SHA,
        event: { number: 42, pull_request: { number: 42, head: { sha: HEAD } }, repository: REPOSITORY },
      },
      workspace: makeWorkspace(FILES),
      debug: true,
    });
    expect(errors(run)).toEqual([]);
    await expectPinned(run, registry.address, repository, auth);
    expect(run.outputs.tags!.split('\n').map((t) => t.split(':').at(-1))).toEqual(['pr-42', 'sha-0123456']);
    expect(run.outputs.labels).toContain(`org.opencontainers.image.revision=${HEAD}`);
    expect(run.masks).toContain(auth.password);
    expect(run.masks).toContain(Buffer.from(`${auth.username}:${auth.password}`).toString('base64'));
    expect(run.log).toContain(`Logged in to ${registry.address} as bot`);
    // Even with debug logging, every command line the action ran is free of the password.
    expect(run.log).toMatch(/login --username bot --password-stdin 127\.0\.0\.1:\d+/);
    expect(
      run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::') && line.includes('S3CRET')),
    ).toEqual([]);
  });

  it('ends in one clear error naming the registry when the login is refused, and pushes nothing', async () => {
    const run = await runAction('build-image', {
      inputs: { image: `${registry.address}/acme/refused`, username: 'bot', password: 'S3CRET-wrong' },
      env: env(CLIS[0]!.cli),
      workspace: makeWorkspace(FILES),
    });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Registry ${registry.address.replace(/\./g, '\\.')} refused the login for user 'bot': .*401 Unauthorized`,
        ),
      ),
    ]);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    expect(run.outputs).toEqual({});
    expect(await registryTags(registry.address, 'acme/refused', auth)).toEqual([]);
  });

  it.each([
    [{}, { 'a.txt': 'no Dockerfile here' }, "Input 'file' is empty and the context has no Dockerfile"],
    [{ context: '../' }, FILES, "Input 'context' must be a path inside the workspace"],
    [{ image: 'REGISTRY/Acme/Shop' }, FILES, "Input 'image' must be an image name without tag"],
    [{ tags: 'type=sha\ntype=semver' }, FILES, "Input 'tags' has a rule that does not parse: 'type=semver'"],
    [{ secrets: 'token=S3CRET-x' }, FILES, "Input 'secrets' needs BuildKit"],
  ])('refuses %j with one clear error and pushes nothing', async (inputs, files, message) => {
    const repository = `acme/bad-${Math.random().toString(36).slice(2, 8)}`;
    const run = await runAction('build-image', {
      inputs: { image: `${stack.registry.address}/${repository}`, ...inputs },
      env: env('/usr/local/bin/docker'),
      workspace: makeWorkspace(files),
    });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([expect.stringContaining(message)]);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    expect(run.outputs).toEqual({});
    expect(await registryTags(stack.registry.address, repository)).toEqual([]);
  });
});
