import * as core from '@actions/core';
import { UserError } from '../action/errors.js';
import { freeLoopbackPort } from './free-port.js';
import type { SshSession } from './ssh-session.js';

/**
 * Where a tunnel leads, as the host sees it: a TCP port (its loopback, a container). A unix
 * socket is forwarded to a socket in the session's folder instead (SshSession.forwardSocket).
 */
export type TunnelTarget = { host: string; port: number };

export interface Tunnel {
  /** The port on the runner's 127.0.0.1 that leads to the target. */
  readonly localPort: number;
  /** http://127.0.0.1:<localPort> */
  readonly url: string;
  /** What it leads to, for messages: "127.0.0.1:2019 on ssh://…". */
  readonly display: string;
  /** Cancels the forward; the SSH connection stays. Idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const ATTEMPTS = 8;

/**
 * Forwards a port on the runner's loopback to `target` through the session's master
 * (`ssh -O forward -L`), so no new SSH handshake is made and nothing of the host but SSH has to
 * be reachable. OpenSSH takes no port 0 for a multiplexed local forward, so a free port is
 * picked here and the forward retried on another if something took it in between.
 */
export async function openTunnel(session: SshSession, target: TunnelTarget): Promise<Tunnel> {
  const remote = remoteSpec(target);
  const display = `${target.host}:${target.port} on ${session.display}`;
  let lastError = '';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const localPort = await freeLoopbackPort();
    const spec = `127.0.0.1:${localPort}:${remote}`;
    const result = await session.forward(spec);
    if (result.code === 0) {
      core.debug(`Tunnel 127.0.0.1:${localPort} -> ${display}`);
      let closing: Promise<void> | undefined;
      const close = (): Promise<void> => {
        closing ??= (async () => {
          // The master may already be gone with the session; then so is the forward.
          const cancelled = await session.control('cancel', '-L', spec).catch(() => undefined);
          if (cancelled && cancelled.code !== 0) core.debug(`Cancelling ${spec}: ${cancelled.stderr.trim()}`);
        })();
        return closing;
      };
      return { localPort, url: `http://127.0.0.1:${localPort}`, display, close, [Symbol.asyncDispose]: close };
    }
    lastError = result.stderr.trim();
    // Only a local port taken in between is worth another try; anything else will not change.
    if (!/forwarding failed|address already in use/i.test(lastError)) break;
  }
  throw new UserError(
    `Could not forward a local port to ${display} through the SSH connection: ${lastError || 'no answer'}. ` +
      'Check that sshd on the host allows it (AllowTcpForwarding, AllowStreamLocalForwarding).',
  );
}

/** Opens a tunnel for the length of `use`, and closes it whatever happens. */
export async function withTunnel<T>(
  session: SshSession,
  target: TunnelTarget,
  use: (tunnel: Tunnel) => Promise<T>,
): Promise<T> {
  const tunnel = await openTunnel(session, target);
  try {
    return await use(tunnel);
  } finally {
    await tunnel.close();
  }
}

function remoteSpec(target: TunnelTarget): string {
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65_535) {
    throw new Error(`Tunnel target port ${target.port} is not a TCP port`);
  }
  if (/^[\w.-]+$/.test(target.host) && !target.host.startsWith('-')) return `${target.host}:${target.port}`;
  // IPv6 in ssh's forward syntax goes in brackets.
  if (/^[0-9a-f:]+$/i.test(target.host)) return `[${target.host}]:${target.port}`;
  throw new Error(`Tunnel target host '${target.host}' is not a host name or address`);
}
