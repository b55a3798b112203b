import { connect } from 'node:net';

/** What a TCP connect from here meets: an accept, a reset, or silence (a firewall's DROP). */
export type TcpOutcome = 'open' | 'refused' | 'dropped';

export function tcpOutcome(host: string, port: number, timeoutMs = 1_500): Promise<TcpOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (outcome: TcpOutcome): void => {
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(timeoutMs, () => done('dropped'));
    socket.once('connect', () => done('open'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? 'refused' : 'dropped'));
  });
}
