import { UPLINK, type HostNamespace } from './namespace.js';

const CHAIN = 'PAVED-FIREWALL';

/**
 * What a cloud security group does in front of a host: from outside, only the listed TCP ports
 * open new connections; replies to the host's own connections (registry pulls) pass.
 *
 * The rules sit in mangle PREROUTING, before Docker's DNAT: a port Docker publishes is
 * forwarded to the container and never crosses filter INPUT, which is why a ufw-style INPUT
 * rule does not protect it. Docker does not touch this chain, so the rules hold whatever the
 * engine adds later.
 */
export async function installFirewall(host: HostNamespace, allowedTcpPorts: readonly number[]): Promise<void> {
  const ports = [...new Set(allowedTcpPorts)];
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new Error(`Firewall port ${port} is not a TCP port`);
  }
  const iptables = (args: string[]) => host.exec('iptables', ['-w', '-t', 'mangle', ...args], { timeoutMs: 15_000 });
  await iptables(['-N', CHAIN]);
  await iptables(['-A', CHAIN, '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'RETURN']);
  // multiport takes at most 15 ports per rule.
  for (let start = 0; start < ports.length; start += 15) {
    const batch = ports.slice(start, start + 15).join(',');
    await iptables(['-A', CHAIN, '-p', 'tcp', '-m', 'multiport', '--dports', batch, '-j', 'RETURN']);
  }
  await iptables(['-A', CHAIN, '-j', 'DROP']);
  await iptables(['-A', 'PREROUTING', '-i', UPLINK, '-j', CHAIN]);
}
