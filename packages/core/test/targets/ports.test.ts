import { createServer, type Server } from 'node:net';
import { choosePort, isFree, RELEASE_PORTS } from '../../src/targets/index.js';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('release ports', () => {
  it('skips ports claimed by other releases and ports something listens on', async () => {
    const taken = RELEASE_PORTS.from + 1;
    const server = await listen(taken);
    try {
      expect(await isFree('127.0.0.1', taken)).toBe(false);
      // The sequence offers the claimed port, then the listening one, then a free one.
      const offers = [0, 1, 2].map((i) => i / (RELEASE_PORTS.to - RELEASE_PORTS.from + 1) + 1e-9);
      const port = await choosePort(new Set([RELEASE_PORTS.from]), '127.0.0.1', () => offers.shift() ?? 0.5);
      expect(port).toBe(RELEASE_PORTS.from + 2);
    } finally {
      server.close();
    }
  });

  it('gives up with a clear error when nothing is free', async () => {
    const all = new Set(
      Array.from({ length: RELEASE_PORTS.to - RELEASE_PORTS.from + 1 }, (_, i) => RELEASE_PORTS.from + i),
    );
    await expect(choosePort(all, '127.0.0.1')).rejects.toThrow(/^Found no free port from 20000 to 29999/);
  });
});
