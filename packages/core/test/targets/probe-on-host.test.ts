import { buildCaddyImage, describeWithStack, startFleet, type Fleet, type FleetHost } from '@paved/stack';
import { SshSession } from '../../src/remote/index.js';
import { isFree, probeOnHost } from '../../src/targets/docker/ports.js';

describeWithStack('release ports probed on a host behind its firewall', ['fleet', 'docker'], () => {
  let fleet: Fleet;
  let host: FleetHost;
  let session: SshSession;
  const taken = 18_091;

  beforeAll(async () => {
    fleet = await startFleet({ hosts: 1 });
    host = fleet.hosts[0]!;
    const { image } = await buildCaddyImage(host.docker);
    // From the host's own side: something listening on its loopback only.
    await host.docker.docker([
      'run',
      '--detach',
      '--publish',
      `127.0.0.1:${taken}:8080`,
      image,
      'caddy',
      'respond',
      '--listen',
      ':8080',
    ]);
    session = await SshSession.open({
      host: host.dockerHost,
      sshKey: fleet.clientKey.privateKey,
      knownHosts: fleet.knownHosts,
    });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await fleet?.stop();
  }, 60_000);

  test('the host tells a taken port from a free one, where the runner sees neither', async () => {
    const probe = probeOnHost(session);
    expect(await probe(host.address, taken)).toBe(false);
    expect(await probe(host.address, taken + 1)).toBe(true);
    // From the runner, the firewall drops both alike: no answer is not a free port.
    expect(await isFree(host.address, taken + 1)).toBe(false);
  }, 60_000);
});
