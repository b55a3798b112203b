import type { DockerClient } from './cli.js';
import { engineJson, segment, unexpectedAnswer } from './engine-api.js';

/** The parts of a container's inspection (`docker inspect`, the Engine API's ContainerInspect) Paved reads. */
export interface ContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  Image: string;
  RestartCount: number;
  State: { Status: string; Running: boolean; Restarting: boolean; ExitCode: number; Health?: { Status: string } };
  Config: { Labels: Record<string, string> | null; Image: string; Env?: string[] | null };
  HostConfig?: { NetworkMode?: string };
  Mounts?: Array<{ Type: string; Name?: string; Destination: string }>;
  NetworkSettings?: { Networks?: Record<string, { IPAddress?: string }> | null };
}

/** The parts of an image's inspection Paved reads. */
export interface ImageInspect {
  Id: string;
  RepoDigests?: string[] | null;
  Config?: { Env?: string[] | null; Healthcheck?: { Test?: string[] | null } | null } | null;
}

export interface NetworkInspect {
  Name: string;
  Driver: string;
}

export interface EngineInfo {
  KernelVersion?: string;
}

/*
 * Reads of the engine's state. Where the engine is a unix socket Paved can reach (DOCKER_HOST
 * unix://, or the host's socket forwarded over SSH) they ask the Engine API on it: a release
 * makes a dozen reads per host, and each CLI is a process of its own (about 30 ms, and CPU a
 * fleet's hosts contend for), where a request is a few milliseconds. Elsewhere the CLI answers,
 * printing the same JSON, since `docker inspect` prints what the API returns.
 */

/** IDs of every container (running or not) carrying all of `labels` (`key=value`). */
export async function containerIds(docker: DockerClient, labels: readonly string[]): Promise<string[]> {
  const socket = docker.engineSocket;
  if (!socket) {
    const text = await docker.text([
      'ps',
      '--all',
      '--quiet',
      '--no-trunc',
      ...labels.flatMap((l) => ['--filter', `label=${l}`]),
    ]);
    return text.split('\n').filter(Boolean);
  }
  const filters = encodeURIComponent(JSON.stringify({ label: labels }));
  const listed = await engineJson(docker, socket, `/containers/json?all=1&filters=${filters}`);
  if (!Array.isArray(listed)) throw unexpectedAnswer('/containers/json', 'a list');
  return listed.map((c: unknown) => (c as { Id?: unknown }).Id).filter((id): id is string => typeof id === 'string');
}

/** The containers among `ids` (IDs or names) that exist; one removed in between is left out. */
export async function inspectContainers(docker: DockerClient, ids: readonly string[]): Promise<ContainerInspect[]> {
  if (ids.length === 0) return [];
  const socket = docker.engineSocket;
  if (!socket) {
    // A container removed between ps and inspect makes inspect exit 1 but still print the rest.
    const result = await docker.run(['inspect', '--type', 'container', '--', ...ids], { allowFailure: true });
    const text = result.stdout.trim();
    if (!text.startsWith('[')) {
      if (result.code !== 0 && !/No such (container|object)/i.test(result.stderr)) {
        throw await docker.failure(['inspect'], result);
      }
      return [];
    }
    return (JSON.parse(text) as unknown[]).map((c) => asContainer(c, 'docker inspect'));
  }
  const found = await Promise.all(
    ids.map((id) => engineJson(docker, socket, `/containers/${segment(id)}/json`, { missing: 'undefined' })),
  );
  return found.filter((c) => c !== undefined).map((c) => asContainer(c, '/containers/{id}/json'));
}

export async function inspectContainer(docker: DockerClient, id: string): Promise<ContainerInspect | undefined> {
  return (await inspectContainers(docker, [id]))[0];
}

/** An image by ID or reference, if the engine has it. */
export async function inspectImage(docker: DockerClient, ref: string): Promise<ImageInspect | undefined> {
  const socket = docker.engineSocket;
  if (!socket) {
    const result = await docker.run(['image', 'inspect', '--', ref], { allowFailure: true });
    if (result.code !== 0) return undefined;
    return asImage((JSON.parse(result.stdout) as unknown[])[0], 'docker image inspect');
  }
  const found = await engineJson(docker, socket, `/images/${ref.split('/').map(segment).join('/')}/json`, {
    missing: 'undefined',
  });
  return found === undefined ? undefined : asImage(found, '/images/{name}/json');
}

/** A network by name, if the engine has it. */
export async function inspectNetwork(docker: DockerClient, name: string): Promise<NetworkInspect | undefined> {
  const socket = docker.engineSocket;
  let found: unknown;
  if (!socket) {
    const result = await docker.run(['network', 'inspect', '--', name], { allowFailure: true });
    if (result.code !== 0) return undefined;
    found = (JSON.parse(result.stdout) as unknown[])[0];
  } else {
    found = await engineJson(docker, socket, `/networks/${segment(name)}`, { missing: 'undefined' });
    if (found === undefined) return undefined;
  }
  const network = found as Partial<NetworkInspect> | null;
  if (typeof network?.Name !== 'string' || typeof network.Driver !== 'string') {
    throw unexpectedAnswer('/networks/{name}', 'a network');
  }
  // A name the engine matched by ID prefix is another network.
  return network.Name === name ? { Name: network.Name, Driver: network.Driver } : undefined;
}

/** System facts of the engine's host (`docker info`). */
export async function engineInfo(docker: DockerClient): Promise<EngineInfo> {
  const socket = docker.engineSocket;
  const info = socket
    ? await engineJson(docker, socket, '/info')
    : (JSON.parse(await docker.text(['info', '--format', '{{json .}}'])) as unknown);
  if (!info || typeof info !== 'object') throw unexpectedAnswer('/info', 'an object');
  const kernel = (info as { KernelVersion?: unknown }).KernelVersion;
  return { KernelVersion: typeof kernel === 'string' ? kernel : undefined };
}

function asContainer(value: unknown, from: string): ContainerInspect {
  const c = value as Partial<ContainerInspect> | null;
  if (
    typeof c?.Id !== 'string' ||
    typeof c.Name !== 'string' ||
    typeof c.State !== 'object' ||
    c.State === null ||
    typeof c.Config !== 'object' ||
    c.Config === null
  ) {
    throw unexpectedAnswer(from, 'a container');
  }
  return c as ContainerInspect;
}

function asImage(value: unknown, from: string): ImageInspect {
  const image = value as Partial<ImageInspect> | null;
  if (typeof image?.Id !== 'string') throw unexpectedAnswer(from, 'an image');
  return image as ImageInspect;
}
