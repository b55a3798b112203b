import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedEnvironment } from '../../config/resolve.js';
import { lastLines } from '../../docker/cli.js';
import { envFileText, redactSecrets } from '../env-file.js';
import { containerName, joinCommand, PAVED_LABELS } from '../naming.js';
import {
  ReleaseError,
  type AbandonedRelease,
  type DeployHooks,
  type DeployResult,
  type HeldLock,
  type LockRequest,
  type Release,
  type RollbackHost,
  type RollbackOptions,
  type RunningRelease,
  type Target,
} from '../target.js';
import { adminOverSsh, ensureManagedProxy, type ManagedProxySpec } from '../../proxy/index.js';
import { claimedPorts, containerLogs, listReleases, repoDigests, type ReleaseContainer } from './containers.js';
import { waitHealthy, type HealthCheck } from './health.js';
import type { DockerHost } from './host.js';
import { ensureImage, pinnedRef, type ImageFacts } from './image.js';
import { DockerLock } from './lock.js';
import { addressOn, dialOf, hasBridge, placementArgs, type Placement } from './placement.js';
import { choosePort, isFree, probeOnHost } from './ports.js';
import { withHostUrl } from './reach.js';
import { DockerRollbackHost } from './rollback-host.js';
import { existingCaddy, managedCaddy, type Switcher } from './switcher.js';

/**
 * The environment's settings the docker target uses, as config resolved them. Behind a proxy
 * `port` is the port inside the container (bridge networks); without one, the public port.
 */
export type DockerTargetSettings = Pick<
  ResolvedEnvironment,
  | 'service'
  | 'port'
  | 'healthPath'
  | 'healthTimeoutMs'
  | 'drainTimeoutMs'
  | 'retain'
  | 'proxyUrl'
  | 'proxyRoute'
  | 'restart'
  | 'memory'
  | 'cpus'
  | 'volumes'
  | 'env'
  | 'migrate'
> & {
  environment: string;
  secrets: Record<string, string>;
  /** Where the env file is written for the moment docker reads it (RUNNER_TEMP). */
  tempDir?: string;
  /** The proxy Paved runs on the host (instead of an existing one at proxyUrl). */
  managedProxy?: ManagedProxySpec;
};

/** Used when no port is configured: the common default of Node, Rails and friends. */
export const DEFAULT_PORT = 3000;
const DEFAULT_HEALTH_PATH = '/up';

/**
 * A Docker host, local or over ssh://, released to the way Kamal does it: the new container
 * starts beside the old one on its own port, must pass its health check, then the proxy's
 * upstream switches to it, the old one drains and stops, and the last `retain` releases stay
 * on the host, stopped, for a rollback in seconds.
 */
export class DockerTarget implements Target {
  readonly kind = 'docker' as const;
  readonly where: string;
  private connecting?: Promise<DockerHost>;
  private host!: DockerHost;
  private proxy?: Switcher;
  private proxyReady?: Promise<Switcher | undefined>;
  private placed?: Placement;

  /**
   * `connect` opens the way to the host (its SSH connection) on first use, inside the lock phase,
   * so a host that cannot be reached fails the release before anything changes.
   */
  constructor(
    private readonly connect: () => Promise<DockerHost>,
    display: string,
    private readonly settings: DockerTargetSettings,
  ) {
    this.where = `docker at ${display}`;
  }

  private get docker() {
    return this.host.docker;
  }

  /** Connects once; later calls get the same connection. */
  async open(): Promise<DockerHost> {
    this.connecting ??= this.connect().then((host) => (this.host = host));
    try {
      return await this.connecting;
    } catch (error) {
      this.connecting = undefined;
      throw error;
    }
  }

  /** The proxy, booted (or upgraded) first when Paved runs it. Called only under the lock. */
  private async switcher(): Promise<Switcher | undefined> {
    this.proxyReady ??= (async () => {
      const host = await this.open();
      const spec = this.settings.managedProxy;
      if (spec) {
        if (!host.session) throw new Error(`The proxy Paved runs needs an SSH connection to ${host.display}`);
        const managed = await ensureManagedProxy(host.docker, spec, adminOverSsh(host.session), {
          tempDir: this.settings.tempDir,
          hostDisplay: host.display,
        });
        this.proxy = managedCaddy(managed);
        if (managed.boot === 'created') await this.serveRunning(this.proxy);
      } else if (this.settings.proxyUrl) {
        this.proxy = existingCaddy(this.settings.proxyUrl, this.settings.proxyRoute);
      }
      return this.proxy;
    })().catch((error: unknown) => {
      this.proxyReady = undefined;
      throw error;
    });
    return this.proxyReady;
  }

