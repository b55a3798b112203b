import { startTogether } from '../src/servers/index.js';

/** A service that records whether it was stopped. */
const service = (name: string, log: string[]) => ({ name, stop: async () => void log.push(`stopped ${name}`) });

describe('startTogether', () => {
  it('gives every service, in order, when all start', async () => {
    const log: string[] = [];
    const [a, b] = await startTogether(Promise.resolve(service('a', log)), Promise.resolve(service('b', log)));
    expect([a.name, b.name]).toEqual(['a', 'b']);
    expect(log).toEqual([]);
  });

  it('stops the services that started when another fails, then throws its error', async () => {
    const log: string[] = [];
    const late = new Promise<ReturnType<typeof service>>((resolve) =>
      setTimeout(() => resolve(service('late', log)), 20),
    );
    await expect(
      startTogether(Promise.resolve(service('early', log)), Promise.reject(new Error('sshd did not start')), late),
    ).rejects.toThrow('sshd did not start');
    expect(log.sort()).toEqual(['stopped early', 'stopped late']);
  });
});
