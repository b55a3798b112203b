import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awaitReady, startDaemon } from '../process/daemon.js';
import { freePorts } from '../process/free-port.js';
import { httpStatus } from '../process/http-probe.js';
import { cleanOnFailure, removeStateDir, serviceDir } from '../process/state-dir.js';

export interface CaddyOptions {
  dir?: string;
  adminPort?: number;
  proxyPort?: number;
  /** Initial upstream dial addresses ("127.0.0.1:PORT"); none means 502 until set. */
  upstreams?: string[];
  /** `@id` of the reverse_proxy handler; default "paved-upstream". */
  handlerId?: string;
  timeoutMs?: number;
}

export interface Caddy {
  /** Where the proxied traffic goes in, e.g. http://127.0.0.1:PORT. */
  readonly url: string;
  readonly proxyPort: number;
  readonly adminUrl: string;
  readonly adminPort: number;
  readonly handlerId: string;
  readonly pid: number;
  readonly logFile: string;
  /** State folder, removed by stop(). */
  readonly dir: string;
  /** Switches upstreams live through the admin API (PATCH /id/<id>/upstreams). */
  setUpstreams(dials: string[]): Promise<void>;
  getUpstreams(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts Caddy with its admin API on loopback and one reverse_proxy route. */
export async function startCaddy(options: CaddyOptions = {}): Promise<Caddy> {
  const dir = await serviceDir(options.dir, 'caddy');
  return cleanOnFailure(dir, () => launchCaddy(options, dir));
}

async function launchCaddy(options: CaddyOptions, dir: string): Promise<Caddy> {
  const [adminFree, proxyFree] = await freePorts(2);
  const adminPort = options.adminPort ?? adminFree!;
  const proxyPort = options.proxyPort ?? proxyFree!;
  const handlerId = options.handlerId ?? 'paved-upstream';
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const url = `http://127.0.0.1:${proxyPort}`;
  const configFile = join(dir, 'caddy.json');
  const logFile = join(dir, 'caddy.log');
  await mkdir(join(dir, 'home'), { recursive: true });
  const config = {
    admin: { listen: `127.0.0.1:${adminPort}`, config: { persist: false } },
    apps: {
      http: {
        servers: {
          paved: {
            listen: [`127.0.0.1:${proxyPort}`],
            automatic_https: { disable: true },
            routes: [
              {
                handle: [
                  {
                    '@id': handlerId,
                    handler: 'reverse_proxy',
                    upstreams: (options.upstreams ?? []).map((dial) => ({ dial })),
                  },
                ],
              },
            ],
          },
        },
      },
    },
  };
  await writeFile(configFile, JSON.stringify(config, null, 2));
  const daemon = startDaemon({
    name: 'caddy',
    command: 'caddy',
    args: ['run', '--config', configFile],
    logFile,
    // Caddy keeps certificates and autosaves under XDG folders; keep them in the state folder.
    env: {
      ...process.env,
      HOME: join(dir, 'home'),
      XDG_DATA_HOME: join(dir, 'home', 'data'),
      XDG_CONFIG_HOME: join(dir, 'home', 'config'),
    },
  });
  await awaitReady(
    daemon,
    async () => (await httpStatus(`${adminUrl}/config/`)) === 200 && (await httpStatus(url)) !== undefined,
    options.timeoutMs ?? 20_000,
  );

  const upstreamsUrl = `${adminUrl}/id/${encodeURIComponent(handlerId)}/upstreams`;
  return {
    url,
    proxyPort,
    adminUrl,
    adminPort,
    handlerId,
    pid: daemon.pid,
    logFile,
    dir,
    setUpstreams: async (dials) => {
      const response = await fetch(upstreamsUrl, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(dials.map((dial) => ({ dial }))),
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) {
        throw new Error(`Caddy refused the upstream switch (HTTP ${response.status}): ${await response.text()}`);
      }
    },
    getUpstreams: async () => {
      const response = await fetch(upstreamsUrl, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`Caddy has no handler @id ${handlerId} (HTTP ${response.status}).`);
      const upstreams = (await response.json()) as Array<{ dial: string }> | null;
      return (upstreams ?? []).map((upstream) => upstream.dial);
    },
    stop: async () => {
      await daemon.stop();
      await removeStateDir(dir);
    },
  };
}
