import { parseDuration } from '../action/duration.js';
import { InputError, UserError } from '../action/errors.js';
import { toArgv } from './command.js';
import { resolveFleet, type ResolvedFleet } from './fleet.js';
import type { EnvironmentSettings, PavedConfig, ProxySettings } from './load.js';
import type { TargetKind, TargetOverrides } from './overrides.js';

/** Inputs of deploy and rollback that override the config file, keyed by their action.yml names. */
export interface EnvironmentInputs extends TargetOverrides {
  retain?: number;
  env?: string[];
  restart?: string;
  memory?: string;
  cpus?: string;
  volumes?: string[];
  migrate?: string;
  'migrate-rollback'?: string;
  'pushgateway-url'?: URL;
}

/** Everything deploy and rollback need to know about one environment, with defaults applied. */
export interface ResolvedEnvironment {
  name: string;
  service: string;
  url?: string;
  production: boolean;
  transient: boolean;
  target: TargetKind;
  host?: string;
  sshKey?: string;
  knownHosts?: string;
  /** Set when the environment lists several hosts (`hosts`): released to in batches. */
  fleet?: ResolvedFleet;
  /** The proxy Paved runs on each host, as the file describes it (validated by the target). */
  proxy?: ProxySettings;
  /** Where the environment's settings are, for messages naming a key: `.github/paved.yml environments.production`. */
  configKey?: string;
  port?: number;
  healthPath?: string;
  healthTimeoutMs: number;
  drainTimeoutMs: number;
  /** How long `docker stop` waits after SIGTERM before SIGKILL, whole seconds. */
  stopTimeoutSeconds: number;
  retain: number;
  proxyUrl?: string;
  proxyRoute: string;
  restart: string;
  memory?: string;
  cpus?: string;
  volumes: string[];
  env: Record<string, string>;
  migrate?: string[];
  migrateRollback?: string[];
  command?: string[];
  lockTimeoutMs: number;
  pushgatewayUrl?: string;
  gate: Record<string, string>;
  smoke: Record<string, string>;
  /** For the kubernetes target: kubeconfig text from the kubeconfig input (a secret). */
  kubeconfig?: string;
  kubernetes?: ResolvedKubernetes;
}

/** The kubernetes target's settings with defaults applied; namespace and container may come from the cluster. */
export interface ResolvedKubernetes {
  namespace?: string;
  deployment: string;
  container?: string;
  service?: string;
  strategy: 'rolling' | 'canary';
  /** Pods of the canary Deployment (strategy canary). */
  canaryReplicas: number;
  timeoutMs: number;
  context?: string;
}

export const DEFAULTS = {
  healthTimeout: '30s',
  drainTimeout: '30s',
  stopTimeout: '10s',
  lockTimeout: '30m',
  rolloutTimeout: '5m',
  retain: 5,
  restart: 'unless-stopped',
} as const;

/**
 * Resolves one environment: built-in defaults, then the file's `defaults`, then its entry for
 * the environment, then the step's inputs — the closest to the run wins.
 */