  async lock(request: LockRequest): Promise<HeldLock> {
    await this.open();
    return new DockerLock(this.docker, this.settings.service, this.settings.environment).acquire(request);
  }

  async current(): Promise<RunningRelease | undefined> {
    await this.switcher();
    const found = await this.live(await this.releases());
    if (!found) return undefined;
    // What the engine runs, not what the label claims: the manifest digests of its image ID.
    const digests = await repoDigests(this.docker, found.imageId);
    const digest = found.digest && digests.includes(found.digest) ? found.digest : digests[0];
    return { ...publicView(found), digest };
  }

  async deploy(release: Release, hooks: DeployHooks): Promise<DeployResult> {
    await this.switcher();
    const releases = await this.releases();
    const previous = await this.live(releases);
    const image = await hooks.phase('pull', () => ensureImage(this.docker, release.image, this.host.display));
    const volumes = carriedVolumes(this.settings.volumes, previous);
    if (this.settings.migrate) await hooks.phase('migrate', () => this.migrate(release, volumes));
    return this.release(hooks, previous, {
      image,
      start: (port) => this.create(release, port, volumes),
      name: containerName(release),
    });
  }

  /** Asked through this target's own engine connection, so the same credentials and network. */
  rollbackHost(): RollbackHost {
    // Asked for before the lock is taken; it connects when first used, under the lock.
    const host = async () =>
      new DockerRollbackHost((await this.open()).docker, {
        service: this.settings.service,
        environment: this.settings.environment,
        tempDir: this.settings.tempDir,
      });
    return {
      checkImage: async (image) => (await host()).checkImage(image),
      runMigrateRollback: async (bad, argv) => (await host()).runMigrateRollback(bad, argv),
    };
  }

  async rollback(release: Release, hooks: DeployHooks, options: RollbackOptions = {}): Promise<DeployResult> {
    await this.switcher();
    const releases = await this.releases();
    const previous = await this.live(releases);
    const retained =
      releases.find((r) => r.deploymentId === options.fromDeploymentId && r.digest === release.digest && !r.running) ??
      releases.find((r) => r.digest === release.digest && r.id !== previous?.id && r.status !== 'running');
    if (!retained?.port) return this.deploy(release, hooks);
    hooks.info(`Starting retained release ${retained.name} (${retained.version ?? retained.digest}) again`);
    const image = await hooks.phase('pull', () => ensureImage(this.docker, release.image, this.host.display));
    return this.release(hooks, previous, {
      image,
      name: retained.name,
      port: retained.port,
      start: async () => {
        await this.docker.run(['start', retained.id]);
        return retained.id;
      },
    });
  }

  async settle(abandoned: AbandonedRelease): Promise<string[]> {
    await this.switcher();
    const releases = await this.releases();
    const live = await this.live(releases);
    const done: string[] = [];
    const switched = live !== undefined && abandoned.digest !== undefined && live.digest === abandoned.digest;
    for (const release of releases) {
      if (release.id === live?.id) continue;
      if (!switched && release.deploymentId === abandoned.deploymentId) {
        if (await this.removeContainer(release.id)) done.push(`removed ${release.name}, which never took traffic`);
      } else if (release.running || release.status === 'restarting') {
        // A release still running beside the one serving: the drain or stop that was cut short.
        await this.stop(release);
        done.push(`stopped ${release.name}, which no longer takes traffic`);
      }
    }
    if (!live && !this.proxy) {
      // Without a proxy the old release stops before the new one starts: start it again.
      const previous = (await this.releases()).find((r) => r.deploymentId !== abandoned.deploymentId);
      if (previous) done.push(await this.restorePrevious(previous));
    }
    return done;
  }

  async dispose(): Promise<void> {
    const host = await this.connecting?.catch(() => undefined);
    await host?.close();
  }

