import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awaitReady, startDaemon } from '../process/daemon.js';
import { freePort } from '../process/free-port.js';
import { cleanOnFailure, removeStateDir, serviceDir } from '../process/state-dir.js';

export interface RegistryOptions {
  dir?: string;
  /** Defaults to a free port; pick it first when dockerd needs it as an insecure registry. */
  port?: number;
  timeoutMs?: number;
}

export interface Registry {
  /** host:port, the prefix of image names pushed here, e.g. 127.0.0.1:41234. */
  readonly address: string;
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly logFile: string;
  /** State folder, removed by stop(). */
  readonly dir: string;
  /** The registry's own digest of a manifest (the Docker-Content-Digest header). */
  manifestDigest(repository: string, reference: string): Promise<string>;
  stop(): Promise<void>;
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** Starts a CNCF Distribution registry (`docker-registry serve`) with filesystem storage. */
export async function startRegistry(options: RegistryOptions = {}): Promise<Registry> {
  const dir = await serviceDir(options.dir, 'registry');
  return cleanOnFailure(dir, () => launchRegistry(options, dir));
}

async function launchRegistry(options: RegistryOptions, dir: string): Promise<Registry> {
  const port = options.port ?? (await freePort());
  const address = `127.0.0.1:${port}`;
  const configFile = join(dir, 'config.yml');
  const logFile = join(dir, 'registry.log');
  // JSON is valid YAML, so no YAML writer is needed.
  const config = {
    version: 0.1,
    log: { level: 'info' },
    storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
    http: { addr: address },
  };
  await writeFile(configFile, JSON.stringify(config, null, 2));
  const daemon = startDaemon({
    name: 'docker-registry',
    command: 'docker-registry',
    args: ['serve', configFile],
    logFile,
  });
  const url = `http://${address}`;
  // The API-version header tells the registry from anything else answering on the port.
  const isRegistry = async (): Promise<boolean> => {
    const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200 && response.headers.get('docker-distribution-api-version') === 'registry/2.0';
  };
  await awaitReady(daemon, isRegistry, options.timeoutMs ?? 20_000);

  return {
    address,
    url,
    port,
    pid: daemon.pid,
    logFile,
    dir,
    manifestDigest: async (repository, reference) => {
      const response = await fetch(`${url}/v2/${repository}/manifests/${reference}`, {
        method: 'HEAD',
        headers: { accept: MANIFEST_TYPES },
        signal: AbortSignal.timeout(5_000),
      });
      const digest = response.headers.get('docker-content-digest');
      if (!response.ok || !digest) {
        throw new Error(
          `Registry ${address} has no manifest ${repository}:${reference} (HTTP ${response.status}); push it first.`,
        );
      }
      return digest;
    },
    stop: async () => {
      await daemon.stop();
      await removeStateDir(dir);
    },
  };
}
