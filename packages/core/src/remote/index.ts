export { SshSession, type ForwardedSocket, type SshSessionOptions } from './ssh-session.js';
export { openTunnel, withTunnel, type Tunnel, type TunnelTarget } from './tunnel.js';
export { freeLoopbackPort } from './free-port.js';
export { SshError, type SshFailure } from './ssh-error.js';
