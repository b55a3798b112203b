import { hostsPerBatch } from '../../src/config/fleet.js';
import { resolveFleet } from '../../src/config/fleet.js';

const WHERE = 'paved.yml environments.production';
const line = (host: string) =>
  `${host} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl`;
const hosts = ['10.0.0.2', '10.0.0.3', '10.0.0.4'].map((a) => ({ host: `ssh://root@${a}`, 'known-hosts': line(a) }));
const proxy = { image: `caddy@sha256:${'a'.repeat(64)}` };

describe('resolveFleet', () => {
  it('is undefined for a single host and refuses a batch without hosts', () => {
    expect(resolveFleet({ host: 'ssh://root@10.0.0.2' }, WHERE)).toBeUndefined();
    expect(() => resolveFleet({ batch: 2 }, WHERE)).toThrow(`${WHERE}.batch needs ${WHERE}.hosts`);
  });

  it('keeps the hosts in order with their own lines, batch 1 and no pause by default', () => {
    expect(resolveFleet({ hosts, proxy }, WHERE)).toEqual({
      hosts: hosts.map((h) => ({ host: h.host, knownHosts: h['known-hosts'], proxyAdminDir: undefined })),
      batch: { count: 1 },
      batchPauseMs: 0,
    });
    expect(resolveFleet({ hosts, proxy, batch: '50%', 'batch-pause': '5s' }, WHERE)).toMatchObject({
      batch: { percent: 50 },
      batchPauseMs: 5_000,
    });
  });

  it.each([
    [
      'a host listed twice',
      { hosts: [hosts[0]!, { ...hosts[0]!, host: 'ssh://root@10.0.0.2:22' }], proxy },
      `${WHERE}.hosts[1].host lists ssh://root@10.0.0.2:22 again (already ${WHERE}.hosts[0])`,
    ],
    [
      'a host without known-hosts',
      { hosts: [hosts[0]!, { host: 'ssh://root@10.0.0.9' }], proxy },
      `${WHERE}.hosts[1].known-hosts is missing for ssh://root@10.0.0.9`,
    ],
    [
      'batch over 100 %',
      { hosts, proxy, batch: '101%' },
      `${WHERE}.batch must be a percentage from 1% to 100%, got 101%`,
    ],
    ['batch 0', { hosts, proxy, batch: 0 }, `${WHERE}.batch must be a number of hosts (1 or more)`],
    ['no managed proxy', { hosts }, `${WHERE}.hosts needs ${WHERE}.proxy`],
    ['host and hosts', { hosts, proxy, host: 'ssh://root@10.0.0.2' }, `${WHERE} gives both host and hosts`],
  ])('refuses %s, naming the key', (_, settings, message) => {
    expect(() => resolveFleet(settings, WHERE)).toThrow(message);
  });

  it('sizes batches as counts or shares of the fleet, at least one host and at most all', () => {
    expect(hostsPerBatch({ count: 1 }, 3)).toBe(1);
    expect(hostsPerBatch({ count: 5 }, 3)).toBe(3);
    expect(hostsPerBatch({ percent: 50 }, 3)).toBe(2);
    expect(hostsPerBatch({ percent: 1 }, 3)).toBe(1);
    expect(hostsPerBatch({ percent: 100 }, 3)).toBe(3);
  });
});
