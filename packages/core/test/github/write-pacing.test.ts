import { pacedWrites, WRITE_BURST } from '../../src/github/write-pacing.js';

describe('pacedWrites', () => {
  test('a release-sized burst goes at once, one at a time; the write after it waits for the reservoir', async () => {
    const group = pacedWrites();
    const limiter = group.key('token');
    let running = 0;
    let mostAtOnce = 0;
    const write = async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
    };
    await Promise.all(Array.from({ length: WRITE_BURST }, () => limiter.schedule(write)));
    expect(mostAtOnce).toBe(1);
    expect(await limiter.currentReservoir()).toBe(0);

    let sixthDone = false;
    const sixth = limiter.schedule(write).then(() => {
      sixthDone = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    // Held until the reservoir refills (one a second), not dropped.
    expect(sixthDone).toBe(false);
    const { RECEIVED, QUEUED, RUNNING, EXECUTING } = limiter.counts();
    expect(RECEIVED + QUEUED + RUNNING + EXECUTING).toBe(1);
    await sixth;
    expect(sixthDone).toBe(true);
    await limiter.stop({ dropWaitingJobs: false });
  });

  test('each token has its own pace', async () => {
    const group = pacedWrites();
    await Promise.all(Array.from({ length: WRITE_BURST }, () => group.key('a').schedule(async () => undefined)));
    expect(await group.key('a').currentReservoir()).toBe(0);
    expect(await group.key('b').currentReservoir()).toBe(WRITE_BURST);
  });
});
