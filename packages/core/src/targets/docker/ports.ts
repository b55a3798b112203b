import { connect } from 'node:net';
import { UserError } from '../../action/errors.js';
import { withTunnel, type SshSession } from '../../remote/index.js';

/** Host ports handed to releases behind a proxy; outside Linux's ephemeral range (32768+). */
export const RELEASE_PORTS = { from: 20_000, to: 29_999 } as const;

/**
 * A host port for a new release behind the proxy: not claimed by any Paved container on the
 * host (running or retained, so a retained release can start again on its own port), and
 * refusing connections from here (nothing else listens there).
 */
export async function choosePort(
  claimed: ReadonlySet<number>,
  address: string,
  random: () => number = Math.random,
  probe: (address: string, port: number) => Promise<boolean> = isFree,
): Promise<number> {
  const span = RELEASE_PORTS.to - RELEASE_PORTS.from + 1;
  for (let attempt = 0; attempt < 25; attempt++) {
    const port = RELEASE_PORTS.from + Math.floor(random() * span);
    if (claimed.has(port)) continue;
    if (await probe(address, port)) return port;
  }
  throw new UserError(
    `Found no free port from ${RELEASE_PORTS.from} to ${RELEASE_PORTS.to} on ${address} after 25 tries: ` +
      'remove old containers or lower retain',
  );
}

/** What a TCP connection to a port met: a listener, a refusal, or silence (a firewall dropping it). */
export type PortAnswer = 'open' | 'refused' | 'silent';

export function knockOn(address: string, port: number, timeoutMs = 1_000): Promise<PortAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const done = (answer: PortAnswer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done('silent'));
    socket.once('connect', () => done('open'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? 'refused' : 'silent'));
  });
}

/** Free means the connection is refused; anything answering, or silence, means taken. */
export async function isFree(address: string, port: number): Promise<boolean> {
  return (await knockOn(address, port)) === 'refused';
}

/**
 * A port probe run on the host, for a host reached over SSH whose ports the runner cannot see:
 * through a tunnel to the host's loopback, a port nothing listens on makes sshd refuse the
 * channel, so the tunnel closes the connection at once; a listener keeps it open (or answers).
 */
export function probeOnHost(session: SshSession): (address: string, port: number) => Promise<boolean> {
  return (_address, port) =>
    withTunnel(session, { host: '127.0.0.1', port }, (tunnel) => closesAtOnce(tunnel.localPort));
}

function closesAtOnce(localPort: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: localPort });
    const done = (free: boolean) => {
      socket.destroy();
      resolve(free);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('data', () => done(false));
    socket.once('close', () => done(true));
    socket.once('error', () => done(true));
  });
}
