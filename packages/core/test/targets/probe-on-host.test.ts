import { describeWithStack, type FleetHost } from '@paved/stack';
import { startLoopbackServiceHost, type LoopbackServiceHost } from '@paved/test-support/fleet';
import type { SshSession } from '../../src/remote/index.js';
import { isFree, probeOnHost } from '../../src/targets/docker/ports.js';

describeWithStack('release ports probed on a host behind its firewall', ['fleet', 'docker'], () => {
  let served: LoopbackServiceHost;
  let host: FleetHost;
  let session: SshSession;
  const taken = 18_091;

  beforeAll(async () => {
    // From the host's own side: something listening on its loopback only.
    served = await startLoopbackServiceHost({ port: taken });
    ({ host, session } = served);
  }, 180_000);

  afterAll(async () => {
    await served?.stop();
  }, 60_000);

  test('the host tells a taken port from a free one, where the runner sees neither', async () => {
    const probe = probeOnHost(session);
    expect(await probe(host.address, taken)).toBe(false);
    expect(await probe(host.address, taken + 1)).toBe(true);
    // From the runner, the firewall drops both alike: no answer is not a free port.
    expect(await isFree(host.address, taken + 1)).toBe(false);
  }, 60_000);
});
