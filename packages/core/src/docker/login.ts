import { copyFile, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../action/errors.js';
import { DockerCommandError, lastLines, type DockerClient } from './cli.js';

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface RegistrySession {
  /** A client whose DOCKER_CONFIG holds the login; use it for build and push. */
  docker: DockerClient;
  /** The temporary DOCKER_CONFIG folder. */
  configDir: string;
  /** Logs out and deletes the folder, so no credential outlives the step. Idempotent. */
  close(): Promise<void>;
}

/** A login the registry refused: the message names the registry and the user. */
export class RegistryLoginError extends UserError {
  constructor(
    readonly registry: string,
    readonly username: string,
    detail: string,
  ) {
    super(
      `Registry ${registry} refused the login for user '${username}': ${detail}. ` +
        'Check the username and password inputs (for ghcr.io: password ${{ secrets.GITHUB_TOKEN }} and ' +
        '`permissions: packages: write` on the job).',
    );
    this.name = 'RegistryLoginError';
  }
}

// Folders of the user's docker config that must stay visible: plugins (buildx itself), the
// buildx builder set up by docker/setup-buildx-action, and contexts.
const SHARED_ENTRIES = ['cli-plugins', 'buildx', 'contexts'];

/**
 * Logs in with `docker login --username U --password-stdin REGISTRY`: the password goes on
 * stdin, never on a command line that `ps` shows. The login lives in a fresh DOCKER_CONFIG
 * under `tempDir` (RUNNER_TEMP), so it never lands in ~/.docker, where a self-hosted runner
 * would keep it for the next job.
 */
export async function loginToRegistry(
  docker: DockerClient,
  registry: string,
  credentials: RegistryCredentials,
  options: { tempDir?: string; userConfigDir?: string } = {},
): Promise<RegistrySession> {
  const configDir = await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'paved-docker-config-'));
  const userConfigDir =
    options.userConfigDir ??
    docker.env.DOCKER_CONFIG ??
    process.env.DOCKER_CONFIG ??
    path.join(os.homedir(), '.docker');
  const client = docker.with({ DOCKER_CONFIG: configDir });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await client.run(['logout', registry], { allowFailure: true });
    await rm(configDir, { recursive: true, force: true });
  };
  try {
    await prepareConfig(configDir, userConfigDir, registry);
    await client.run(['login', '--username', credentials.username, '--password-stdin', registry], {
      input: credentials.password,
    });
  } catch (error) {
    await close();
    if (error instanceof DockerCommandError) {
      const detail = lastLines(error.result.stderr || error.result.stdout, 3)
        .replace(/^Error response from daemon:\s*/m, '')
        .trim();
      throw new RegistryLoginError(
        registry,
        credentials.username,
        detail || `docker login exited ${error.result.code}`,
      );
    }
    throw error;
  }
  return { docker: client, configDir, close };
}

/**
 * Starts the temporary config from the user's: other registries' logins stay usable (a
 * cache-from image elsewhere), but no credential store, so the new login stays in this folder.
 */
async function prepareConfig(configDir: string, userConfigDir: string, registry: string): Promise<void> {
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(await readFile(path.join(userConfigDir, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    config = {};
  }
  delete config.credsStore;
  const helpers = config.credHelpers as Record<string, string> | undefined;
  if (helpers) delete helpers[registry];
  await writeFile(path.join(configDir, 'config.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
  for (const entry of SHARED_ENTRIES) {
    const source = path.join(userConfigDir, entry);
    const exists = await stat(source).then(
      (s) => s,
      () => undefined,
    );
    if (!exists) continue;
    if (exists.isDirectory()) await symlink(source, path.join(configDir, entry), 'dir');
    else await copyFile(source, path.join(configDir, entry));
  }
}
