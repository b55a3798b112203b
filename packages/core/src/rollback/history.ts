import type { DeploymentEntry, DeploymentRecord, DeploymentStatusRecord } from '../github/index.js';

/** A listed deployment, with its statuses when the source already read them. */
export type HistoryEntry = DeploymentEntry & { statuses?: DeploymentStatusRecord[] };

/** Where a rollback reads history from: the ledger's listing (newest first, bounded) and, on demand, statuses. */
export interface HistorySource {
  entries: AsyncIterable<HistoryEntry>;
  /** Reads one deployment's statuses; unused for entries that carry theirs. */
  statuses?(deploymentId: number): Promise<DeploymentStatusRecord[]>;
  /** The most entries `entries` yields; reported when a search ends there. */
  depth?: number;
}

/** How much history a rollback read. */
export interface HistoryReading {
  /** Deployments listed. */
  listed: number;
  /** Deployments whose statuses were read. */
  statusReads: number;
  /** The listing stopped at the depth limit with older history unread. */
  reachedDepth: boolean;
  depth?: number;
}

/**
 * An environment's deployments, newest first, read from the ledger only as far as a question
 * needs: listing is cheap (a request per hundred), statuses cost a request per deployment, so
 * they are read only for the deployments a question's cheap test keeps.
 */
export class LazyHistory {
  private readonly seen: HistoryEntry[] = [];
  private readonly iterator: AsyncIterator<HistoryEntry>;
  private readonly loaded = new Map<number, DeploymentRecord>();
  private readonly loadStatuses?: (deploymentId: number) => Promise<DeploymentStatusRecord[]>;
  private done = false;
  readonly reading: HistoryReading;

  /** `trusted` filters out records that must not be acted on (it may note why). */
  constructor(
    source: HistorySource | AsyncIterable<HistoryEntry>,
    private readonly trusted: (deployment: HistoryEntry) => boolean = () => true,
  ) {
    const full: HistorySource = Symbol.asyncIterator in source ? { entries: source } : source;
    this.iterator = full.entries[Symbol.asyncIterator]();
    this.loadStatuses = full.statuses;
    this.reading = { listed: 0, statusReads: 0, reachedDepth: false, depth: full.depth };
  }

  /**
   * The newest trusted deployment that passes `cheap` (on what the listing says) and then
   * `full` (on its statuses, read only for those that passed `cheap`).
   */
  async find(
    cheap: (deployment: HistoryEntry) => boolean,
    full?: (deployment: DeploymentRecord) => boolean,
  ): Promise<DeploymentRecord | undefined> {
    for (let index = 0; ; index++) {
      const entry = index < this.seen.length ? this.seen[index] : await this.next();
      if (!entry) return undefined;
      if (!cheap(entry)) continue;
      const record = await this.withStatuses(entry);
      if (!full || full(record)) return record;
    }
  }

  private async next(): Promise<HistoryEntry | undefined> {
    while (!this.done) {
      const next = await this.iterator.next();
      if (next.done) {
        this.done = true;
        const depth = this.reading.depth;
        this.reading.reachedDepth = depth !== undefined && this.reading.listed >= depth;
        return undefined;
      }
      this.reading.listed++;
      if (!this.trusted(next.value)) continue;
      this.seen.push(next.value);
      return next.value;
    }
    return undefined;
  }

  private async withStatuses(entry: HistoryEntry): Promise<DeploymentRecord> {
    if (entry.statuses) return entry as DeploymentRecord;
    const known = this.loaded.get(entry.id);
    if (known) return known;
    this.reading.statusReads++;
    const statuses = this.loadStatuses ? await this.loadStatuses(entry.id) : [];
    const record = { ...entry, statuses };
    this.loaded.set(entry.id, record);
    return record;
  }
}
