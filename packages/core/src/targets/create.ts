import type { ResolvedEnvironment } from '../config/index.js';
import { resolveProxySpec, type ManagedProxySpec } from '../proxy/index.js';
import { CommandTarget } from './command/target.js';
import { connectDockerHost, hostDisplay } from './docker/host.js';
import { DockerTarget, type DockerTargetSettings } from './docker/target.js';
import { FleetTarget, type FleetProgress } from './fleet/target.js';
import { KubernetesTarget } from './kubernetes/target.js';
import type { Target } from './target.js';

export interface TargetContext {
  workspace: string;
  /** RUNNER_TEMP: where keys and env files live for the moment they are needed. */
  tempDir?: string;
  /** Secret configuration (the secrets input), name → value; already masked. */
  secrets?: Record<string, string>;
  /** Configuration beyond the environment's `env` (the env-file input), applied under it. */
  extraEnv?: Record<string, string>;
  /** Told each host's progress during a fleet release (the action records it as a deployment status). */
  progress?: FleetProgress;
  /** Kubernetes strategy canary: promote the canary instead of putting a new one up. */
  canary?: 'promote';
}

/**
 * The target an environment names, ready to lock, deploy, report and roll back. Nothing
 * connects yet: hosts are reached in the lock phase. Every configuration mistake the target can
 * see (a proxy image not pinned, say) is refused here, before anything changes.
 */
export function createTarget(environment: ResolvedEnvironment, context: TargetContext): Target {
  const env = { ...(context.extraEnv ?? {}), ...environment.env };
  const secrets = context.secrets ?? {};
  if (environment.target === 'command') {
    return new CommandTarget({ command: environment.command ?? [], workspace: context.workspace, env, secrets });
  }
  if (environment.target === 'kubernetes' && environment.kubernetes) {
    return new KubernetesTarget({
      service: environment.service,
      environment: environment.name,
      kubernetes: environment.kubernetes,
      ...(environment.kubeconfig ? { kubeconfig: environment.kubeconfig } : {}),
      ...(context.canary ? { canary: context.canary } : {}),
    });
  }
  const settings = dockerSettings(environment, context, env, secrets);
  const proxyKey = `${environment.configKey ?? 'environment'}.proxy`;
  if (environment.fleet) {
    const fleet = environment.fleet;
    const members = fleet.hosts.map((member, index) => {
      const managedProxy = managedProxySpec(environment, proxyKey, member.proxyAdminDir);
      // The migration runs once, on the first host, before any host switches.
      const migrate = index === 0 ? settings.migrate : undefined;
      const target = new DockerTarget(
        () =>
          connectDockerHost({
            host: member.host,
            sshKey: environment.sshKey,
            knownHosts: member.knownHosts,
            tempDir: context.tempDir,
          }),
        member.host,
        { ...settings, migrate, managedProxy },
      );
      return { host: member.host, name: `h${index + 1}`, target };
    });
    return new FleetTarget(members, { batch: fleet.batch, pauseMs: fleet.batchPauseMs, progress: context.progress });
  }
  return new DockerTarget(
    () =>
      connectDockerHost({
        host: environment.host,
        sshKey: environment.sshKey,
        knownHosts: environment.knownHosts,
        tempDir: context.tempDir,
      }),
    hostDisplay(environment.host),
    { ...settings, managedProxy: environment.proxy ? managedProxySpec(environment, proxyKey) : undefined },
  );
}

function dockerSettings(
  environment: ResolvedEnvironment,
  context: TargetContext,
  env: Record<string, string>,
  secrets: Record<string, string>,
): DockerTargetSettings {
  return {
    service: environment.service,
    environment: environment.name,
    port: environment.port,
    healthPath: environment.healthPath,
    healthTimeoutMs: environment.healthTimeoutMs,
    drainTimeoutMs: environment.drainTimeoutMs,
    stopTimeoutSeconds: environment.stopTimeoutSeconds,
    retain: environment.retain,
    proxyUrl: environment.proxyUrl,
    proxyRoute: environment.proxyRoute,
    restart: environment.restart,
    memory: environment.memory,
    cpus: environment.cpus,
    volumes: environment.volumes,
    env,
    secrets,
    migrate: environment.migrate,
    tempDir: context.tempDir,
  };
}

/** The proxy Paved runs, for the environment's url host; a mistake names its key under `key`. */
function managedProxySpec(environment: ResolvedEnvironment, key: string, adminDir?: string): ManagedProxySpec {
  const proxy = environment.proxy!;
  const hostname = environment.url ? new URL(environment.url).hostname : undefined;
  const tls = proxy.tls ?? (hostname && environment.url?.startsWith('https:') ? 'auto' : 'off');
  return resolveProxySpec(
    {
      image: proxy.image,
      name: proxy.name,
      network: proxy.network,
      httpPort: proxy['http-port'],
      httpsPort: proxy['https-port'],
      hostname: tls === 'off' ? undefined : hostname,
      tls,
      adminDir: adminDir ?? proxy['admin-dir'],
    },
    key,
  );
}
