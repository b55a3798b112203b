import { forceRemoveContainer, removeStoppedContainer, stopContainer, type DockerClient } from '../../docker/index.js';
import { listReleases, type ReleaseContainer } from './containers.js';
import type { DockerTargetSettings } from './settings.js';

/** Force-removes a container; a dropped SSH link usually comes back within seconds, so retry for about ten. */
export async function removeContainer(docker: DockerClient, idOrName: string): Promise<boolean> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const removed = await forceRemoveContainer(docker, idOrName).then(
      () => true,
      () => false,
    );
    if (removed) return true;
    if (attempt < 5) await new Promise((resolve) => setTimeout(resolve, attempt * 1_000));
  }
  return false;
}

/**
 * SIGTERM, then SIGKILL after `stop-timeout` seconds. Behind a proxy the drain has already
 * waited for the requests in flight, so a release that handles SIGTERM exits at once.
 */
export async function stopRelease(
  docker: DockerClient,
  container: ReleaseContainer,
  timeoutSeconds: number,
): Promise<void> {
  await stopContainer(docker, container.id, timeoutSeconds);
}

/** Starts a stopped release again; says what happened, for the error that follows. */
export async function restartPrevious(docker: DockerClient, previous: ReleaseContainer | undefined): Promise<string> {
  if (!previous) return 'nothing ran before.';
  const started = await docker.run(['start', previous.id], { allowFailure: true });
  return started.code === 0
    ? `${previous.name} was started again.`
    : `${previous.name} could not be started again: start it by hand (docker start ${previous.name}).`;
}

/**
 * Keeps the newest `retain` stopped releases for rollback and removes the rest. Returns the
 * names removed and the current release as the same listing saw it (one engine call for both).
 */
export async function pruneReleases(
  docker: DockerClient,
  settings: DockerTargetSettings,
  currentId: string,
): Promise<{ removed: string[]; current?: ReleaseContainer }> {
  const all = await listReleases(docker, settings.service, settings.environment);
  const stopped = all.filter((r) => r.id !== currentId && r.status !== 'running');
  const removed: string[] = [];
  for (const old of stopped.slice(settings.retain)) {
    // Kept when it cannot go now (it was started again): the next release's prune tries again.
    if (await removeStoppedContainer(docker, old.id).catch(() => false)) removed.push(old.name);
  }
  return { removed, current: all.find((r) => r.id === currentId) };
}
