import type { BatchSize } from '../../config/index.js';
import type {
  DeployHooks,
  DeployResult,
  HeldLock,
  LockRequest,
  Release,
  RollbackHost,
  RollbackOptions,
  RunningRelease,
  Target,
} from '../target.js';
import { lockEveryHost } from './locks.js';
import type { FleetMember, FleetProgress, HostProgress } from './member.js';
import { rollOut, type HostWork } from './rollout.js';

export type { FleetMember, FleetProgress, HostProgress } from './member.js';

export interface FleetOptions {
  batch: BatchSize;
  pauseMs: number;
  progress?: FleetProgress;
}

/**
 * Several Docker hosts released to as one environment, each through its own docker target (its
 * SSH connection, its proxy, its retained releases): locked together, released in batches,
 * switched back together when one fails, asked together what runs. It goes through the same
 * release sequence as a single host: one lock, one record, one verification.
 */
export class FleetTarget implements Target {
  readonly kind = 'docker' as const;
  readonly where: string;
  /** Each host's state in the last release, in fleet order: for the job summary. */
  readonly hosts: HostProgress[];

  constructor(
    private readonly members: readonly FleetMember[],
    private readonly options: FleetOptions,
  ) {
    this.where = `the fleet of ${members.length} hosts (${members.map((m) => m.host).join(', ')})`;
    this.hosts = members.map((m) => ({ name: m.name, host: m.host, state: 'waiting', phases: [] }));
  }

  lock(request: LockRequest): Promise<HeldLock> {
    return lockEveryHost(this.members, request);
  }

  /**
   * What every host runs. The fleet runs a release only when every host serves the same
   * digest; otherwise the answer says, host by host, what runs where.
   */
  async current(): Promise<RunningRelease | undefined> {
    const all = await Promise.all(this.members.map((m) => m.target.current()));
    const [first] = all;
    if (all.every((r) => r === undefined)) return undefined;
    if (first && all.every((r) => r?.running && r.digest === first.digest)) return first;
    const what = all.map(
      (r, i) => `${this.members[i]!.name} ${r ? `${r.version ?? r.name} (${r.digest ?? '?'})` : 'nothing'}`,
    );
    return { ...(first ?? { name: 'the fleet' }), running: false, state: `hosts differ: ${what.join(', ')}` };
  }

  deploy(release: Release, hooks: DeployHooks): Promise<DeployResult> {
    return this.rollOut(release, hooks, (member, hostHooks) => member.target.switchTo(release, hostHooks));
  }

  rollback(release: Release, hooks: DeployHooks, options?: RollbackOptions): Promise<DeployResult> {
    return this.rollOut(release, hooks, (member, hostHooks) => member.target.switchBackTo(release, hostHooks, options));
  }

  /** The registry check and migrate-rollback run once, through the first host, as the migration did. */
  rollbackHost(): RollbackHost {
    return this.members[0]!.target.rollbackHost();
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.members.map((m) => m.target.dispose()));
  }

  private rollOut(release: Release, hooks: DeployHooks, work: HostWork) {
    for (const host of this.hosts) Object.assign(host, { state: 'waiting', phases: [], detail: undefined });
    return rollOut(this.members, release, hooks, this.hosts, work, { ...this.options, where: this.where });
  }
}
