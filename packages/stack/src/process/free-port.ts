import { createServer } from 'node:net';

/**
 * Asks the kernel for a free loopback port. The port is released before it is returned, so a
 * race with another process is possible; services that fail to bind report it in their log.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not read the port the kernel assigned'));
      });
    });
  });
}

/** Several distinct free ports at once (holding each until all are chosen). */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < count && attempt < count * 10; attempt++) ports.add(await freePort());
  if (ports.size < count) throw new Error(`Could not find ${count} free loopback ports`);
  return [...ports];
}
