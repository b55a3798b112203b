import { createServer } from 'node:net';

/**
 * Asks the kernel for a free port on the loopback. The port is released before it is returned,
 * so another process may take it first: callers that bind it retry on another.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('The kernel gave no loopback port'));
      });
    });
  });
}
