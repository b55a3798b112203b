// buildAndPushImage against a real Docker Engine and real registries: BuildKit secrets that
// never reach a layer, push retries through a fault-injecting proxy, and registry logins.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeWithStack, startStack, type Stack } from '@paved/stack';
import { buildAndPushImage, RegistryLoginError, type ImageBuildRequest } from '../../src/index.js';
import {
  imageBytes,
  registryDigest,
  registryTags,
  shellBaseContext,
  startAuthRegistry,
  startFaultProxy,
  type AuthRegistry,
} from '@paved/test-support/registry';
import { makeWorkspace, temporaryDirectory } from '@paved/test-support/workspace';

const BUILDKIT_CLI = '/usr/bin/docker';
const SHELL_BASE = 'paved-test/sh:1';

describeWithStack('buildAndPushImage with a real engine and registry', ['docker', 'registry'], () => {
  let stack: Stack<'docker' | 'registry'>;
  let dockerEnv: Record<string, string>;
  let tempDir: string;

  beforeAll(async () => {
    stack = await startStack({ services: ['docker', 'registry'] });
    dockerEnv = { DOCKER_HOST: stack.docker.host, DOCKER_CONFIG: stack.docker.env().DOCKER_CONFIG! };
    await stack.docker.docker(['build', '--quiet', '--tag', SHELL_BASE, shellBaseContext()]);
  }, 120_000);
  afterAll(() => stack?.stop());
  beforeEach(() => {
    tempDir = temporaryDirectory('paved-runner-temp-');
  });

  function request(overrides: Partial<ImageBuildRequest>): ImageBuildRequest {
    return {
      git: {
        eventName: 'push',
        ref: 'refs/heads/main',
        sha: 'ffac537e6cbbf934b08745a378932722df287a53',
        repository: 'acme/shop',
        serverUrl: 'https://github.com',
        defaultBranch: 'main',
      },
      context: makeWorkspace({ Dockerfile: 'FROM scratch\nCOPY a.txt /a.txt\n', 'a.txt': 'hello' }),
      buildArgs: [],
      secrets: [],
      platforms: [],
      cacheFrom: [],
      cacheTo: [],
      tagRules: ['type=sha', 'type=ref,event=branch'],
      latest: 'auto',
      labels: [],
      annotations: [],
      sbom: false,
      push: true,
      load: false,
      pushRetries: 3,
      dockerEnv,
      tempDir,
      retry: { baseDelayMs: 20 },
      ...overrides,
    };
  }

  const buildKitIt = existsSync(BUILDKIT_CLI) ? it : it.skip;

  buildKitIt('mounts a BuildKit secret for RUN and leaves it in no layer and no history', async () => {
    const secret = `S3CRET-build-token-${Date.now()}`;
    const context = makeWorkspace({
      Dockerfile:
        `FROM ${SHELL_BASE}\n` +
        'RUN --mount=type=secret,id=token,required=true read v < /run/secrets/token; echo "len=${#v}" > /secret-proof\n',
    });
    const result = await buildAndPushImage(
      request({
        image: `${stack.registry.address}/acme/secret`,
        context,
        secrets: [`token=${secret}`],
        network: 'none',
        dockerBinary: BUILDKIT_CLI,
      }),
    );
    expect(result.builder).toBe('buildkit');
    const bytes = (await imageBytes(stack.registry.address, 'acme/secret', result.digest!)).toString('latin1');
    expect(bytes).toContain(`len=${secret.length}\n`);
    expect(bytes).not.toContain(secret);
    const history = await stack.docker.docker(['history', '--no-trunc', '--format', '{{.CreatedBy}}', result.imageId!]);
    expect(history.stdout).toContain('read v < /run/secrets/token');
    expect(history.stdout).not.toContain(secret);
  });

  it('retries a push the registry answers with 503 and 429, with backoff, and pins what landed', async () => {
    const proxy = await startFaultProxy(stack.registry.address, [503, 429], /^PUT \/v2\/.*\/manifests\//);
    try {
      const result = await buildAndPushImage(request({ image: `${proxy.address}/acme/retry` }));
      expect(proxy.faults).toEqual([
        expect.stringMatching(/^503 PUT \/v2\/acme\/retry\/manifests\/main$/),
        expect.stringMatching(/^429 PUT \/v2\/acme\/retry\/manifests\/main$/),
      ]);
      expect(result.pushAttempts).toBe(result.tags.length + 2);
      expect(result.confirmed).toBe(true);
      for (const tag of ['main', 'sha-ffac537', 'latest']) {
        expect(await registryDigest(stack.registry.address, 'acme/retry', tag)).toBe(result.digest);
      }
    } finally {
      await proxy.close();
    }
  });

  it('gives up after push-retries with a message that says so', async () => {
    const proxy = await startFaultProxy(stack.registry.address, [503, 503, 503], /^PUT \/v2\/.*\/manifests\//);
    try {
      await expect(buildAndPushImage(request({ image: `${proxy.address}/acme/down`, pushRetries: 2 }))).rejects.toThrow(
        /^Pushing 127\.0\.0\.1:\d+\/acme\/down:main failed 3 times, the registry kept answering: .*503 Service Unavailable/,
      );
      expect(proxy.faults).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  });

  describe('with a registry that wants a password', () => {
    let registry: AuthRegistry;
    const auth = { username: 'bot', password: 'S3CRET-registry-pw' };
    beforeAll(async () => {
      registry = await startAuthRegistry(auth.username, auth.password);
    });
    afterAll(() => registry?.stop());

    it('logs in through a temporary DOCKER_CONFIG, pushes, confirms with the API, and forgets the login', async () => {
      const result = await buildAndPushImage(request({ image: `${registry.address}/acme/private`, credentials: auth }));
      expect(result.confirmed).toBe(true);
      expect(await registryDigest(registry.address, 'acme/private', 'main', auth)).toBe(result.digest);
      expect(readdirSync(tempDir)).toEqual([]);
      const engineConfig = path.join(dockerEnv.DOCKER_CONFIG!, 'config.json');
      expect(existsSync(engineConfig) ? readFileSync(engineConfig, 'utf8') : '').not.toContain(registry.address);
    });

    it('names the registry and the user when the login is refused, and pushes nothing', async () => {
      const attempt = buildAndPushImage(
        request({ image: `${registry.address}/acme/refused`, credentials: { username: 'bot', password: 'wrong' } }),
      );
      await expect(attempt).rejects.toThrow(RegistryLoginError);
      await expect(attempt).rejects.toThrow(
        new RegExp(
          `^Registry ${registry.address.replace(/\./g, '\\.')} refused the login for user 'bot': .*401 Unauthorized`,
        ),
      );
      expect(await registryTags(registry.address, 'acme/refused', auth)).toEqual([]);
      expect(readdirSync(tempDir)).toEqual([]);
    });
  });
});