export function resolveEnvironment(
  config: PavedConfig | undefined,
  name: string,
  inputs: EnvironmentInputs,
  repository: string,
): ResolvedEnvironment {
  // Own keys only: `constructor` or `toString` are environment names, not Object's properties.
  const entry = config && Object.hasOwn(config.environments, name) ? config.environments[name] : undefined;
  if (config && !entry) {
    const known = Object.keys(config.environments).join(', ');
    throw new UserError(
      `Environment '${name}' is not in ${config.file}, which defines: ${known}. Add it there or deploy to one of those.`,
    );
  }
  const file: EnvironmentSettings = { ...(config?.defaults ?? {}), ...(entry ?? {}) };
  const where = config ? `${config.file} environments.${name}` : 'inputs';
  // No prototype: a variable named __proto__ is a variable, not the object's prototype.
  const env: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(file.env ?? {})) env[key] = String(value);
  for (const line of inputs.env ?? []) {
    const index = line.indexOf('=');
    if (index <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(line.slice(0, index))) {
      throw new UserError(`Input 'env' must hold NAME=value lines, got '${line.slice(0, 40)}'`);
    }
    env[line.slice(0, index)] = line.slice(index + 1);
  }
  const service = inputs.service ?? config?.service ?? serviceFromRepository(repository);
  const target = inputs.target ?? file.target ?? 'docker';
  const resolved: ResolvedEnvironment = {
    name,
    service,
    url: inputs.url?.href ?? file.url,
    production: file.production ?? name === 'production',
    transient: file.transient ?? false,
    target,
    host: inputs.host ?? file.host,
    sshKey: inputs['ssh-key'],
    knownHosts: inputs['known-hosts'] ?? file['known-hosts'],
    fleet: resolveFleet(file, where),
    proxy: file.proxy,
    configKey: config ? `${config.file} environments.${name}` : 'inputs',
    port: inputs.port ?? file.port,
    healthPath: inputs['health-path'] ?? file['health-path'],
    healthTimeoutMs: inputs['health-timeout'] ?? duration(file['health-timeout'] ?? DEFAULTS.healthTimeout),
    drainTimeoutMs: inputs['drain-timeout'] ?? duration(file['drain-timeout'] ?? DEFAULTS.drainTimeout),
    stopTimeoutSeconds: stopTimeout(file['stop-timeout'] ?? DEFAULTS.stopTimeout, `${where}.stop-timeout`),
    retain: inputs.retain ?? file.retain ?? DEFAULTS.retain,
    proxyUrl: inputs['proxy-url']?.href ?? file['proxy-url'],
    proxyRoute: inputs['proxy-route'] ?? file['proxy-route'] ?? service,
    restart: inputs.restart ?? file.restart ?? DEFAULTS.restart,
    memory: inputs.memory ?? file.memory,
    cpus: inputs.cpus ?? (file.cpus === undefined ? undefined : String(file.cpus)),
    volumes: [...new Set([...(file.volumes ?? []), ...(inputs.volumes ?? [])])],
    env,
    migrate: toArgv(inputs.migrate ?? file.migrate, `${inputs.migrate ? "Input 'migrate'" : `${where}.migrate`}`),
    migrateRollback: toArgv(
      inputs['migrate-rollback'] ?? file['migrate-rollback'],
      `${inputs['migrate-rollback'] ? "Input 'migrate-rollback'" : `${where}.migrate-rollback`}`,
    ),
    command: toArgv(inputs.command ?? file.command, `${inputs.command ? "Input 'command'" : `${where}.command`}`),
    lockTimeoutMs: inputs['lock-timeout'] ?? duration(file['lock-timeout'] ?? DEFAULTS.lockTimeout),
    pushgatewayUrl: inputs['pushgateway-url']?.href ?? file['pushgateway-url'],
    gate: file.gate ?? {},
    smoke: file.smoke ?? {},
    ...(inputs.kubeconfig ? { kubeconfig: inputs.kubeconfig } : {}),
  };
  if (target === 'kubernetes') {
    // One level deeper than the rest: an environment's block refines the defaults' block.
    const kube = { ...(config?.defaults.kubernetes ?? {}), ...(entry?.kubernetes ?? {}) };
    if (!kube.deployment) {
      throw new UserError(
        `Environment '${name}' uses the kubernetes target but names no Deployment: set kubernetes.deployment in ${config?.file ?? '.github/paved.yml'}`,
      );
    }
    resolved.kubernetes = {
      deployment: kube.deployment,
      strategy: kube.strategy ?? 'rolling',
      canaryReplicas: kube['canary-replicas'] ?? 1,
      timeoutMs: duration(kube.timeout ?? DEFAULTS.rolloutTimeout),
      ...(kube.namespace ? { namespace: kube.namespace } : {}),
      ...(kube.container ? { container: kube.container } : {}),
      ...(kube.service ? { service: kube.service } : {}),
      ...(kube.context ? { context: kube.context } : {}),
    };
  }
  if (resolved.proxy && resolved.proxyUrl) {
    throw new UserError(`${where} gives both proxy (a proxy Paved runs) and proxy-url (an existing one): choose one`);
  }
  if (resolved.proxy && resolved.host && !resolved.host.startsWith('ssh://')) {
    throw new UserError(`${where}.proxy needs an ssh:// host: Paved reaches the proxy it runs only over SSH`);
  }
  if (resolved.target === 'command' && !resolved.command) {
    throw new UserError(
      `Environment '${name}' uses the command target but gives no command: set 'command' in ${config?.file ?? 'the config file'} or the command input`,
    );
  }
  if (resolved.sshKey && !resolved.knownHosts && !resolved.fleet) {
    throw new InputError(
      'known-hosts',
      `Input 'known-hosts' is required with 'ssh-key' (environment '${name}' has an SSH key but no known-hosts): ` +
        "set it to the host's known_hosts line (ssh-keyscan -t ed25519 <host>) so the host key is pinned",
    );
  }
  return resolved;
}

function duration(text: string): number {
  // The schema already checked the form; parseDuration cannot fail here.
  return parseDuration(text) ?? 0;
}

/**
 * `docker stop --time` takes whole seconds: a fraction is rounded up so the release gets at least
 * what was asked. Capped at 10 minutes: a release that needs longer to stop is hanging.
 */
function stopTimeout(text: string, key: string): number {
  const ms = duration(text);
  if (ms > 600_000)
    throw new UserError(`${key} must be at most 10m (how long SIGTERM may take before SIGKILL), not ${text}`);
  return Math.ceil(ms / 1_000);
}

/** Container names need lower-case: `acme/Shop-API` becomes `shop-api`. */
export function serviceFromRepository(repository: string): string {
  const name = (repository.split('/')[1] ?? repository)
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return (name || 'service').slice(0, 63);
}
