import { InputError } from '../../src/action/errors.js';
import {
  buildCommand,
  chooseDockerBuilder,
  defaultImageName,
  imageLabels,
  ociLabels,
  parseBuildSecrets,
  parseImageName,
  registryBaseUrl,
  type BuildPlan,
  type DockerCliInfo,
} from '../../src/index.js';

const GIT = {
  eventName: 'push',
  ref: 'refs/heads/main',
  sha: 'ffac537e6cbbf934b08745a378932722df287a53',
  repository: 'acme/shop',
  serverUrl: 'https://github.com',
};

describe('OCI labels', () => {
  it('fills title, source, url, revision, created, version and licences from the git context', () => {
    expect(
      ociLabels(
        { ...GIT, commitTime: '2026-01-02T03:04:05+02:00', description: 'The shop', license: 'MIT' },
        { version: '1.2.3' },
      ),
    ).toEqual({
      'org.opencontainers.image.title': 'shop',
      'org.opencontainers.image.description': 'The shop',
      'org.opencontainers.image.source': 'https://github.com/acme/shop',
      'org.opencontainers.image.url': 'https://github.com/acme/shop',
      'org.opencontainers.image.revision': GIT.sha,
      'org.opencontainers.image.created': '2026-01-02T01:04:05.000Z',
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.licenses': 'MIT',
    });
  });

  it('uses now without a commit time, the PR head as revision, and lets user labels win', () => {
    const now = new Date('2026-05-06T07:08:09Z');
    const labels = imageLabels(
      { ...GIT, eventName: 'pull_request', ref: 'refs/pull/3/merge', headSha: 'abc1234' },
      ['org.opencontainers.image.title=Shop API', 'team=payments'],
      { now },
    );
    expect(labels).toMatchObject({
      'org.opencontainers.image.title': 'Shop API',
      'org.opencontainers.image.revision': 'abc1234',
      'org.opencontainers.image.created': '2026-05-06T07:08:09.000Z',
      team: 'payments',
    });
    expect(labels).not.toHaveProperty('org.opencontainers.image.licenses');
    expect(() => imageLabels(GIT, ['no equals sign'])).toThrow("Input 'labels' must hold name=value lines");
  });
});

describe('image names', () => {
  it('defaults to ghcr.io/<owner>/<repo> lower-cased', () => {
    expect(defaultImageName('Acme/Shop-API')).toBe('ghcr.io/acme/shop-api');
    expect(() => defaultImageName('')).toThrow("Input 'image' is empty and the repository is unknown");
  });

  it.each([
    ['ghcr.io/acme/shop', 'ghcr.io', 'acme/shop'],
    ['127.0.0.1:5000/acme/shop', '127.0.0.1:5000', 'acme/shop'],
    ['localhost/x', 'localhost', 'x'],
    ['acme/shop', 'docker.io', 'acme/shop'],
    ['nginx', 'docker.io', 'library/nginx'],
  ])('splits %s', (name, registry, repository) => {
    expect(parseImageName(name)).toEqual({ name, registry, repository });
  });

  it.each(['Acme/Shop', 'ghcr.io/acme/shop:1', 'ghcr.io/acme//shop', 'ghcr.io/acme/shop@sha256:abc', ''])(
    'refuses %s naming the input',
    (name) => {
      expect(() => parseImageName(name)).toThrow(InputError);
      expect(() => parseImageName(name)).toThrow(/^Input 'image' must be/);
    },
  );

  it('talks plain HTTP to loopback registries only', () => {
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(registryBaseUrl('ghcr.io')).toBe('https://ghcr.io');
    expect(registryBaseUrl('docker.io')).toBe('https://registry-1.docker.io');
  });
});

const cli = (version: string, hasBuildx: boolean): DockerCliInfo => ({
  path: `/opt/docker-${version}`,
  version,
  major: Number(version.split('.')[0]),
  hasBuildx,
});

describe('builder choice', () => {
  it('prefers buildx, then a pre-23 CLI with DOCKER_BUILDKIT=1, then the classic builder', () => {
    expect(chooseDockerBuilder([cli('28.2.2', false), cli('27.0.0', true)])).toMatchObject({
      kind: 'buildx',
      cli: { version: '27.0.0' },
    });
    expect(chooseDockerBuilder([cli('28.2.2', false), cli('20.10.24', false)])).toMatchObject({
      kind: 'buildkit',
      cli: { version: '20.10.24' },
      reason: expect.stringContaining('DOCKER_BUILDKIT=1'),
    });
    expect(chooseDockerBuilder([cli('28.2.2', false)])).toMatchObject({ kind: 'classic' });
    expect(() => chooseDockerBuilder([])).toThrow(/No docker CLI found.*PAVED_DOCKER/);
  });
});

