import { lastLines } from '../../docker/cli.js';
import { redactSecrets } from '../env-file.js';
import { ReleaseError, type DeployHooks, type DeployResult, type RunningRelease } from '../target.js';
import { claimedPorts, containerLogs, publicView, type ReleaseContainer } from './containers.js';
import { waitHealthy, type HealthCheck } from './health.js';
import type { ImageFacts } from './image.js';
import { addressOn, dialOf } from './placement.js';
import { choosePort, isFree, probeOnHost } from './ports.js';
import { withHostUrl } from './reach.js';
import { pruneReleases, removeContainer, restartPrevious, stopRelease } from './retire.js';
import { DEFAULT_HEALTH_PATH, DEFAULT_PORT, type HostScope } from './settings.js';

/** The release to bring up: its image, container name, port when already known, and how to start it. */
export interface NextRelease {
  image: ImageFacts;
  name: string;
  port?: number;
  start: (port: number) => Promise<string>;
}

/**
 * A host whose traffic has moved to the new release; its old release is still to retire. A
 * fleet retires one host's old release while later hosts move, and waits for every retirement
 * before the release ends.
 */
export interface StagedRelease {
  /** The new release's container name, serving now. */
  readonly name: string;
  /** What took traffic before, if anything. */
  readonly previous?: RunningRelease;
  readonly switchedAt: Date;
  /** Drain → stop → prune: ends once the old release is stopped, or throws why it could not be. */
  retire(): Promise<DeployResult>;
}

/**
 * Start → health → switch on one host, shared by deploy and rollback; drain → stop → prune
 * follow in `retire()`. Until the switch, a failure removes the new container and leaves the
 * old one serving.
 */
export async function switchOver(
  scope: HostScope,
  hooks: DeployHooks,
  previous: ReleaseContainer | undefined,
  next: NextRelease,
): Promise<StagedRelease> {
  const { host, placement, proxy, settings } = scope;
  if (placement.kind === 'host') {
    hooks.warning(
      `${host.display} has no Docker bridge network: the release shares the host's network, so its port ` +
        'is open wherever the host is. Give the engine a bridge (the default) to keep releases private.',
    );
  }
  if (!proxy && previous) {
    hooks.warning(
      `No proxy for ${settings.environment}: stopping ${previous.name} before starting the new release, ` +
        'so the service is down until it is healthy. Set proxy (or proxy-url) for zero-downtime deploys.',
    );
    await hooks.phase('stop', () => stopRelease(host.docker, previous, settings.stopTimeoutSeconds));
  }
  const port = next.port ?? (await releasePort(scope));
  const id = await hooks.phase('start', () => next.start(port));
  const dial = dialOf(placement, next.name, port);
  let switchedAt: Date;
  try {
    const health = await hooks.phase('health', () => checkHealth(scope, next.image, id, port, hooks));
    if (!health.healthy) throw await unhealthy(scope, id, next.name, health.reason ?? 'unhealthy', previous);
    switchedAt = new Date();
    if (proxy) {
      await hooks.phase('switch', () => proxy.switchTo(dial));
      switchedAt = new Date();
    }
  } catch (error) {
    if (error instanceof ReleaseError && error.details.logs !== undefined) throw error;
    // A switch that timed out may still have happened: never remove what takes traffic.
    const serving = proxy ? await proxy.upstreams().catch(() => []) : [];
    if (serving.includes(dial)) throw error;
    if (!(await removeContainer(host.docker, id))) {
      hooks.warning(`Could not remove the new container ${id.slice(0, 12)}: remove it by hand`);
    }
    if (!proxy) await restartPrevious(host.docker, previous).catch(() => undefined);
    throw error;
  }
  const retire = async (): Promise<DeployResult> => {
    // Retired only once the proxy has no request in flight to it: the switch moved every new one.
    if (proxy && previous?.port !== undefined) {
      const left = await hooks.phase('drain', () =>
        proxy.waitDrained(dialOf(placement, previous.name, previous.port!), settings.drainTimeoutMs),
      );
      if (left > 0) hooks.warning(`${previous.name} still had ${left} request(s) in flight after drain-timeout`);
      await hooks.phase('stop', () => stopRelease(host.docker, previous, settings.stopTimeoutSeconds));
    }
    const { removed, current } = await pruneReleases(host.docker, settings, id);
    return {
      running: current ? publicView(current) : { name: next.name, running: false, state: 'gone', port },
      previous: previous ? publicView(previous) : undefined,
      switchedAt,
      downtime: !proxy && previous !== undefined,
      removed,
    };
  };
  return { name: next.name, previous: previous ? publicView(previous) : undefined, switchedAt, retire };
}

/**
 * The port a new release listens on. On the proxy's network every release has its own
 * address, so the container port serves. A host port is free when no Paved container claims
 * it and nothing answers on it, asked where the port is: from the runner for a local engine,
 * on the host for one reached over SSH.
 */
async function releasePort({ host, placement, proxy, settings }: HostScope): Promise<number> {
  const containerPort = settings.port ?? DEFAULT_PORT;
  if (placement.kind === 'network' || !proxy) return containerPort;
  // Over SSH the runner cannot see the host's ports: a published port is refused by the engine
  // itself when taken; on the host's network the host is asked, through the tunnel.
  const probe =
    host.isSsh && placement.kind === 'published'
      ? async () => true
      : host.session && placement.kind === 'host'
        ? probeOnHost(host.session)
        : isFree;
  return choosePort(await claimedPorts(host.docker), host.address, Math.random, probe);
}

/** The release's health check, reached through the host's SSH connection when there is one. */
async function checkHealth(scope: HostScope, image: ImageFacts, id: string, port: number, hooks: DeployHooks) {
  const { host, placement, settings } = scope;
  const path = settings.healthPath ?? DEFAULT_HEALTH_PATH;
  if (!settings.healthPath && image.hasHealthcheck) {
    hooks.info('Waiting for the release to be healthy (image HEALTHCHECK)');
    return waitHealthy(host.docker, id, { kind: 'healthcheck' }, settings.healthTimeoutMs);
  }
  const address = placement.kind === 'network' ? await addressOn(host.docker, id, placement.network) : '127.0.0.1';
  if (!address) return { healthy: false, reason: `it has no address on the Docker network` };
  const shown = `http://${placement.kind === 'network' ? address : host.address}:${port}${path}`;
  hooks.info(`Waiting for the release to be healthy (GET ${shown}${host.session ? ' through SSH' : ''})`);
  return withHostUrl(host, { address, port }, (base) => {
    const check: HealthCheck = { kind: 'http', url: `${base}${path}`, shown };
    return waitHealthy(host.docker, id, check, settings.healthTimeoutMs);
  });
}

/** The new release never became healthy: keep its last words, remove it, keep the old one serving. */
async function unhealthy(
  { host, proxy, settings }: HostScope,
  id: string,
  name: string,
  reason: string,
  previous: ReleaseContainer | undefined,
): Promise<ReleaseError> {
  const logs = redactSecrets(await containerLogs(host.docker, id), Object.values(settings.secrets));
  await host.docker.run(['rm', '--force', id], { allowFailure: true });
  const kept = proxy
    ? previous
      ? `${previous.name} keeps serving; traffic was not switched.`
      : 'Traffic was not switched.'
    : await restartPrevious(host.docker, previous);
  return new ReleaseError(
    `The new release ${name} failed its health check: ${reason}. It was removed; ${kept}` +
      (logs ? `\nLast log lines of ${name}:\n${lastLines(logs, 20)}` : `\n${name} printed nothing.`),
    'health',
    { logs, switched: false },
  );
}
