import { request } from 'node:http';

/**
 * Asks the Docker Engine API behind a unix socket for `/_ping`. True only for the engine's
 * own `200 OK`: a forward the host's sshd refuses, or anything else on the socket, is false.
 */
export function pingEngineSocket(socketPath: string, timeoutMs = 5_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        // The engine answers two bytes; more is not the engine.
        if (body.length < 16) body += chunk;
      });
      res.on('end', () => resolve(res.statusCode === 200 && body === 'OK'));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** The socket path of a `unix:///path` engine endpoint, or undefined for any other form. */
export function unixEndpointPath(endpoint: string): string | undefined {
  const path = /^unix:\/\/(\/[\w./-]+)$/.exec(endpoint.trim())?.[1];
  return path && !path.includes('..') ? path : undefined;
}
