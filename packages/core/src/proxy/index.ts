export { resolveProxySpec, type ManagedProxySpec, type ProxySpecInput, type ProxyTls } from './spec.js';
export { caddyBootConfig, proxyFingerprint, ADMIN_HOST } from './caddy-config.js';
export { CaddyAdmin } from './caddy-admin.js';
export { handoverSysctls, HANDOVER_SYSCTL } from './listener-handover.js';
export {
  ensureManagedProxy,
  adminOverSsh,
  PROXY_LABELS,
  type AdminReach,
  type EnsureProxyOptions,
  type ManagedProxy,
  type ProxyBoot,
} from './managed-proxy.js';
