import { adminOverSsh, ensureManagedProxy } from '../../proxy/index.js';
import { containerName } from '../naming.js';
import type * as T from '../target.js';
import { listReleases, publicView, repoDigests, type ReleaseContainer } from './containers.js';
import type { DockerHost } from './host.js';
import { ensureImage } from './image.js';
import { carriedVolumes, createRelease, runMigration } from './launch.js';
import { DockerLock } from './lock.js';
import { dialOf, hasBridge, type Placement } from './placement.js';
import { removeContainer, restartPrevious, stopRelease } from './retire.js';
import { carriedEnvironment } from './carried-env.js';
import { DockerRollbackHost } from './rollback-host.js';
import type { DockerTargetSettings, HostScope } from './settings.js';
import { existingCaddy, managedCaddy, type Switcher } from './switcher.js';
import { switchOver, type StagedRelease } from './switch-over.js';

export type { DockerTargetSettings } from './settings.js';
export type { StagedRelease } from './switch-over.js';

/**
 * A Docker host, local or over ssh://, released to the way Kamal does it: the new container
 * starts beside the old one on its own port, must pass its health check, then the proxy's
 * upstream switches to it, the old one drains and stops, and the last `retain` releases stay
 * on the host, stopped, for a rollback in seconds.
 */
export class DockerTarget implements T.Target {
  readonly kind = 'docker' as const;
  readonly where: string;
  private connecting?: Promise<DockerHost>;
  private scoping?: Promise<HostScope>;

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

  /** Connects once; later calls get the same connection. */
  async open(): Promise<DockerHost> {
    this.connecting ??= this.connect();
    try {
      return await this.connecting;
    } catch (error) {
      this.connecting = undefined;
      throw error;
    }
  }

  async lock(request: T.LockRequest): Promise<T.HeldLock> {
    const { docker } = await this.open();
    return new DockerLock(docker, this.settings.service, this.settings.environment).acquire(request);
  }

  async current(): Promise<T.RunningRelease | undefined> {
    const { host } = await this.scope();
    const found = await this.live();
    if (!found) return undefined;
    // What the engine runs, not what the label claims: the manifest digests of its image ID.
    const digests = await repoDigests(host.docker, found.imageId);
    const digest = found.digest && digests.includes(found.digest) ? found.digest : digests[0];
    return { ...publicView(found), digest };
  }

  async deploy(release: T.Release, hooks: T.DeployHooks): Promise<T.DeployResult> {
    return (await this.switchTo(release, hooks)).retire();
  }

  /** The deploy up to the switch; the old release is retired when the caller says (a fleet: while others move). */
  async switchTo(release: T.Release, hooks: T.DeployHooks): Promise<StagedRelease> {
    return this.switchIn(await this.scope(), release, hooks);
  }

  /** Pull → migrate → switch-over in `scope`, whose settings are the ones the release starts with. */
  private async switchIn(scope: HostScope, release: T.Release, hooks: T.DeployHooks): Promise<StagedRelease> {
    const docker = scope.host.docker;
    // The pull does not depend on what runs: both at once.
    const [image, previous] = await Promise.all([
      hooks.phase('pull', () => ensureImage(docker, release.image, scope.host.display)),
      this.live(),
    ]);
    const volumes = carriedVolumes(scope.settings.volumes, previous);
    if (scope.settings.migrate) await hooks.phase('migrate', () => runMigration(scope, release, volumes));
    return switchOver(scope, hooks, previous, {
      image,
      start: (port) => createRelease(scope, release, port, volumes),
      name: containerName(release),
    });
  }

