import { formatDuration } from '../action/duration.js';
import { LockHeldError } from './target.js';

/** What a lock says about its holder. */
export interface LockInfo {
  holder: string;
  lockedAt: Date;
}

/** A lock older than the timeout belongs to a run that died without releasing it. */
export function isStale(lock: LockInfo, timeoutMs: number, now: Date = new Date()): boolean {
  const age = now.getTime() - lock.lockedAt.getTime();
  // A lock without a readable time cannot be judged; treat it as stale rather than blocking forever.
  return !Number.isFinite(age) || age > timeoutMs;
}

/** The error a second deploy gets: who holds the lock, since when, and what to do. */
export function lockHeldError(what: string, lock: LockInfo, timeoutMs: number, now: Date = new Date()): LockHeldError {
  const age = Math.max(0, now.getTime() - lock.lockedAt.getTime());
  return new LockHeldError(
    `${what} is locked by another deploy: ${lock.holder} (since ${lock.lockedAt.toISOString()}, ${formatDuration(age)} ago). ` +
      `Nothing was changed. Wait for that run to finish and re-run this one; a lock older than ` +
      `lock-timeout (${formatDuration(timeoutMs)}) is taken over as stale.`,
    lock.holder,
  );
}
