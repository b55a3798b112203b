import * as core from '@actions/core';
import { PlatformError } from '../action/errors.js';
import type { DockerClient } from './cli.js';
import { askEngine, type EngineAnswer, type EngineRequest } from './engine-socket.js';

/** A path segment: whatever an ID, name or reference holds, it stays one segment of this path. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * Asks the engine behind `socket`; a failure is Docker's, named with what it answered, or the
 * connection's own error when the link under a forwarded socket is what failed.
 */
export async function engineCall(docker: DockerClient, socket: string, ask: EngineRequest): Promise<EngineAnswer> {
  core.debug(`Engine API: ${ask.method} ${ask.path}`);
  try {
    return await askEngine(socket, ask);
  } catch (error) {
    const lost = await docker.connectionLost();
    if (lost) throw lost;
    throw new PlatformError(
      'Docker',
      `The Docker engine did not answer ${ask.method} ${ask.path} (${(error as Error).message}): check that dockerd runs on the host`,
      { cause: error },
    );
  }
}

/** The engine's refusal of a request, with its own message. */
export function engineRefused(ask: Pick<EngineRequest, 'method' | 'path'>, answer: EngineAnswer): PlatformError {
  return new PlatformError(
    'Docker',
    `The Docker engine answered ${answer.status} to ${ask.method} ${ask.path}: ${engineMessage(answer.body)}`.trimEnd(),
  );
}

/** GET `path` as JSON; a 404 is undefined where `missing` says so. */
export async function engineJson(
  docker: DockerClient,
  socket: string,
  path: string,
  options: { missing?: 'undefined' } = {},
): Promise<unknown> {
  const answer = await engineCall(docker, socket, { method: 'GET', path });
  if (answer.status === 404 && options.missing === 'undefined') return undefined;
  if (answer.status < 200 || answer.status > 299) throw engineRefused({ method: 'GET', path }, answer);
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    throw unexpectedAnswer(path, 'JSON');
  }
}

/** The engine's own words in an error answer (`{"message": …}`), or the start of whatever came. */
export function engineMessage(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === 'string') return message.slice(0, 500);
  } catch {
    // Not the engine's JSON error: show its start.
  }
  return body.slice(0, 200);
}

export function unexpectedAnswer(what: string, expected: string): PlatformError {
  return new PlatformError(
    'Docker',
    `The Docker engine's answer to ${what} is not ${expected}: check the engine's version`,
  );
}

/** The container ID in the engine's answer to a create. */
export function createdId(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { Id?: unknown } | null)?.Id;
    return typeof id === 'string' && /^[0-9a-f]{64}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
