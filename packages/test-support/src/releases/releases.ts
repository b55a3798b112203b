import { lockContainerArgs, lockName, PAVED_LABELS } from '@paved/core';

/** Runs the docker CLI against the test's engine and returns trimmed stdout. */
export type DockerText = (args: string[]) => Promise<string>;

/** A docker CLI bound to one engine (the stack's, say), answering its trimmed stdout. */
export function dockerText(engine: { docker(args: string[]): Promise<{ stdout: string }> }): DockerText {
  return async (args) => (await engine.docker(args)).stdout.trim();
}

export interface PavedContainer {
  name: string;
  state: string;
  version: string;
}

/** Paved's containers for an environment (running and retained), found by their labels. */
export async function pavedContainers(docker: DockerText, environment: string): Promise<PavedContainer[]> {
  const text = await docker([
    'ps',
    '--all',
    '--filter',
    `label=${PAVED_LABELS.environment}=${environment}`,
    '--format',
    `{{.Names}} {{.State}} {{.Label "${PAVED_LABELS.version}"}}`,
  ]);
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', state = '', version = ''] = line.split(' ');
      return { name, state, version };
    });
}

/** `<status> <body>` of one GET, so a test can assert which release answered. */
export async function responseBody(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return `${response.status} ${(await response.text()).trim()}`;
}

export interface LockHolder {
  service: string;
  environment: string;
  /** The run URL the lock names as its holder. */
  holder: string;
  lockedAt: Date;
}

/**
 * Another run's deploy lock, as that run would have left it: a created, never started container
 * with Paved's name and labels, for tests of what a deploy or rollback does when it meets one.
 */
export async function createLockContainer(docker: DockerText, lock: LockHolder): Promise<string> {
  const name = lockName(lock.service, lock.environment);
  await docker(['create', ...lockContainerArgs(name, lock.holder, lock.lockedAt)]);
  return name;
}

/** IDs of every lock container on the engine: none should outlive a deploy or rollback. */
export async function lockContainers(docker: DockerText): Promise<string> {
  return docker(['ps', '--all', '--filter', `label=${PAVED_LABELS.role}=lock`, '--quiet']);
}
