import { UserError } from '../action/errors.js';
import { isGood, signatureProblem, type DeploymentRecord } from '../github/index.js';
import { digestOf, imageTagOf, repositoryOf, shortDigest, type RunningRelease } from '../targets/index.js';
import { LazyHistory, type HistoryEntry, type HistoryReading, type HistorySource } from './history.js';

/** What `to` asks for: the last good release, a recorded deployment, or an image. */
export type RollbackTo = { kind: 'previous' } | { kind: 'deployment'; id: number } | { kind: 'image'; image: string };

export function parseRollbackTo(text: string | undefined): RollbackTo {
  const value = (text ?? '').trim();
  if (value === '' || value === 'previous') return { kind: 'previous' };
  if (/^\d+$/.test(value)) return { kind: 'deployment', id: Number(value) };
  if (/^[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64}$/.test(value)) return { kind: 'image', image: value };
  throw new UserError(`'to' must be previous, a deployment ID, or an image name@sha256:<64 hex>, got '${value}'`);
}

/** The release a rollback brings back. */
export interface RestoreTarget {
  image: string;
  digest: string;
  version: string;
  sha: string;
  /** The deployment that recorded it, when the ledger knows it. */
  deploymentId?: number;
}

export interface RollbackPlan {
  /** The deployment being replaced: what runs now. */
  bad?: DeploymentRecord;
  restore: RestoreTarget;
  /** The bad release's recorded undo of its migration, as argv. */
  migrateRollback?: string[];
  warnings: string[];
  /** How much history it took to decide. */
  reading: HistoryReading;
  /** How records were authenticated. */
  records: RecordTrust;
}

/** How a rollback told Paved's records from forgeries, for the summary. */
export interface RecordTrust {
  /** Records were verified with ledger-key. */
  signed: boolean;
  /** Without a key: the login whose records were preferred, when GitHub named it. */
  preferredCreator?: string;
  /** Records ignored as untrusted (bad reference, missing or wrong signature). */
  ignored: number;
}

export interface PlanInput {
  environment: string;
  to: RollbackTo;
  /** Newest first: the ledger's bounded listing with statuses on demand, or records that carry theirs. */
  history: HistorySource | AsyncIterable<HistoryEntry>;
  /** Reads one deployment (for `to: <id>`); undefined when it does not exist. */
  get(id: number): Promise<DeploymentRecord | undefined>;
  /** What the target reports running, if it can tell. */
  running?: RunningRelease;
  /** The commit to record when an image is restored that the ledger never saw. */
  fallbackSha: string;
  /**
   * The image repository the environment deploys. A record naming any other is ignored: anyone
   * with `deployments: write` can create one. Defaults to the repository of the image running now.
   */
  repository?: string;
  /** The way back from a migration as Paved's own configuration says it, when the running release carries none. */
  configuredMigrateRollback?: string[];
  /** The ledger-key secret: when set, only records whose signature verifies with it are considered. */
  ledgerKey?: string;
  /**
   * Without a key, the login that creates this workflow's records (GitHub's `creator`): its
   * records are preferred over anyone else's, since anyone with deployments: write can create one.
   */
  identity?: string;
  /** Called with each warning as it is found, so one that explains a refusal is not lost with it. */
  warn?(message: string): void;
  /** Told what reading history cost and how records were judged, refusal or not. */
  onRead?(reading: HistoryReading, records: RecordTrust): void;
}

/** Untrusted records named one by one in warnings; beyond that they are counted. */
const NAMED_IGNORED = 10;

/** A digest-pinned reference that cannot be read as an option: what a record's image must be. */
const PINNED_REFERENCE = /^[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64}$/;

/**
 * Why a record cannot be restored from, or undefined when it can: its image must be a
 * digest-pinned reference of the environment's repository, and its digest must be that image's.
 */
export function untrustedRecord(record: HistoryEntry, repository: string | undefined): string | undefined {
  const image = record.payload?.image;
  const digest = record.payload?.digest;
  if (typeof image !== 'string' || typeof digest !== 'string') return 'its payload names no image digest';
  if (!PINNED_REFERENCE.test(image)) return `its image '${image.slice(0, 80)}' is not a reference pinned by digest`;
  if (digestOf(image) !== digest) return `its digest ${shortDigest(digest)} is not its image's`;
  if (repository && repositoryOf(image) !== repository) {
    return `its image is from ${repositoryOf(image).slice(0, 80)}, not ${repository}, the repository this environment deploys`;
  }
  return undefined;
}