  /** Start → health → switch → drain → stop → prune, shared by deploy and rollback. */
  private async release(
    hooks: DeployHooks,
    previous: ReleaseContainer | undefined,
    next: { image: ImageFacts; name: string; port?: number; start: (port: number) => Promise<string> },
  ): Promise<DeployResult> {
    const proxy = this.proxy;
    const placement = await this.placement();
    if (placement.kind === 'host') {
      hooks.warning(
        `${this.host.display} has no Docker bridge network: the release shares the host's network, so its port ` +
          'is open wherever the host is. Give the engine a bridge (the default) to keep releases private.',
      );
    }
    if (!proxy && previous) {
      hooks.warning(
        `No proxy for ${this.settings.environment}: stopping ${previous.name} before starting the new release, ` +
          'so the service is down until it is healthy. Set proxy (or proxy-url) for zero-downtime deploys.',
      );
      await hooks.phase('stop', () => this.stop(previous));
    }
    const port = next.port ?? (await this.releasePort(placement, proxy !== undefined));
    const id = await hooks.phase('start', () => next.start(port));
    const dial = dialOf(placement, next.name, port);
    let switchedAt: Date;
    try {
      const health = await hooks.phase('health', () => this.waitHealthy(next.image, id, placement, port, hooks));
      if (!health.healthy) throw await this.unhealthy(id, next.name, health.reason ?? 'unhealthy', previous);
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
      await this.abandon(id, previous, hooks);
      throw error;
    }
    if (proxy && previous?.port !== undefined) {
      const left = await hooks.phase('drain', () =>
        proxy.waitDrained(dialOf(placement, previous.name, previous.port!), this.settings.drainTimeoutMs),
      );
      if (left > 0) hooks.warning(`${previous.name} still had ${left} request(s) in flight after drain-timeout`);
      await hooks.phase('stop', () => this.stop(previous));
    }
    const removed = await this.prune(id);
    const running = (await this.releases()).find((r) => r.id === id);
    return {
      running: running ? publicView(running) : { name: next.name, running: false, state: 'gone', port },
      previous: previous ? publicView(previous) : undefined,
      switchedAt,
      downtime: !proxy && previous !== undefined,
      removed,
    };
  }

  /**
   * The port a new release listens on. On the proxy's network every release has its own
   * address, so the container port serves. A host port is free when no Paved container claims
   * it and nothing answers on it, asked where the port is: from the runner for a local engine,
   * on the host for one reached over SSH.
   */
  private async releasePort(placement: Placement, proxied: boolean): Promise<number> {
    const containerPort = this.settings.port ?? DEFAULT_PORT;
    if (placement.kind === 'network' || !proxied) return containerPort;
    // Over SSH the runner cannot see the host's ports: a published port is refused by the engine
    // itself when taken; on the host's network the host is asked, through the tunnel.
    const session = this.host.session;
    const probe =
      this.host.isSsh && placement.kind === 'published'
        ? async () => true
        : session && placement.kind === 'host'
          ? probeOnHost(session)
          : isFree;
    return choosePort(await claimedPorts(this.docker), this.host.address, Math.random, probe);
  }

  /** The release's health check, reached through the host's SSH connection when there is one. */
  private async waitHealthy(image: ImageFacts, id: string, placement: Placement, port: number, hooks: DeployHooks) {
    const path = this.settings.healthPath ?? DEFAULT_HEALTH_PATH;
    if (!this.settings.healthPath && image.hasHealthcheck) {
      hooks.info('Waiting for the release to be healthy (image HEALTHCHECK)');
      return waitHealthy(this.docker, id, { kind: 'healthcheck' }, this.settings.healthTimeoutMs);
    }
    const address = placement.kind === 'network' ? await addressOn(this.docker, id, placement.network) : '127.0.0.1';
    if (!address) return { healthy: false, reason: `it has no address on the Docker network` };
    const shown = `http://${placement.kind === 'network' ? address : this.host.address}:${port}${path}`;
    hooks.info(`Waiting for the release to be healthy (GET ${shown}${this.host.session ? ' through SSH' : ''})`);
    return withHostUrl(this.host, { address, port }, (base) => {
      const check: HealthCheck = { kind: 'http', url: `${base}${path}`, shown };
      return waitHealthy(this.docker, id, check, this.settings.healthTimeoutMs);
    });
  }

  /** The new release never became healthy: keep its last words, remove it, keep the old one serving. */
  private async unhealthy(
    id: string,
    name: string,
    reason: string,
    previous: ReleaseContainer | undefined,
  ): Promise<ReleaseError> {
    const logs = redactSecrets(await containerLogs(this.docker, id), Object.values(this.settings.secrets));
    await this.docker.run(['rm', '--force', id], { allowFailure: true });
    const kept = this.proxy
      ? previous
        ? `${previous.name} keeps serving; traffic was not switched.`
        : 'Traffic was not switched.'
      : await this.restorePrevious(previous);
    return new ReleaseError(
      `The new release ${name} failed its health check: ${reason}. It was removed; ${kept}` +
        (logs ? `\nLast log lines of ${name}:\n${lastLines(logs, 20)}` : `\n${name} printed nothing.`),
      'health',
      { logs, switched: false },
    );
  }

