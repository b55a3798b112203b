import { backoffDelay } from '../../src/checks/backoff.js';
import { ConcurrencyLimit } from '../../src/checks/limit.js';

describe('backoffDelay', () => {
  it('doubles from 250ms up to a 5s cap, less up to a fifth of jitter', () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((retry) => backoffDelay(retry, undefined, none))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
    expect(backoffDelay(3, undefined, () => 1)).toBe(800);
    expect(backoffDelay(2, { initialMs: 10, maxMs: 15 }, none)).toBe(15);
  });
});

describe('ConcurrencyLimit', () => {
  it('runs at most max tasks at once, first come first served', async () => {
    const limit = new ConcurrencyLimit(2);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        limit.run(async () => {
          active++;
          most = Math.max(most, active);
          order.push(i);
          await new Promise((resolve) => setTimeout(resolve, 5));
          active--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('frees the slot when a task throws', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(async () => 'next')).resolves.toBe('next');
  });
});