const isPaved = (d: HistoryEntry) => Boolean(d.payload?.digest && d.payload.image);
const wentLive = (d: DeploymentRecord) => d.statuses.some((s) => s.state === 'success');

/**
 * The bad deployment is the environment's current one: the newest recorded deployment of the
 * digest the target runs (a fast-path rollback restarts a container labelled with its first
 * deployment, so the label alone would point at an older record), else the deployment id the
 * target reports, else the newest deployment that went live.
 */
export async function findCurrentDeployment(
  history: LazyHistory,
  running: RunningRelease | undefined,
  preferred: (d: HistoryEntry) => boolean = () => true,
): Promise<DeploymentRecord | undefined> {
  if (running?.digest) {
    const ofRunning = (d: HistoryEntry) => isPaved(d) && d.payload?.digest === running.digest;
    const match =
      (await history.find((d) => ofRunning(d) && preferred(d), wentLive)) ?? (await history.find(ofRunning, wentLive));
    if (match) return match;
  }
  if (running?.deploymentId !== undefined) {
    const match = await history.find((d) => d.id === running.deploymentId);
    if (match) return match;
  }
  return (
    (await history.find((d) => isPaved(d) && preferred(d), wentLive)) ??
    (await history.find(isPaved, wentLive)) ??
    (await history.find(isPaved))
  );
}

/** Decides what to restore, or refuses with a message that says what to do; changes nothing. */
export async function planRollback(input: PlanInput): Promise<RollbackPlan> {
  const warnings: string[] = [];
  const note = (message: string) => {
    warnings.push(message);
    input.warn?.(message);
  };
  const repository = input.repository ?? (input.running?.image ? repositoryOf(input.running.image) : undefined);
  const key = input.ledgerKey || undefined;
  const identity = key ? undefined : input.identity || undefined;
  const records: RecordTrust = { signed: Boolean(key), preferredCreator: identity, ignored: 0 };
  const ignored = new Set<number>();
  const trusted = (d: HistoryEntry): boolean => {
    // GitHub's own deployments for `environment:` jobs carry no payload: never a restore candidate.
    if (!d.payload) return true;
    const why =
      untrustedRecord(d, repository) ??
      (key ? signatureProblem(key, { environment: d.environment, ref: d.ref, payload: d.payload }) : undefined);
    if (why && !ignored.has(d.id)) {
      ignored.add(d.id);
      records.ignored++;
      if (records.ignored <= NAMED_IGNORED) {
        note(`Ignored deployment ${d.id} (created by ${d.creator || 'an unknown identity'}): ${why}.`);
      }
    }
    return why === undefined;
  };
  const preferred = (d: HistoryEntry) => !identity || d.creator === identity;
  const history = new LazyHistory(input.history, trusted);
  const countIgnored = () => {
    if (records.ignored > NAMED_IGNORED) {
      note(`Ignored ${records.ignored - NAMED_IGNORED} more deployments for the same kinds of reasons.`);
    }
  };
  try {
    const plan = await decide(input, { history, preferred, identity, note, repository });
    return { ...plan, warnings, reading: history.reading, records };
  } finally {
    countIgnored();
    input.onRead?.(history.reading, records);
  }
}

interface Deciding {
  history: LazyHistory;
  preferred: (d: HistoryEntry) => boolean;
  identity: string | undefined;
  note: (message: string) => void;
  repository: string | undefined;
}