  /** After a failure before the switch: remove the new container, bring the old one back if stopped. */
  private async abandon(id: string, previous: ReleaseContainer | undefined, hooks: DeployHooks): Promise<void> {
    if (!(await this.removeContainer(id))) {
      hooks.warning(`Could not remove the new container ${id.slice(0, 12)}: remove it by hand`);
    }
    if (!this.proxy) await this.restorePrevious(previous).catch(() => undefined);
  }

  /** Force-removes a container; a dropped SSH link usually comes back within seconds, so retry for about ten. */
  private async removeContainer(idOrName: string): Promise<boolean> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const removed = await this.docker.run(['rm', '--force', idOrName], { allowFailure: true }).catch(() => undefined);
      if (removed && (removed.code === 0 || /No such container/i.test(removed.stderr))) return true;
      if (attempt < 5) await new Promise((resolve) => setTimeout(resolve, attempt * 1_000));
    }
    return false;
  }

  private async restorePrevious(previous: ReleaseContainer | undefined): Promise<string> {
    if (!previous) return 'nothing ran before.';
    const started = await this.docker.run(['start', previous.id], { allowFailure: true });
    return started.code === 0
      ? `${previous.name} was started again.`
      : `${previous.name} could not be started again: start it by hand (docker start ${previous.name}).`;
  }

  private async stop(container: ReleaseContainer): Promise<void> {
    // SIGTERM, then SIGKILL after 10 s: the drain already waited for requests in flight.
    await this.docker.run(['stop', '--time', '10', container.id]);
  }

  /** Keeps the newest `retain` stopped releases for rollback and removes the rest. */
  private async prune(currentId: string): Promise<string[]> {
    const stopped = (await this.releases()).filter((r) => r.id !== currentId && r.status !== 'running');
    const removed: string[] = [];
    for (const old of stopped.slice(this.settings.retain)) {
      const result = await this.docker.run(['rm', old.id], { allowFailure: true });
      if (result.code === 0) removed.push(old.name);
    }
    return removed;
  }

  private async migrate(release: Release, volumes: string[]): Promise<void> {
    const name = `${containerName(release)}-migrate`;
    await this.withEnvFile(release, this.settings.port ?? DEFAULT_PORT, async (envFile) => {
      const result = await this.docker.run(
        [
          'run',
          '--rm',
          '--name',
          name,
          '--label',
          `${PAVED_LABELS.role}=migrate`,
          ...(await this.migrationNetwork()),
          '--env-file',
          envFile,
          ...volumes.flatMap((volume) => ['--volume', volume]),
          '--',
          pinnedRef(release.image),
          ...(this.settings.migrate ?? []),
        ],
        { allowFailure: true },
      );
      if (result.code !== 0) {
        const logs = redactSecrets(`${result.stdout}${result.stderr}`.trimEnd(), Object.values(this.settings.secrets));
        throw new ReleaseError(
          `The migration failed (exit ${result.code}); nothing was switched and the old release keeps serving.` +
            (logs ? `\nLast lines of the migration:\n${lastLines(logs, 20)}` : ''),
          'migrate',
          { logs, switched: false },
        );
      }
    });
  }

  private async create(release: Release, port: number, volumes: string[]): Promise<string> {
    const placement = await this.placement();
    const inContainer = placement.kind !== 'host';
    const containerPort = this.settings.port ?? DEFAULT_PORT;
    const labels: Record<string, string> = {
      [PAVED_LABELS.service]: release.service,
      [PAVED_LABELS.environment]: release.environment,
      [PAVED_LABELS.version]: release.version,
      [PAVED_LABELS.sha]: release.sha,
      [PAVED_LABELS.deploymentId]: String(release.deploymentId),
      [PAVED_LABELS.digest]: release.digest,
      [PAVED_LABELS.image]: release.image,
      [PAVED_LABELS.port]: String(port),
      ...(release.migrateRollback ? { [PAVED_LABELS.migrateRollback]: joinCommand(release.migrateRollback) } : {}),
    };
    return this.withEnvFile(release, inContainer ? containerPort : port, async (envFile) => {
      const args = [
        'run',
        '--detach',
        '--name',
        containerName(release),
        ...Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
        '--restart',
        this.settings.restart,
        ...(this.settings.memory ? ['--memory', this.settings.memory] : []),
        ...(this.settings.cpus ? ['--cpus', this.settings.cpus] : []),
        ...placementArgs(placement, port, containerPort),
        '--env-file',
        envFile,
        ...volumes.flatMap((volume) => ['--volume', volume]),
        '--',
        pinnedRef(release.image),
      ];
      try {
        return (await this.docker.text(args)).split('\n').pop() ?? '';
      } catch (error) {
        // The engine may have created the container before the link dropped: remove it by name.
        await this.removeContainer(containerName(release));
        throw error;
      }
    });
  }

  /**
   * Configuration and secrets reach the container through `docker --env-file` from a 0600 file
   * in a 0700 folder on the runner, removed as soon as docker has read it. The docker CLI reads
   * the file itself and sends the values inside the API request (over the socket or the SSH
   * tunnel): they are never on a command line on either machine, never in a shell, and on the
   * host they live only in the container's configuration, which only root and the docker group
   * can read, as with any container environment.
   */
  private async withEnvFile<T>(release: Release, port: number, use: (file: string) => Promise<T>): Promise<T> {
    const dir = mkdtempSync(path.join(this.settings.tempDir ?? os.tmpdir(), 'paved-env-'));
    const file = path.join(dir, 'release.env');
    try {
      const values = {
        ...this.settings.env,
        PAVED_SERVICE: release.service,
        PAVED_ENVIRONMENT: release.environment,
        PAVED_VERSION: release.version,
        PAVED_DEPLOYMENT_ID: String(release.deploymentId),
        ...this.settings.secrets,
        PORT: String(port),
      };
      writeFileSync(file, envFileText(values), { mode: 0o600 });
      return await use(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** A proxy booted afresh on a host that already runs a release sends traffic to it at once. */
  private async serveRunning(proxy: Switcher): Promise<void> {
    if ((await proxy.upstreams()).length > 0) return;
    const placement = await this.placement();
    const running = (await this.releases()).find((r) => r.status === 'running' && r.port !== undefined);
    if (running) await proxy.switchTo(dialOf(placement, running.name, running.port!));
  }

  /** A migration runs where releases run, so it reaches what they reach; it publishes nothing. */
  private async migrationNetwork(): Promise<string[]> {
    const placement = await this.placement();
    return placement.kind === 'published' ? [] : placementArgs(placement, 0, 0);
  }

  /** Where releases go on this host: the proxy's network, a loopback port, or the host's network. */
  private async placement(): Promise<Placement> {
    if (this.placed) return this.placed;
    if (this.settings.managedProxy) {
      this.placed = { kind: 'network', network: this.settings.managedProxy.network };
    } else if (await hasBridge(this.docker)) {
      // A tcp:// engine's proxy is on another machine: only there must the port be on every interface.
      this.placed = { kind: 'published', bind: this.host.display.startsWith('tcp://') ? undefined : '127.0.0.1' };
    } else {
      this.placed = { kind: 'host' };
    }
    return this.placed;
  }

  private releases(): Promise<ReleaseContainer[]> {
    return listReleases(this.docker, this.settings.service, this.settings.environment);
  }

  /** The release taking traffic: the proxy's upstream when there is a proxy, else the running one. */
  private async live(releases: ReleaseContainer[]): Promise<ReleaseContainer | undefined> {
    if (this.proxy) {
      const dials = await this.proxy.upstreams();
      const placement = await this.placement();
      return releases.find((r) => r.port !== undefined && dials.includes(dialOf(placement, r.name, r.port)));
    }
    return releases.find((r) => r.status === 'running' || r.status === 'restarting');
  }
}

/** Named volumes from the settings, plus those the previous release mounted (same path wins from settings). */
export function carriedVolumes(configured: readonly string[], previous: ReleaseContainer | undefined): string[] {
  const byPath = new Map<string, string>();
  for (const volume of previous?.volumes ?? []) byPath.set(volume.slice(volume.indexOf(':') + 1), volume);
  for (const volume of configured) byPath.set(volume.slice(volume.indexOf(':') + 1), volume);
  return [...byPath.values()];
}

function publicView(container: ReleaseContainer): RunningRelease {
  return {
    name: container.name,
    image: container.image,
    digest: container.digest,
    deploymentId: container.deploymentId,
    version: container.version,
    sha: container.sha,
    running: container.running,
    state: container.state,
    port: container.port,
    migrateRollback: container.migrateRollback,
  };
}
