import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadPavedConfig, resolveEnvironment, serviceFromRepository, splitCommand } from '../../src/config/index.js';
import { temporaryDirectory } from '@paved/test-support/workspace';

const workspace = temporaryDirectory('paved-config-');

function load(yaml: string) {
  const file = path.join(workspace, '.github', 'paved.yml');
  writeFileSync(path.join(workspace, 'paved.yml'), yaml);
  return loadPavedConfig(path.join(workspace, 'paved.yml'), workspace) ?? (file as never);
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

const FULL = `
service: shop
defaults:
  port: 8080
  health-path: /healthz
  env: { LOG_LEVEL: info, WORKERS: 2 }
environments:
  staging:
    url: https://staging.example.com
    host: ssh://deploy@staging.example.com:2222
    known-hosts: "[staging.example.com]:2222 ssh-ed25519 AAAA"
    proxy-url: http://127.0.0.1:2019
    health-timeout: 45s
    migrate: node migrate.js up
    migrate-rollback: [node, migrate.js, down]
  production:
    url: https://example.com
    retain: 10
    env: { LOG_LEVEL: warn }
`;

describe('loadPavedConfig', () => {
  it('returns undefined when the file does not exist', () => {
    expect(loadPavedConfig(path.join(workspace, 'missing.yml'), workspace)).toBeUndefined();
  });

  it('reads a full file', () => {
    const config = load(FULL);
    expect(config.service).toBe('shop');
    expect(Object.keys(config.environments)).toEqual(['staging', 'production']);
    expect(config.file).toBe('paved.yml');
  });

  it.each([
    [
      'environments:\n  staging:\n    helth-path: /up\n',
      "paved.yml: environments.staging: unknown key 'helth-path' (expected one of: url,",
    ],
    [
      'environments:\n  staging:\n    health-timeout: 30 seconds\n',
      'paved.yml: environments.staging.health-timeout must be a duration like 30s or 5m, got "30 seconds"',
    ],
    [
      'environments:\n  staging:\n    port: web\n',
      'paved.yml: environments.staging.port must be an integer, got "web"',
    ],
    [
      'environments:\n  staging:\n    port: 70000\n',
      'paved.yml: environments.staging.port must be <= 65535, got 70000',
    ],
    [
      'environments:\n  staging:\n    target: nomad\n',
      'paved.yml: environments.staging.target must be one of docker, command, kubernetes, got "nomad"',
    ],
    [
      'environments:\n  staging:\n    target: kubernetes\n    kubernetes:\n      namespace: Shop\n',
      'paved.yml: environments.staging.kubernetes.namespace must be a Kubernetes name: lower-case letters, digits and "-", got "Shop"',
    ],
    [
      'environments:\n  staging:\n    migrate: 42\n',
      'paved.yml: environments.staging.migrate must be a command line or a list of arguments, got 42',
    ],
    [
      'environments:\n  staging:\n    volumes: [data]\n',
      'paved.yml: environments.staging.volumes[0] must be a named volume like data:/var/lib/app, got "data"',
    ],
    [
      'environments:\n  staging:\n    stop-timeout: ten\n',
      'paved.yml: environments.staging.stop-timeout must be a duration like 10s or 1m, got "ten"',
    ],
    ['service: shop\n', "paved.yml: missing required key 'environments'"],
    ['environments: {}\n', 'paved.yml: environments must define at least one environment'],
    [
      'environments:\n  staging:\n    url: [unclosed\n',
      'paved.yml line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the YAML syntax.',
    ],
  ])('refuses %p naming the key', (yaml, message) => {
    expect(errorOf(() => load(yaml))).toContain(message);
  });
});

describe('resolveEnvironment', () => {
  it('layers built-in defaults, file defaults, the environment and inputs, closest winning', () => {
    const config = load(FULL);
    const staging = resolveEnvironment(config, 'staging', { port: 9090, env: ['WORKERS=4', 'EXTRA=a=b'] }, 'acme/shop');
    expect(staging).toMatchObject({
      name: 'staging',
      service: 'shop',
      url: 'https://staging.example.com',
      production: false,
      target: 'docker',
      host: 'ssh://deploy@staging.example.com:2222',
      port: 9090,
      healthPath: '/healthz',
      healthTimeoutMs: 45_000,
      drainTimeoutMs: 30_000,
      stopTimeoutSeconds: 10,
      lockTimeoutMs: 1_800_000,
      retain: 5,
      restart: 'unless-stopped',
      proxyRoute: 'shop',
      env: { LOG_LEVEL: 'info', WORKERS: '4', EXTRA: 'a=b' },
      migrate: ['node', 'migrate.js', 'up'],
      migrateRollback: ['node', 'migrate.js', 'down'],
    });
    const production = resolveEnvironment(config, 'production', {}, 'acme/shop');
    expect(production).toMatchObject({ production: true, retain: 10, env: { LOG_LEVEL: 'warn' } });
  });

  it('gives docker stop whole seconds of stop-timeout, at most 10 minutes', () => {
    const with_ = (value: string) => load(`environments:\n  staging:\n    stop-timeout: ${value}\n`);
    expect(resolveEnvironment(with_('2500ms'), 'staging', {}, 'acme/shop').stopTimeoutSeconds).toBe(3);
    expect(resolveEnvironment(with_('0s'), 'staging', {}, 'acme/shop').stopTimeoutSeconds).toBe(0);
    expect(errorOf(() => resolveEnvironment(with_('11m'), 'staging', {}, 'acme/shop'))).toBe(
      'paved.yml environments.staging.stop-timeout must be at most 10m (how long SIGTERM may take before SIGKILL), not 11m',
    );
  });

  it('names the environments the file defines when asked for another', () => {
    expect(errorOf(() => resolveEnvironment(load(FULL), 'prod', {}, 'acme/shop'))).toBe(
      "Environment 'prod' is not in paved.yml, which defines: staging, production. Add it there or deploy to one of those.",
    );
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    "treats '%s' as an ordinary environment name, not one of Object's properties",
    (name) => {
      expect(errorOf(() => resolveEnvironment(load(FULL), name, {}, 'acme/shop'))).toBe(
        `Environment '${name}' is not in paved.yml, which defines: staging, production. Add it there or deploy to one of those.`,
      );
      const own = load(
        `environments:\n  ${name}:\n    url: https://${name}.example.com\n    host: unix:///run/docker.sock\n`,
      );
      expect(resolveEnvironment(own, name, {}, 'acme/shop')).toMatchObject({
        name,
        url: `https://${name}.example.com`,
      });
    },
  );

  it("refuses '__proto__' as an environment name by its form, and keeps it as an ordinary variable name", () => {
    expect(errorOf(() => load('environments:\n  __proto__:\n    url: https://proto.example.com\n'))).toContain(
      'environments must be a value matching ^[A-Za-z0-9]',
    );
    const own = load('environments:\n  staging:\n    env: { __proto__: one, constructor: two }\n');
    const resolved = resolveEnvironment(own, 'staging', { env: ['toString=three', '__proto__=four'] }, 'acme/shop');
    expect(Object.entries(resolved.env)).toEqual([
      ['__proto__', 'four'],
      ['constructor', 'two'],
      ['toString', 'three'],
    ]);
  });

  it('refuses a tcp:// Docker host, naming the key and why', () => {
    const message = errorOf(() => load('environments:\n  production:\n    host: tcp://web1.example.com:2375\n'));
    expect(message).toContain('environments.production.host');
    expect(message).toContain("not tcp://: the Docker API and the release's secrets would cross the network in clear");
  });

  it('resolves the kubernetes block, an environment refining the defaults, and requires a Deployment', () => {
    const config = load(`defaults:
  target: kubernetes
  kubernetes: { namespace: shop, container: app, timeout: 2m }
environments:
  staging:
    kubernetes: { deployment: web, service: web }
  production:
    kubernetes: { namespace: shop-prod }
`);
    expect(resolveEnvironment(config, 'staging', { kubeconfig: 'KUBECONFIG TEXT' }, 'acme/shop')).toMatchObject({
      target: 'kubernetes',
      kubeconfig: 'KUBECONFIG TEXT',
      kubernetes: {
        namespace: 'shop',
        deployment: 'web',
        container: 'app',
        service: 'web',
        strategy: 'rolling',
        timeoutMs: 120_000,
      },
    });
    expect(errorOf(() => resolveEnvironment(config, 'production', {}, 'acme/shop'))).toBe(
      "Environment 'production' uses the kubernetes target but names no Deployment: set kubernetes.deployment in paved.yml",
    );
  });

  it('works from inputs alone without a file', () => {
    const env = resolveEnvironment(undefined, 'review-42', { url: new URL('http://127.0.0.1:8080') }, 'acme/Shop.API');
    expect(env).toMatchObject({ service: 'shop.api', url: 'http://127.0.0.1:8080/', target: 'docker', retain: 5 });
  });

  it('requires a command for the command target, and known-hosts with an SSH key', () => {
    expect(errorOf(() => resolveEnvironment(undefined, 'x', { target: 'command' }, 'a/b'))).toContain(
      'uses the command target but gives no command',
    );
    expect(errorOf(() => resolveEnvironment(undefined, 'x', { 'ssh-key': 'k' }, 'a/b'))).toContain('no known-hosts');
  });

  it('refuses malformed env lines', () => {
    expect(errorOf(() => resolveEnvironment(undefined, 'x', { env: ['$(reboot)'] }, 'a/b'))).toBe(
      "Input 'env' must hold NAME=value lines, got '$(reboot)'",
    );
  });
});

describe('splitCommand', () => {
  it('splits like a person reads, with no shell expansion', () => {
    expect(splitCommand(`./deploy.sh --tag "v1 final" 'a $HOME' b\\ c $(x)`, 'command')).toEqual([
      './deploy.sh',
      '--tag',
      'v1 final',
      'a $HOME',
      'b c',
      '$(x)',
    ]);
  });

  it('refuses unclosed quotes and empty commands', () => {
    expect(errorOf(() => splitCommand('echo "x', "Input 'command'"))).toBe(
      `Input 'command' has an unclosed " quote: close it or use a list of arguments`,
    );
    expect(errorOf(() => splitCommand('  ', "Input 'command'"))).toContain('is empty');
  });
});

it('derives a container-safe service name from the repository', () => {
  expect(serviceFromRepository('acme/My_Service')).toBe('my_service');
  expect(serviceFromRepository('acme/--x')).toBe('x');
});
