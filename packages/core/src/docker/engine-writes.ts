import type { DockerClient } from './cli.js';
import { createdId, engineCall, engineRefused, segment, unexpectedAnswer } from './engine-api.js';

/*
 * The container changes a release makes on every host besides starting itself (run.ts): its
 * lock, the old release's stop and removal. Through the Engine API on the engine's unix socket
 * where there is one, as reads are (engine-reads.ts); through the CLI elsewhere.
 */

/** A container that is created and never started: all a lock needs. */
export interface IdleContainerSpec {
  name: string;
  /** Present on the engine: nothing is pulled. */
  image: string;
  command: string[];
  labels: Record<string, string>;
  network: 'none';
}

export type CreateOutcome = { created: string } | { conflict: true } | { noImage: true };

/** The `docker create` arguments (after `create`) that make the container `spec` describes. */
export function idleContainerArgs(spec: IdleContainerSpec): string[] {
  return [
    '--pull',
    'never',
    '--name',
    spec.name,
    ...Object.entries(spec.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
    '--network',
    spec.network,
    '--',
    spec.image,
    ...spec.command,
  ];
}

/**
 * Creates a container, atomically by name: `conflict` when the name is taken, `noImage` when
 * the engine lacks the image. Anything else the engine says is an error.
 */
export async function createIdleContainer(docker: DockerClient, spec: IdleContainerSpec): Promise<CreateOutcome> {
  const socket = docker.engineSocket;
  if (!socket) {
    const result = await docker.run(['create', ...idleContainerArgs(spec)], { allowFailure: true });
    if (result.code === 0) return { created: result.stdout.trim().split('\n').pop() ?? '' };
    if (/No such image/i.test(result.stderr)) return { noImage: true };
    if (/Conflict|already in use/i.test(result.stderr)) return { conflict: true };
    throw await docker.failure(['create'], result);
  }
  const ask = {
    method: 'POST' as const,
    path: `/containers/create?name=${segment(spec.name)}`,
    body: {
      Image: spec.image,
      Cmd: spec.command,
      Labels: spec.labels,
      HostConfig: { NetworkMode: spec.network },
    },
  };
  const answer = await engineCall(docker, socket, ask);
  if (answer.status === 201) {
    const id = createdId(answer.body);
    if (id) return { created: id };
    throw unexpectedAnswer('/containers/create', 'a created container ID');
  }
  if (answer.status === 409) return { conflict: true };
  if (answer.status === 404) return { noImage: true };
  throw engineRefused(ask, answer);
}

/** Removes a container, running or not; resolves once it is gone, or was never there. */
export async function forceRemoveContainer(docker: DockerClient, idOrName: string): Promise<void> {
  const socket = docker.engineSocket;
  if (!socket) {
    // Newer CLIs exit 0 for a container that is not there; older ones say so.
    const result = await docker.run(['rm', '--force', '--', idOrName], { allowFailure: true });
    if (result.code !== 0 && !/No such container/i.test(result.stderr)) throw await docker.failure(['rm'], result);
    return;
  }
  const ask = { method: 'DELETE' as const, path: `/containers/${segment(idOrName)}?force=1` };
  const answer = await engineCall(docker, socket, ask);
  if (answer.status !== 204 && answer.status !== 404) throw engineRefused(ask, answer);
}

/** Removes a container that is not running; false when the engine will not (it runs again, or is gone). */
export async function removeStoppedContainer(docker: DockerClient, id: string): Promise<boolean> {
  const socket = docker.engineSocket;
  if (!socket) return (await docker.run(['rm', '--', id], { allowFailure: true })).code === 0;
  const ask = { method: 'DELETE' as const, path: `/containers/${segment(id)}` };
  const answer = await engineCall(docker, socket, ask);
  if (answer.status === 204) return true;
  if (answer.status === 404 || answer.status === 409) return false;
  throw engineRefused(ask, answer);
}

/** SIGTERM, then SIGKILL after `timeoutSeconds`; a container already stopped is fine. */
export async function stopContainer(docker: DockerClient, id: string, timeoutSeconds: number): Promise<void> {
  const socket = docker.engineSocket;
  if (!socket) {
    await docker.run(['stop', '--time', String(timeoutSeconds), '--', id]);
    return;
  }
  const ask = { method: 'POST' as const, path: `/containers/${segment(id)}/stop?t=${timeoutSeconds}` };
  // The engine answers once the container is down: up to the timeout, and its kill after it.
  const answer = await engineCall(docker, socket, { ...ask, timeoutMs: (timeoutSeconds + 30) * 1_000 });
  if (answer.status !== 204 && answer.status !== 304) throw engineRefused(ask, answer);
}
