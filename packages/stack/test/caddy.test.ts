import { describeWithStack, startCaddy, type Caddy } from '../src/index.js';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js';

describeWithStack('caddy upstream switch', ['caddy'], () => {
  let caddy: Caddy;
  let blue: LoopbackServer;
  let green: LoopbackServer;

  beforeAll(async () => {
    [blue, green] = await Promise.all([
      startLoopbackServer((_req, res) => res.end('blue')),
      startLoopbackServer((_req, res) => res.end('green')),
    ]);
    caddy = await startCaddy({ upstreams: [blue.address] });
  }, 30_000);

  afterAll(async () => {
    await caddy?.stop();
    await Promise.all([blue?.close(), green?.close()]);
  });

  const body = async (): Promise<string> => (await fetch(caddy.url, { signal: AbortSignal.timeout(5_000) })).text();

  test('switches traffic between two upstreams through the admin API', async () => {
    expect(await caddy.getUpstreams()).toEqual([blue.address]);
    for (let i = 0; i < 5; i++) expect(await body()).toBe('blue');

    await caddy.setUpstreams([green.address]);
    expect(await caddy.getUpstreams()).toEqual([green.address]);
    for (let i = 0; i < 5; i++) expect(await body()).toBe('green');

    await caddy.setUpstreams([blue.address]);
    expect(await body()).toBe('blue');
  });
});
