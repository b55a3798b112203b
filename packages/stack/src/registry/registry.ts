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
  /**
   * Serves the same storage on another local address too (a fleet's bridge address), on the
   * same port, so hosts in their own namespaces pull `<that address>:<port>/<image>` as they
   * would from a real registry. Stopped by its own stop() or by the registry's.
   */
  serveOn(host: string): Promise<RegistryListener>;
  stop(): Promise<void>;
}

export interface RegistryListener {
  /** host:port */
  readonly address: string;
  readonly url: string;
  readonly pid: number;
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
  const timeoutMs = options.timeoutMs ?? 20_000;
  const main = await listen(dir, '127.0.0.1', port, 'registry', timeoutMs);
  const { address, url } = main;
  const extra = new Set<RegistryListener>();

  return {
    address,
    url,
    port,
    pid: main.pid,
    logFile: main.logFile,
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
    serveOn: async (host) => {
      if (!/^[\d.]+$/.test(host)) throw new Error(`serveOn takes an IPv4 address, not '${host}'`);
      const listener = await listen(dir, host, port, `registry-${host}`, timeoutMs);
      const handle: RegistryListener = {
        ...listener,
        stop: async () => {
          extra.delete(handle);
          await listener.stop();
        },
      };
      extra.add(handle);
      return handle;
    },
    stop: async () => {
      await Promise.all([...extra].map((listener) => listener.stop()));
      await main.stop();
      await removeStateDir(dir);
    },
  };
}

interface Listening {
  address: string;
  url: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/*
 * One `docker-registry serve` per address: Distribution listens on a single address, and
 * instances sharing a filesystem root are how it is scaled out, so a second one on the same
 * storage is the supported way to be reachable at two addresses.
 */
async function listen(dir: string, host: string, port: number, name: string, timeoutMs: number): Promise<Listening> {
  const address = `${host}:${port}`;
  const configFile = join(dir, `${name}.yml`);
  const logFile = join(dir, `${name}.log`);
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
  await awaitReady(daemon, isRegistry, timeoutMs);
  return { address, url, pid: daemon.pid, logFile, stop: () => daemon.stop() };
}
