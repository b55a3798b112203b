import { join } from 'node:path';
import { startCaddy, type Caddy } from './caddy/caddy.js';
import { startDockerEngine, type DockerEngine } from './docker/docker-engine.js';
import { ensureNodeBaseImage, type NodeBaseImage } from './docker/node-base-image.js';
import { startFleet, type Fleet } from './fleet/fleet.js';
import { reserveFleetNetwork, type FleetNetwork } from './fleet/network.js';
import { freePort } from './process/free-port.js';
import { makeStateDir, removeStateDir } from './process/state-dir.js';
import { startPrometheus, type Prometheus } from './prometheus/prometheus.js';
import { startPushgateway, type Pushgateway } from './prometheus/pushgateway.js';
import type { ScrapeJob } from './prometheus/scrape-config.js';
import { startRegistry, type Registry } from './registry/registry.js';
import { startSshServer, type SshServer } from './ssh/sshd.js';

export interface StackHandles {
  docker: DockerEngine;
  registry: Registry;
  prometheus: Prometheus;
  pushgateway: Pushgateway;
  ssh: SshServer;
  caddy: Caddy;
  fleet: Fleet;
}

export type StackService = keyof StackHandles;

/** Every service but the fleet, which is asked for by name (it needs root and namespaces). */
export const ALL_SERVICES: readonly DefaultStackService[] = [
  'docker',
  'registry',
  'prometheus',
  'pushgateway',
  'ssh',
  'caddy',
];

export interface StackOptions<S extends StackService> {
  /** Which services to start; default all. */
  services?: readonly S[];
  /** Parent folder for all state; default a new temporary folder, removed by stop(). */
  dir?: string;
  /** Readiness bound per service. */
  timeoutMs?: number;
  scrapeIntervalSeconds?: number;
  prometheusJobs?: ScrapeJob[];
  /** OpenMetrics text back-filled into Prometheus before it starts. */
  prometheusHistory?: string;
  caddyUpstreams?: string[];
  /** Also make paved/node-base:<version> available on the engine (needs `docker`). */
  nodeBaseImage?: boolean;
  /** Hosts in the fleet; default 3. */
  fleetHosts?: number;
  /** Ports the fleet's firewall lets the runner reach besides SSH; default 80 and 443. */
  fleetPublicPorts?: number[];
}

/** What startStack() starts when no services are named: everything but the fleet. */
export type DefaultStackService = Exclude<StackService, 'fleet'>;

export type Stack<S extends StackService = DefaultStackService> = Pick<StackHandles, S> & {
  readonly dir: string;
  /** Set when `nodeBaseImage: true` was asked for. */
  readonly nodeBaseImage?: NodeBaseImage;
  /** Stops every service this call started and removes the state folder. Idempotent. */
  stop(): Promise<void>;
};

/**
 * Starts the chosen services in parallel. The registry port is chosen first because dockerd
 * must be told it is an insecure registry; sshd only needs the engine's socket path, so it
 * starts alongside. If any service fails, the others are stopped and one error lists them all.
 */
export async function startStack<S extends StackService = DefaultStackService>(
  options: StackOptions<S> = {},
): Promise<Stack<S>> {
  const services = new Set<StackService>(options.services ?? ALL_SERVICES);
  const dir = options.dir ?? (await makeStateDir());
  const timeoutMs = options.timeoutMs;
  const registryPort = services.has('registry') ? await freePort() : undefined;
  const dockerSocket = `unix://${join(dir, 'docker', 'docker.sock')}`;
  // Reserved first so the runner's engine can push to the registry by the name hosts pull it by.
  let fleetNetwork: FleetNetwork | undefined;
  if (services.has('fleet')) {
    try {
      fleetNetwork = await reserveFleetNetwork();
    } catch (error) {
      if (!options.dir) await removeStateDir(dir);
      throw error;
    }
  }
  const fleetRegistry = fleetNetwork && registryPort ? `${fleetNetwork.gateway}:${registryPort}` : undefined;

  const starters: { [K in StackService]: () => Promise<StackHandles[K]> } = {
    docker: async () => {
      const engine = await startDockerEngine({
        dir,
        timeoutMs,
        insecureRegistries: [
          ...(registryPort ? [`127.0.0.1:${registryPort}`] : []),
          ...(fleetRegistry ? [fleetRegistry] : []),
        ],
      });
      if (engine.host !== dockerSocket) throw new Error(`Unexpected docker socket ${engine.host}`);
      return engine;
    },
    registry: () => startRegistry({ dir, port: registryPort, timeoutMs }),
    prometheus: () =>
      startPrometheus({
        dir,
        timeoutMs,
        scrapeIntervalSeconds: options.scrapeIntervalSeconds,
        jobs: options.prometheusJobs,
        history: options.prometheusHistory,
      }),
    pushgateway: () => startPushgateway({ dir, timeoutMs }),
    ssh: () => startSshServer({ dir, timeoutMs, dockerHost: services.has('docker') ? dockerSocket : undefined }),
    caddy: () => startCaddy({ dir, timeoutMs, upstreams: options.caddyUpstreams }),
    fleet: () => {
      const ssh = handles.ssh as SshServer | undefined;
      return startFleet({
        dir,
        network: fleetNetwork,
        hosts: options.fleetHosts,
        publicPorts: options.fleetPublicPorts,
        registry: handles.registry as Registry | undefined,
        clientKey: ssh
          ? { privateKeyPath: ssh.privateKeyPath, privateKey: ssh.privateKey, publicKey: ssh.publicKey }
          : undefined,
        timeoutMs,
      });
    },
  };

  const handles: Partial<Record<StackService, { stop(): Promise<void> }>> = {};
  const failures: string[] = [];
  const startAll = async (names: StackService[]): Promise<void> => {
    const settled = await Promise.allSettled(names.map((name) => starters[name]()));
    settled.forEach((result, index) => {
      const name = names[index]!;
      if (result.status === 'fulfilled') handles[name] = result.value;
      else failures.push(`${name}: ${(result.reason as Error).message}`);
    });
  };
  // The fleet needs the registry to serve it and the ssh service's client key to authorise.
  await startAll([...services].filter((name) => name !== 'fleet'));
  if (services.has('fleet') && failures.length === 0) await startAll(['fleet']);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // The fleet first: its hosts pull from the registry and trust the ssh service's key.
      await handles.fleet?.stop();
      await Promise.allSettled(Object.values(handles).map((handle) => handle.stop()));
      await fleetNetwork?.remove();
      if (!options.dir) await removeStateDir(dir);
    })();
    return stopping;
  };

  if (failures.length > 0) {
    await stop();
    throw new Error(`The local stack did not start:\n${failures.join('\n\n')}`);
  }

  let nodeBaseImage: NodeBaseImage | undefined;
  if (options.nodeBaseImage) {
    const engine = handles.docker as DockerEngine | undefined;
    if (!engine) {
      await stop();
      throw new Error('nodeBaseImage needs the docker service: add "docker" to services.');
    }
    try {
      nodeBaseImage = await ensureNodeBaseImage(engine);
    } catch (error) {
      await stop();
      throw error;
    }
  }

  return { ...(handles as Pick<StackHandles, S>), dir, nodeBaseImage, stop } as Stack<S>;
}
