import {
  LockHeldError,
  type DeployHooks,
  type DeployResult,
  type HeldLock,
  type PhaseName,
  type Release,
  type ResolvedEnvironment,
  type RunningRelease,
  type Target,
} from '@paved/core';

/** The run URL a fake target's lock names as its holder. */
export const FAKE_RUN_URL = 'https://github.com/acme/shop/actions/runs/1';

/** An environment as config resolution hands it to a flow: service shop, a docker target. */
export function resolvedEnvironment(name = 'staging', extra: Partial<ResolvedEnvironment> = {}): ResolvedEnvironment {
  return {
    name,
    service: 'shop',
    url: `https://${name}.shop.example.com`,
    production: false,
    transient: false,
    target: 'docker',
    healthTimeoutMs: 5_000,
    drainTimeoutMs: 0,
    stopTimeoutSeconds: 10,
    retain: 5,
    proxyRoute: 'shop',
    restart: 'unless-stopped',
    volumes: [],
    env: {},
    lockTimeoutMs: 1_800_000,
    gate: {},
    smoke: {},
    ...extra,
  };
}

/**
 * A target that runs one release at a time in memory and remembers what it was asked, in
 * order: `lock`, `start <deployment id>` (deploy), `rollback <version>`, `unlock`.
 */
export class FakeTarget implements Target {
  readonly kind = 'docker' as const;
  readonly where = 'docker at the fake host';
  events: string[] = [];
  /** A run URL here makes lock() refuse, as when that run holds the environment's lock. */
  lockedBy?: string;
  /** What current() answers after the next switch, instead of the release switched to. */
  afterDeploy?: RunningRelease;
  /** When the switch happened; the moment of the call unless set. */
  switchedAt?: Date;
  /** Runs inside deploy and rollback before the switch: a test's own phases and faults. */
  during?: (hooks: DeployHooks) => Promise<void>;

  constructor(public running?: RunningRelease) {}

  async lock(): Promise<HeldLock> {
    if (this.lockedBy) {
      throw new LockHeldError(
        `shop in staging is locked by another deploy: ${this.lockedBy}. Nothing was changed.`,
        this.lockedBy,
      );
    }
    this.events.push('lock');
    return { holder: FAKE_RUN_URL, release: async () => void this.events.push('unlock') };
  }

  async current(): Promise<RunningRelease | undefined> {
    return this.running;
  }

  deploy(release: Release, hooks: DeployHooks): Promise<DeployResult> {
    return this.switchTo(release, hooks, 'start', `start ${release.deploymentId}`);
  }

  rollback(release: Release, hooks: DeployHooks): Promise<DeployResult> {
    return this.switchTo(release, hooks, 'switch', `rollback ${release.version}`);
  }

  async dispose(): Promise<void> {}

  private async switchTo(release: Release, hooks: DeployHooks, phase: PhaseName, event: string): Promise<DeployResult> {
    const previous = this.running;
    await this.during?.(hooks);
    await hooks.phase(phase, async () => void this.events.push(event));
    this.running = this.afterDeploy ?? {
      name: `shop-staging-${release.deploymentId}`,
      image: release.image,
      digest: release.digest,
      deploymentId: release.deploymentId,
      version: release.version,
      running: true,
    };
    return {
      running: this.running,
      previous,
      switchedAt: this.switchedAt ?? new Date(),
      downtime: false,
      removed: [],
    };
  }
}
