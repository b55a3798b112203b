export { SshSession, type SshSessionOptions } from './ssh-session.js';
export { openTunnel, withTunnel, type Tunnel, type TunnelTarget } from './tunnel.js';
