/**
 * Deployment records read back as evidence. Paved's deploy and rollback write a payload
 * `{ image, digest, version, target, previous_deployment_id, rollback_of? }`; anything else in the
 * ledger (GitHub's own deployments for `environment:` jobs, hand-made ones, damaged payloads) is
 * validated here and either skipped as not Paved's or counted as malformed, never trusted.
 */

export type LedgerState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

const STATES = new Set<LedgerState>(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']);

export interface LedgerStatus {
  id: number;
  state: LedgerState;
  description: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface LedgerEntry {
  id: number;
  sha: string;
  environment: string;
  /** Epoch milliseconds. */
  createdAt: number;
  kind: 'deploy' | 'rollback';
  version: string;
  digest: string;
  /** For a rollback: the deployment it took out of service. */
  rollbackOf?: number;
  /** Oldest first. */
  statuses: LedgerStatus[];
}

export type Validated<T> = { ok: true; value: T } | { ok: false; reason: string; paved: boolean };

const SHA = /^[0-9a-f]{40}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const MAX_TEXT = 1_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function time(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

const positiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

function payloadOf(raw: unknown): Record<string, unknown> | undefined {
  if (isObject(raw)) return raw;
  if (typeof raw !== 'string' || raw === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One deployment from the list API, without its statuses. A record without Paved's payload keys
 * is `paved: false` (not counted as damage); one that claims to be Paved's but breaks the form is.
 */
export function validateDeployment(raw: unknown): Validated<Omit<LedgerEntry, 'statuses'>> {
  if (!isObject(raw) || !positiveInteger(raw.id)) return { ok: false, reason: 'no numeric id', paved: true };
  const id = raw.id;
  const payload = payloadOf(raw.payload);
  if (!payload || !('image' in payload || 'digest' in payload)) {
    return { ok: false, reason: `deployment ${id} was not recorded by Paved (no image in its payload)`, paved: false };
  }
  const bad = (why: string): Validated<never> => ({ ok: false, reason: `deployment ${id}: ${why}`, paved: true });
  if (typeof raw.sha !== 'string' || !SHA.test(raw.sha)) return bad('sha is not 40 hex characters');
  if (typeof raw.environment !== 'string' || raw.environment === '' || raw.environment.length > 255)
    return bad('no environment');
  const createdAt = time(raw.created_at);
  if (createdAt === undefined) return bad('created_at is not a time');
  if (typeof payload.image !== 'string' || payload.image === '' || payload.image.length > MAX_TEXT)
    return bad('payload.image is not a string');
  if (typeof payload.digest !== 'string' || !DIGEST.test(payload.digest))
    return bad('payload.digest is not sha256:<64 hex>');
  if (typeof payload.version !== 'string' || payload.version.length > MAX_TEXT)
    return bad('payload.version is not a string');
  const rollbackOf = payload.rollback_of;
  if (rollbackOf !== undefined && !positiveInteger(rollbackOf))
    return bad('payload.rollback_of is not a deployment id');
  if (rollbackOf === id) return bad('payload.rollback_of names the deployment itself');
  // A rollback that found no bad deployment to name (nothing recorded as running) still restores
  // one: it records restores_deployment_id, and rollback describes every record it makes so.
  const restores = payload.restores_deployment_id;
  const isRollback =
    rollbackOf !== undefined ||
    positiveInteger(restores) ||
    (typeof raw.description === 'string' && raw.description.startsWith('Roll back '));
  return {
    ok: true,
    value: {
      id,
      sha: raw.sha,
      environment: raw.environment,
      createdAt,
      kind: isRollback ? 'rollback' : 'deploy',
      version: payload.version || payload.digest.slice(7, 19),
      digest: payload.digest,
      ...(rollbackOf === undefined ? {} : { rollbackOf }),
    },
  };
}

/** One status from the statuses API. */
export function validateStatus(raw: unknown, deploymentId: number): Validated<LedgerStatus> {
  const bad = (why: string): Validated<never> => ({
    ok: false,
    reason: `a status of deployment ${deploymentId}: ${why}`,
    paved: true,
  });
  if (!isObject(raw) || !positiveInteger(raw.id)) return bad('no numeric id');
  if (typeof raw.state !== 'string' || !STATES.has(raw.state as LedgerState)) return bad('unknown state');
  const at = time(raw.created_at);
  if (at === undefined) return bad('created_at is not a time');
  const description = typeof raw.description === 'string' ? raw.description.slice(0, MAX_TEXT) : '';
  return { ok: true, value: { id: raw.id, state: raw.state as LedgerState, description, at } };
}

/** When the release first took traffic: its first `success` status. */
export function wentLiveAt(entry: LedgerEntry): number | undefined {
  return entry.statuses.find((status) => status.state === 'success')?.at;
}

/** Reached success and was never marked failure or error (superseded `inactive` is not bad). */
export function isGoodEntry(entry: LedgerEntry): boolean {
  return (
    wentLiveAt(entry) !== undefined &&
    !entry.statuses.some((status) => status.state === 'failure' || status.state === 'error')
  );
}

const UNFINISHED = new Set<LedgerState>(['in_progress', 'queued', 'pending']);

/** Has an outcome: went live, or its newest status is final. Still running ones are not counted yet. */
export function isFinished(entry: LedgerEntry): boolean {
  const latest = entry.statuses.at(-1);
  return wentLiveAt(entry) !== undefined || (latest !== undefined && !UNFINISHED.has(latest.state));
}
