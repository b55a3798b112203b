import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lastLines } from '../../docker/cli.js';
import { envFileText, redactSecrets } from '../env-file.js';
import { containerName, joinCommand, PAVED_LABELS } from '../naming.js';
import { ReleaseError, type Release } from '../target.js';
import type { ReleaseContainer } from './containers.js';
import { pinnedRef } from './image.js';
import { placementArgs } from './placement.js';
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
  return withEnvFile(settings, release, placement.kind !== 'host' ? containerPort : port, async (envFile) => {
    const args = [
      'run',
      '--detach',
      '--name',
      containerName(release),
      ...Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
      '--restart',
      settings.restart,
      ...(settings.memory ? ['--memory', settings.memory] : []),
      ...(settings.cpus ? ['--cpus', settings.cpus] : []),
      ...placementArgs(placement, port, containerPort),
      '--env-file',
      envFile,
      ...volumes.flatMap((volume) => ['--volume', volume]),
      '--',
      pinnedRef(release.image),
    ];
    try {
      return (await scope.host.docker.text(args)).split('\n').pop() ?? '';
    } catch (error) {
      // The engine may have created the container before the link dropped: remove it by name.
      await removeContainer(scope.host.docker, containerName(release));
      throw error;
    }
  });
}

/** Runs the migration where releases run, so it reaches what they reach; it publishes nothing. */
export async function runMigration(scope: HostScope, release: Release, volumes: string[]): Promise<void> {
  const { placement, settings } = scope;
  const network = placement.kind === 'published' ? [] : placementArgs(placement, 0, 0);
  await withEnvFile(settings, release, settings.port ?? DEFAULT_PORT, async (envFile) => {
    const result = await scope.host.docker.run(
      [
        'run',
        '--rm',
        '--name',
        `${containerName(release)}-migrate`,
        '--label',
        `${PAVED_LABELS.role}=migrate`,
        ...network,
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

/**
 * Configuration and secrets reach the container through `docker --env-file` from a 0600 file
 * in a 0700 folder on the runner, removed as soon as docker has read it. The docker CLI reads
 * the file itself and sends the values inside the API request (over the socket or the SSH
 * tunnel): they are never on a command line on either machine, never in a shell, and on the
 * host they live only in the container's configuration, which only root and the docker group
 * can read, as with any container environment.
 */
async function withEnvFile<T>(
  settings: DockerTargetSettings,
  release: Release,
  port: number,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(settings.tempDir ?? os.tmpdir(), 'paved-env-'));
  const file = path.join(dir, 'release.env');
  try {
    const values = {
      ...settings.env,
      PAVED_SERVICE: release.service,
      PAVED_ENVIRONMENT: release.environment,
      PAVED_VERSION: release.version,
      PAVED_DEPLOYMENT_ID: String(release.deploymentId),
      ...settings.secrets,
      PORT: String(port),
    };
    writeFileSync(file, envFileText(values), { mode: 0o600 });
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