  /** Asked through this target's own engine connection, so the same credentials and network. */
  rollbackHost(): T.RollbackHost {
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

  async rollback(release: T.Release, hooks: T.DeployHooks, options: T.RollbackOptions = {}): Promise<T.DeployResult> {
    return (await this.switchBackTo(release, hooks, options)).retire();
  }

  /** The rollback up to the switch; the release it replaces is retired when the caller says. */
  async switchBackTo(
    release: T.Release,
    hooks: T.DeployHooks,
    options: T.RollbackOptions = {},
  ): Promise<StagedRelease> {
    const scope = await this.scope();
    const releases = await this.releases();
    const previous = await this.live(releases);
    const retained =
      releases.find((r) => r.deploymentId === options.fromDeploymentId && r.digest === release.digest && !r.running) ??
      releases.find((r) => r.digest === release.digest && r.id !== previous?.id && r.status !== 'running');
    if (!retained?.port) {
      // Started afresh: what the rollback was not given comes from the newest release container.
      const source = previous ?? releases[0];
      if (source) {
        const { env, secrets } = scope.settings;
        const given = new Set([...Object.keys(env), ...Object.keys(secrets)]);
        const carried = await carriedEnvironment(scope.host.docker, source.id, given);
        if (Object.keys(carried).length > 0) {
          hooks.info(
            `Carrying ${Object.keys(carried).join(', ')} over from ${source.name}, as the rollback was not given them`,
          );
          // Kept with the secrets: their values are redacted from every log line shown.
          const settings = { ...scope.settings, secrets: { ...carried, ...secrets } };
          return this.switchIn({ ...scope, settings }, release, hooks);
        }
      }
      return this.switchIn(scope, release, hooks);
    }
    hooks.info(`Starting retained release ${retained.name} (${retained.version ?? retained.digest}) again`);
    const docker = scope.host.docker;
    const image = await hooks.phase('pull', () => ensureImage(docker, release.image, scope.host.display));
    return switchOver(scope, hooks, previous, {
      image,
      name: retained.name,
      port: retained.port,
      start: async () => {
        await docker.run(['start', retained.id]);
        return retained.id;
      },
    });
  }

  /**
   * Takes back a release that was this host's first: the proxy is left without an upstream (it
   * answers 503, as before the release) once requests in flight have drained, and the container
   * is removed, so the host is as it was. For a fleet whose first release failed on another host.
   */
  async withdraw(name: string): Promise<void> {
    const { host, placement, proxy } = await this.scope();
    const container = (await this.releases()).find((r) => r.name === name);
    if (!container) return;
    if (proxy && container.port !== undefined) {
      const dial = dialOf(placement, container.name, container.port);
      if ((await proxy.upstreams()).includes(dial)) {
        await proxy.stopServing();
        await proxy.waitDrained(dial, this.settings.drainTimeoutMs);
      }
    }
    if (!(await removeContainer(host.docker, container.id))) {
      throw new Error(`could not remove ${container.name}: remove it by hand (docker rm --force ${container.name})`);
    }
  }

  /**
   * After main was killed mid-release (the post step): what serves stays, a release that never
   * took traffic is removed, one still running beside the one serving is stopped, and without a
   * proxy a stopped previous release is started again.
   */
  async settle(abandoned: T.AbandonedRelease): Promise<string[]> {
    const { host, proxy } = await this.scope();
    const releases = await this.releases();
    const live = await this.live(releases);
    const done: string[] = [];
    const switched = live !== undefined && abandoned.digest !== undefined && live.digest === abandoned.digest;
    for (const release of releases) {
      if (release.id === live?.id) continue;
      if (!switched && release.deploymentId === abandoned.deploymentId) {
        if (await removeContainer(host.docker, release.id))
          done.push(`removed ${release.name}, which never took traffic`);
      } else if (release.running || release.status === 'restarting') {
        // A release still running beside the one serving: the drain or stop that was cut short.
        await stopRelease(host.docker, release, this.settings.stopTimeoutSeconds);
        done.push(`stopped ${release.name}, which no longer takes traffic`);
      }
    }
    if (!live && !proxy) {
      // Without a proxy the old release stops before the new one starts: start it again.
      const previous = (await this.releases()).find((r) => r.deploymentId !== abandoned.deploymentId);
      if (previous) done.push(await restartPrevious(host.docker, previous));
    }
    return done;
  }

  async dispose(): Promise<void> {
    const host = await this.connecting?.catch(() => undefined);
    await host?.close();
  }

  /**
   * The host connected, with its proxy booted (or upgraded) first when Paved runs it, and where
   * releases go. Called only under the lock; once per release.
   */
  private scope(): Promise<HostScope> {
    this.scoping ??= (async () => {
      const host = await this.open();
      const [proxy, placement] = await Promise.all([this.bootProxy(host), this.placement(host)]);
      const scope: HostScope = { host, settings: this.settings, placement, proxy };
      if (proxy?.booted) await this.serveRunning(scope);
      return scope;
    })().catch((error: unknown) => {
      this.scoping = undefined;
      throw error;
    });
    return this.scoping;
  }

  private async bootProxy(host: DockerHost): Promise<(Switcher & { booted?: boolean }) | undefined> {
    const spec = this.settings.managedProxy;
    if (spec) {
      if (!host.session) throw new Error(`The proxy Paved runs needs an SSH connection to ${host.display}`);
      const managed = await ensureManagedProxy(host.docker, spec, adminOverSsh(host.session), {
        tempDir: this.settings.tempDir,
        hostDisplay: host.display,
      });
      return { ...managedCaddy(managed), booted: managed.boot === 'created' };
    }
    return this.settings.proxyUrl ? existingCaddy(this.settings.proxyUrl, this.settings.proxyRoute) : undefined;
  }

  /** A proxy booted afresh on a host that already runs a release sends traffic to it at once. */
  private async serveRunning({ proxy, placement }: HostScope): Promise<void> {
    if (!proxy || (await proxy.upstreams()).length > 0) return;
    const running = (await this.releases()).find((r) => r.status === 'running' && r.port !== undefined);
    if (running) await proxy.switchTo(dialOf(placement, running.name, running.port!));
  }

  /** Where releases go on this host: the proxy's network, a loopback port, or the host's network. */
  private async placement(host: DockerHost): Promise<Placement> {
    if (this.settings.managedProxy) return { kind: 'network', network: this.settings.managedProxy.network };
    if (await hasBridge(host.docker)) {
      // A tcp:// engine's proxy is on another machine: only there must the port be on every interface.
      return { kind: 'published', bind: host.display.startsWith('tcp://') ? undefined : '127.0.0.1' };
    }
    return { kind: 'host' };
  }

  private async releases(): Promise<ReleaseContainer[]> {
    const { docker } = await this.open();
    return listReleases(docker, this.settings.service, this.settings.environment);
  }

  /**
   * The release taking traffic: the proxy's upstream when there is a proxy, else the running one.
   * The listing and the proxy are asked at once.
   */
  private async live(listed?: ReleaseContainer[]): Promise<ReleaseContainer | undefined> {
    const { proxy, placement } = await this.scope();
    const [releases, dials] = await Promise.all([listed ?? this.releases(), proxy?.upstreams()]);
    if (dials) return releases.find((r) => r.port !== undefined && dials.includes(dialOf(placement, r.name, r.port)));
    return releases.find((r) => r.status === 'running' || r.status === 'restarting');
  }
}