describe('build command', () => {
  const plan: BuildPlan = {
    context: '/ws',
    file: '/ws/Dockerfile',
    target: 'runtime',
    buildArgs: ['VERSION=1.2.3'],
    secrets: parseBuildSecrets(['npm-token=S3CRET-npm', 'npm.token=S3CRET-other']),
    platforms: ['linux/amd64'],
    cacheFrom: ['type=registry,ref=ghcr.io/acme/shop:buildcache', 'type=gha'],
    cacheTo: ['type=gha,mode=max'],
    refs: ['ghcr.io/acme/shop:sha-ffac537', 'ghcr.io/acme/shop:latest'],
    labels: { 'org.opencontainers.image.title': 'shop' },
    annotations: ['index:org.opencontainers.image.description=Shop'],
    provenance: 'mode=max',
    sbom: true,
    push: true,
    load: false,
    network: 'host',
    iidFile: '/tmp/iid',
    metadataFile: '/tmp/meta.json',
  };

  it('passes secrets by id with the value only in the environment, never in argv', () => {
    for (const kind of ['buildx', 'buildkit'] as const) {
      const command = buildCommand(kind, plan);
      expect(command.args.join(' ')).not.toContain('S3CRET');
      expect(command.args).toEqual(expect.arrayContaining(['--secret', 'id=npm-token,env=PAVED_SECRET_NPM_TOKEN']));
      expect(command.args).toEqual(expect.arrayContaining(['--secret', 'id=npm.token,env=PAVED_SECRET_NPM_TOKEN_2']));
      expect(command.env).toMatchObject({
        PAVED_SECRET_NPM_TOKEN: 'S3CRET-npm',
        PAVED_SECRET_NPM_TOKEN_2: 'S3CRET-other',
      });
    }
  });

  it('gives buildx everything, and says what the other builders cannot do', () => {
    const buildx = buildCommand('buildx', plan);
    expect(buildx.args.slice(0, 2)).toEqual(['buildx', 'build']);
    expect(buildx.args).toEqual(
      expect.arrayContaining(['--cache-to', 'type=gha,mode=max', '--provenance=mode=max', '--sbom=true', '--push']),
    );
    expect(buildx.args.at(-1)).toBe('/ws');
    expect(buildx.warnings).toEqual([]);

    const buildkit = buildCommand('buildkit', plan);
    expect(buildkit.args[0]).toBe('build');
    expect(buildkit.env.DOCKER_BUILDKIT).toBe('1');
    expect(buildkit.args).toEqual(expect.arrayContaining(['--cache-from', 'ghcr.io/acme/shop:buildcache']));
    expect(buildkit.args).not.toContain('--push');
    expect(buildkit.warnings).toEqual([
      expect.stringMatching(/^cache-from 'type=gha' ignored: it needs buildx/),
      expect.stringMatching(/^cache-to 'type=gha,mode=max' ignored/),
      expect.stringMatching(/^annotations ignored/),
      expect.stringMatching(/^provenance 'mode=max' ignored/),
      expect.stringMatching(/^sbom ignored/),
    ]);
  });

  it('refuses secrets on the classic builder instead of leaking them into a layer', () => {
    expect(() => buildCommand('classic', plan)).toThrow(/^Input 'secrets' needs BuildKit/);
    expect(buildCommand('classic', { ...plan, secrets: [] }).env.DOCKER_BUILDKIT).toBe('0');
  });

  it('refuses several platforms without buildx, and bad secret lines without showing them', () => {
    expect(() => buildCommand('buildkit', { ...plan, platforms: ['linux/amd64', 'linux/arm64'] })).toThrow(
      /^Input 'platforms' lists 2 platforms/,
    );
    expect(() => parseBuildSecrets(['S3CRET-without-id'])).toThrow("Input 'secrets' line 1 must be id=value");
    expect(() => parseBuildSecrets(['S3CRET-without-id'])).not.toThrow(/S3CRET/);
    expect(() => parseBuildSecrets(['a=1', 'a=2'])).toThrow("gives the id 'a' twice");
  });
});