async function decide(
  input: PlanInput,
  { history, preferred, identity, note, repository }: Deciding,
): Promise<Omit<RollbackPlan, 'warnings' | 'reading' | 'records'>> {
  const bad = await findCurrentDeployment(history, input.running, preferred);
  const badDigest = bad?.payload?.digest ?? input.running?.digest;
  const current = bad
    ? `deployment ${bad.id} (${bad.payload?.version ?? shortDigest(bad.payload?.digest)})`
    : input.running
      ? `${input.running.name} (${input.running.version ?? shortDigest(input.running.digest)})`
      : undefined;
  if (!current) {
    throw new UserError(
      `Nothing to roll back in ${input.environment}: no deployment is recorded and the target runs nothing. ` +
        'Nothing was changed. Deploy a release first.',
    );
  }

  let restore: RestoreTarget;
  if (input.to.kind === 'previous') {
    const candidate = (d: HistoryEntry) => d.id !== bad?.id && isPaved(d) && d.payload?.digest !== badDigest;
    const good = await history.find((d) => candidate(d) && preferred(d), isGood);
    if (!good && identity) {
      // Not restored on its own word: an attacker can bury the workflow's own records beyond
      // history-depth under forged ones, so falling back to another identity would be theirs.
      const other = await history.find(candidate, isGood);
      if (other) {
        throw new UserError(
          `Deployment ${other.id} (${other.payload?.version ?? shortDigest(other.payload?.digest)}) is the newest good ` +
            `release to restore, but it was created by ${other.creator || 'an unknown identity'}, not ${identity} ` +
            "(this workflow's identity), and records are unsigned: anyone with deployments: write can create one. " +
            `Nothing was changed. If you trust it, name it with to: ${other.id}; set the ledger-key secret on deploy ` +
            'and rollback so records can be verified.',
        );
      }
    }
    if (!good?.payload) {
      const reading = history.reading;
      const within = reading.reachedDepth ? ` within the newest ${reading.depth} deployments (history-depth)` : '';
      throw new UserError(
        `No earlier good deployment of ${input.environment} to roll back to${within}: the current one is ${current}, and no ` +
          'other trusted deployment of another image reached success without failing afterwards. Nothing was changed. ' +
          "Deploy a fixed release, or name a release with 'to' (a deployment ID or name@sha256:…)" +
          (reading.reachedDepth ? ', or raise history-depth.' : '.'),
      );
    }
    restore = fromRecord(good);
  } else if (input.to.kind === 'deployment') {
    const chosen = await input.get(input.to.id);
    if (!chosen) {
      throw new UserError(
        `Deployment ${input.to.id} does not exist: check the ID in the repository's deployments. Nothing was changed.`,
      );
    }
    if (chosen.environment !== input.environment) {
      throw new UserError(
        `Deployment ${chosen.id} belongs to ${chosen.environment}, not ${input.environment}: name a deployment of ` +
          `${input.environment}, or an image with name@sha256:…. Nothing was changed.`,
      );
    }
    const key = input.ledgerKey || undefined;
    const why = isPaved(chosen)
      ? (untrustedRecord(chosen, repository) ??
        (key
          ? signatureProblem(key, { environment: chosen.environment, ref: chosen.ref, payload: chosen.payload! })
          : undefined))
      : undefined;
    if (why) {
      throw new UserError(
        `Deployment ${chosen.id} cannot be restored: ${why}. Nothing was changed. Name an image with name@sha256:… of ${repository ?? 'this environment'} instead.`,
      );
    }
    if (!isPaved(chosen)) {
      throw new UserError(
        `Deployment ${chosen.id} was not recorded by Paved (its payload names no image digest), so there is no ` +
          'release to restore from it. Name an image with name@sha256:… instead. Nothing was changed.',
      );
    }
    if (chosen.id === bad?.id || chosen.payload?.digest === badDigest) {
      throw new UserError(
        `Deployment ${chosen.id} is what ${input.environment} runs now; rolling back to it changes nothing. ` +
          'Name an earlier deployment, or leave to: previous. Nothing was changed.',
      );
    }
    if (identity && chosen.creator !== identity) {
      note(
        `Deployment ${chosen.id} was created by ${chosen.creator || 'an unknown identity'}, not ${identity} (this ` +
          "workflow's identity), and records are unsigned; restoring it because it was named explicitly.",
      );
    }
    if (!isGood(chosen)) {
      note(
        `Deployment ${chosen.id} never reached success or failed later (${chosen.statuses[0]?.state ?? 'no status'}); ` +
          'restoring it because it was named explicitly.',
      );
    }
    restore = fromRecord(chosen);
  } else {
    const digest = digestOf(input.to.image);
    if (digest === badDigest) {
      throw new UserError(
        `${input.environment} already runs ${input.to.image}; nothing to roll back to. Nothing was changed.`,
      );
    }
    const known = await history.find((d) => isPaved(d) && d.payload?.digest === digest);
    restore = known
      ? { ...fromRecord(known), image: input.to.image }
      : {
          image: input.to.image,
          digest,
          version: imageTagOf(input.to.image) ?? shortDigest(digest),
          sha: input.fallbackSha,
        };
  }

  // Never from the record: a payload is evidence of what happened, not a command to run. The
  // label Paved wrote on the running release's container, else Paved's own configuration.
  const migrateRollback = input.running?.migrateRollback ?? input.configuredMigrateRollback;
  return { bad, restore, migrateRollback };
}

function fromRecord(record: DeploymentRecord): RestoreTarget {
  const payload = record.payload!;
  return {
    image: payload.image,
    digest: payload.digest,
    version: payload.version || shortDigest(payload.digest),
    sha: record.sha,
    deploymentId: record.id,
  };
}
