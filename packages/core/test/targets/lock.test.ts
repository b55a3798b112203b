import { isStale, lockHeldError, LockHeldError } from '../../src/targets/index.js';

const now = new Date('2025-01-01T12:00:00Z');
const holder = 'https://github.com/acme/shop/actions/runs/7';

describe('deploy lock rules', () => {
  it('is stale only when older than the timeout, or when its time cannot be read', () => {
    expect(isStale({ holder, lockedAt: new Date('2025-01-01T11:45:00Z') }, 30 * 60_000, now)).toBe(false);
    expect(isStale({ holder, lockedAt: new Date('2025-01-01T11:29:00Z') }, 30 * 60_000, now)).toBe(true);
    expect(isStale({ holder, lockedAt: new Date('invalid') }, 30 * 60_000, now)).toBe(true);
  });

  it('tells the second deploy who holds the lock, since when, and what to do', () => {
    const error = lockHeldError(
      'shop in staging',
      { holder, lockedAt: new Date('2025-01-01T11:58:30Z') },
      30 * 60_000,
      now,
    );
    expect(error).toBeInstanceOf(LockHeldError);
    expect(error.holder).toBe(holder);
    expect(error.message).toBe(
      `shop in staging is locked by another deploy: ${holder} (since 2025-01-01T11:58:30.000Z, 1m 30s ago). ` +
        'Nothing was changed. Wait for that run to finish and re-run this one; a lock older than lock-timeout (30m) is taken over as stale.',
    );
  });
});
