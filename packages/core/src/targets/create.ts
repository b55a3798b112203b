import type { ResolvedEnvironment } from '../config/index.js';
import { CommandTarget } from './command/target.js';
import { connectDockerHost } from './docker/host.js';
import { DockerTarget } from './docker/target.js';
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
}

/** The target an environment names, ready to lock, deploy, report and roll back. */
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
    });
  }
  const host = connectDockerHost({
    host: environment.host,
    sshKey: environment.sshKey,
    knownHosts: environment.knownHosts,
    tempDir: context.tempDir,
  });
  return new DockerTarget(host, {
    service: environment.service,
    environment: environment.name,
    port: environment.port,
    healthPath: environment.healthPath,
    healthTimeoutMs: environment.healthTimeoutMs,
    drainTimeoutMs: environment.drainTimeoutMs,
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
  });
}
