import {
  containerIds,
  inspectContainer,
  inspectContainers,
  inspectImage,
  type ContainerInspect,
  type DockerClient,
} from '../../docker/index.js';
import { splitCommand } from '../../config/command.js';
import { PAVED_LABELS } from '../naming.js';
import type { RunningRelease } from '../target.js';

/** A release container on the host. */
export interface ReleaseContainer extends RunningRelease {
  id: string;
  created: Date;
  /** created, running, restarting, exited… */
  status: string;
  exitCode: number;
  restartCount: number;
  /** starting, healthy, unhealthy, when the image has a HEALTHCHECK. */
  health?: string;
  /** The image ID it runs (the config digest, not the manifest digest). */
  imageId: string;
  /** Named volumes it mounts, as name:/path. */
  volumes: string[];
}

/** Every release container of a service in an environment, newest first. */
export async function listReleases(
  docker: DockerClient,
  service: string,
  environment: string,
): Promise<ReleaseContainer[]> {
  const ids = await containerIds(docker, [
    `${PAVED_LABELS.service}=${service}`,
    `${PAVED_LABELS.environment}=${environment}`,
  ]);
  if (ids.length === 0) return [];
  const inspected = await inspectContainers(docker, ids);
  return inspected
    .filter((c) => !c.Config.Labels?.[PAVED_LABELS.role])
    .map(toRelease)
    .sort((a, b) => b.created.getTime() - a.created.getTime());
}

export async function inspectRelease(docker: DockerClient, id: string): Promise<ReleaseContainer | undefined> {
  const container = await inspectContainer(docker, id);
  return container ? toRelease(container) : undefined;
}

function toRelease(c: ContainerInspect): ReleaseContainer {
  const labels = c.Config.Labels ?? {};
  const number = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
  const running = c.State.Running && !c.State.Restarting && c.RestartCount === 0;
  const undo = labels[PAVED_LABELS.migrateRollback];
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    image: labels[PAVED_LABELS.image] ?? c.Config.Image,
    digest: labels[PAVED_LABELS.digest],
    deploymentId: number(labels[PAVED_LABELS.deploymentId]),
    version: labels[PAVED_LABELS.version],
    sha: labels[PAVED_LABELS.sha],
    port: number(labels[PAVED_LABELS.port]),
    migrateRollback: undo ? splitCommand(undo, 'the migrate-rollback label') : undefined,
    running,
    state: describeState(c),
    created: new Date(c.Created),
    status: c.State.Status,
    exitCode: c.State.ExitCode,
    restartCount: c.RestartCount,
    health: c.State.Health?.Status,
    imageId: c.Image,
    volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => `${m.Name}:${m.Destination}`),
  };
}

function describeState(c: ContainerInspect): string {
  if (c.State.Restarting || c.RestartCount > 0) {
    return `restarting (restarted ${c.RestartCount} time${c.RestartCount === 1 ? '' : 's'}, last exit code ${c.State.ExitCode})`;
  }
  if (c.State.Running) return c.State.Health ? `running (${c.State.Health.Status})` : 'running';
  if (c.State.Status === 'exited') return `exited with code ${c.State.ExitCode}`;
  return c.State.Status;
}

/** The manifest digests docker knows for an image ID (`RepoDigests`), as `sha256:…`. */
export async function repoDigests(docker: DockerClient, imageId: string): Promise<string[]> {
  const digests = (await inspectImage(docker, imageId))?.RepoDigests;
  return (digests ?? []).map((ref) => ref.slice(ref.lastIndexOf('@') + 1));
}

/** Host ports claimed by any Paved container on the host, running or retained. */
export async function claimedPorts(docker: DockerClient): Promise<Set<number>> {
  const text = await docker.text([
    'ps',
    '--all',
    '--filter',
    `label=${PAVED_LABELS.port}`,
    '--format',
    `{{.Label "${PAVED_LABELS.port}"}}`,
  ]);
  return new Set(
    text
      .split('\n')
      .filter((line) => /^\d+$/.test(line.trim()))
      .map(Number),
  );
}

/** The last lines a container printed, stdout and stderr together. */
export async function containerLogs(docker: DockerClient, id: string, lines = 20): Promise<string> {
  const result = await docker.run(['logs', '--tail', String(lines), id], { allowFailure: true });
  return `${result.stdout}${result.stderr}`.trimEnd();
}

/** What a release container tells the rest of Paved: its facts, none of the engine's internals. */
export function publicView(container: ReleaseContainer): RunningRelease {
  return {
    name: container.name,
    image: container.image,
    digest: container.digest,
    deploymentId: container.deploymentId,
    version: container.version,
    sha: container.sha,
    running: container.running,
    state: container.state,
    port: container.port,
    migrateRollback: container.migrateRollback,
  };
}
