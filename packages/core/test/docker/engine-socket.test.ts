import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { temporaryDirectory } from '@paved/test-support/workspace';
import { pingEngineSocket, unixEndpointPath } from '../../src/docker/index.js';

describe('unixEndpointPath', () => {
  it('takes the path of a unix endpoint, as the host printed it', () => {
    expect(unixEndpointPath('unix:///var/run/docker.sock\n')).toBe('/var/run/docker.sock');
    expect(unixEndpointPath('unix:///run/user/1000/docker.sock')).toBe('/run/user/1000/docker.sock');
  });

  it('refuses every other form, so docker dials over ssh instead', () => {
    for (const endpoint of [
      'tcp://127.0.0.1:2375',
      'ssh://deploy@web1',
      'npipe:////./pipe/docker_engine',
      'unix://relative.sock',
      'unix:///run/../etc/docker.sock',
      'unix:///run/docker.sock -o ProxyCommand=x',
      'unix:///run/docker.sock\nunix:///other.sock',
      '',
    ]) {
      expect(unixEndpointPath(endpoint)).toBeUndefined();
    }
  });
});

describe('pingEngineSocket', () => {
  const listen = (handler: Parameters<typeof createServer>[1]) =>
    new Promise<{ server: Server; socketPath: string }>((resolve) => {
      const socketPath = path.join(temporaryDirectory('paved-ping-'), 'engine.sock');
      const server = createServer(handler);
      server.listen(socketPath, () => resolve({ server, socketPath }));
    });

  it("is true only for the engine's own 200 OK", async () => {
    const engine = await listen((req, res) => res.end(req.url === '/_ping' ? 'OK' : 'no'));
    const other = await listen((_req, res) => res.end('<html>a web server</html>'));
    const refusing = await listen((_req, res) => {
      res.statusCode = 500;
      res.end('OK');
    });
    try {
      expect(await pingEngineSocket(engine.socketPath)).toBe(true);
      expect(await pingEngineSocket(other.socketPath)).toBe(false);
      expect(await pingEngineSocket(refusing.socketPath)).toBe(false);
      expect(await pingEngineSocket(path.join(path.dirname(engine.socketPath), 'missing.sock'))).toBe(false);
    } finally {
      for (const { server } of [engine, other, refusing]) server.close();
    }
  });

  it('gives up on a socket that never answers', async () => {
    const silent = await listen(() => undefined);
    try {
      expect(await pingEngineSocket(silent.socketPath, 200)).toBe(false);
    } finally {
      silent.server.closeAllConnections();
      silent.server.close();
    }
  });
});
