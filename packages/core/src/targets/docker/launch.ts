import { lastLines, runContainer, withEnvFile } from '../../docker/index.js';
import { envEntries, redactSecrets } from '../env-file.js';
import { containerName, joinCommand, PAVED_LABELS } from '../naming.js';
import { ReleaseError, type Release } from '../target.js';
import type { ReleaseContainer } from './containers.js';
import { pinnedRef } from './image.js';
import { runPlacement } from './placement.js';
import { removeContainer } from './retire.js';
import { DEFAULT_PORT, type DockerTargetSettings, type HostScope } from './settings.js';

/** Creates and starts a release's container; returns its ID. */
export async function createRelease(
  scope: HostScope,
  release: Release,
  port: number,
  volumes: string[],
): Promise<string> {
  const { placement, settings } = scope;
  const containerPort = settings.port ?? DEFAULT_PORT;
  const labels: Record<string, string> = {
    [PAVED_LABELS.service]: release.service,
    [PAVED_LABELS.environment]: release.environment,
    [PAVED_LABELS.version]: release.version,
    [PAVED_LABELS.sha]: release.sha,
    [PAVED_LABELS.deploymentId]: String(release.deploymentId),
    [PAVED_LABELS.digest]: release.digest,
    [PAVED_LABELS.image]: release.image,
    [PAVED_LABELS.port]: String(port),
    ...(release.migrateRollback ? { [PAVED_LABELS.migrateRollback]: joinCommand(release.migrateRollback) } : {}),
  };
  const spec = {
    name: containerName(release),
    image: pinnedRef(release.image),
    labels,
    env: releaseEnv(settings, release, placement.kind !== 'host' ? containerPort : port),
    restart: settings.restart,
    memory: settings.memory,
    cpus: settings.cpus,
    placement: runPlacement(placement, port, containerPort),
    volumes,
  };
  try {
    return await runContainer(scope.host.docker, spec, settings.tempDir);
  } catch (error) {
    // The engine may have created the container before the start failed or the link dropped.
    await removeContainer(scope.host.docker, spec.name);
    throw error;
  }
}

/** Runs the migration where releases run, so it reaches what they reach; it publishes nothing. */
export async function runMigration(scope: HostScope, release: Release, volumes: string[]): Promise<void> {
  const { placement, settings } = scope;
  const network = placement.kind === 'network' ? placement.network : placement.kind === 'host' ? 'host' : undefined;
  const env = releaseEnv(settings, release, settings.port ?? DEFAULT_PORT);
  await withEnvFile(env, settings.tempDir, async (envFile) => {
    const result = await scope.host.docker.run(
      [
        'run',
        '--rm',
        '--name',
        `${containerName(release)}-migrate`,
        '--label',
        `${PAVED_LABELS.role}=migrate`,
        ...(network ? ['--network', network] : []),
        '--env-file',
        envFile,
        ...volumes.flatMap((volume) => ['--volume', volume]),
        '--',
        pinnedRef(release.image),
        ...(settings.migrate ?? []),
      ],
      { allowFailure: true },
    );
    if (result.code !== 0) {
      const logs = redactSecrets(`${result.stdout}${result.stderr}`.trimEnd(), Object.values(settings.secrets));
      throw new ReleaseError(
        `The migration failed (exit ${result.code}); nothing was switched and the old release keeps serving.` +
          (logs ? `\nLast lines of the migration:\n${lastLines(logs, 20)}` : ''),
        'migrate',
        { logs, switched: false },
      );
    }
  });
}

/** Named volumes from the settings, plus those the previous release mounted (same path wins from settings). */
export function carriedVolumes(configured: readonly string[], previous: ReleaseContainer | undefined): string[] {
  const byPath = new Map<string, string>();
  for (const volume of previous?.volumes ?? []) byPath.set(volume.slice(volume.indexOf(':') + 1), volume);
  for (const volume of configured) byPath.set(volume.slice(volume.indexOf(':') + 1), volume);
  return [...byPath.values()];
}

/** The release's environment: its configuration, Paved's own facts, its secrets and PORT. */
function releaseEnv(settings: DockerTargetSettings, release: Release, port: number): string[] {
  return envEntries({
    ...settings.env,
    PAVED_SERVICE: release.service,
    PAVED_ENVIRONMENT: release.environment,
    PAVED_VERSION: release.version,
    PAVED_DEPLOYMENT_ID: String(release.deploymentId),
    ...settings.secrets,
    PORT: String(port),
  });
}
