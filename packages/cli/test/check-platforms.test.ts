// paved check against real platforms: an SSH server's host key checked against the pin in
// paved.yml, and a Prometheus answering (or refusing) the SLO file's queries.
import { describeWithStack, startStack, type Stack } from '@paved/stack';
import { parseSloFile } from '@paved/core/gate';
import type { PavedConfig } from '@paved/core/config';
import { hostCheck, prometheusCheck } from '../src/check/platforms.js';

describeWithStack('paved check: platforms', ['ssh', 'prometheus'], () => {
  let stack: Stack<'ssh' | 'prometheus'>;
  beforeAll(async () => {
    stack = await startStack({ services: ['ssh', 'prometheus'] });
  });
  afterAll(() => stack?.stop());

  const config = (knownHosts?: string): PavedConfig => ({
    file: '.github/paved.yml',
    defaults: {},
    environments: {
      staging: { host: `ssh://${stack.ssh.user}@127.0.0.1:${stack.ssh.port}`, 'known-hosts': knownHosts },
    },
  });

  it('accepts a host offering the pinned key and refuses a stale pin or none', async () => {
    expect(await hostCheck({ config: config(stack.ssh.knownHostsLine) })).toEqual([
      expect.objectContaining({ severity: 'ok', message: expect.stringContaining('offers a pinned host key') }),
    ]);
    const stale = `[127.0.0.1]:${stack.ssh.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl`;
    expect(await hostCheck({ config: config(stale) })).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('offers no key listed') }),
    ]);
    expect(await hostCheck({ config: config() })).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('PAVED_KNOWN_HOSTS') }),
    ]);
  });

  it('runs every SLO query per environment and names the one Prometheus refuses', async () => {
    const slo = parseSloFile(
      [
        'objectives:',
        '  - name: up',
        '    query: sum(up{environment="${environment}"}) or vector(1)',
        '    direction: higher',
        '    min: 1',
        '  - name: broken',
        '    query: sum(rate(x[5s])',
        '    direction: lower',
        '    max: 1',
      ].join('\n'),
      'slo.yml',
    );
    const findings = await prometheusCheck({ config: config(), slo, prometheusUrl: stack.prometheus.url });
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'ok', subject: 'Prometheus: up (staging)' }),
      expect.objectContaining({ severity: 'error', subject: 'Prometheus: broken (staging)' }),
    ]);
  });
});
