import { createHash } from 'node:crypto';
import type { ManagedProxySpec } from './spec.js';

/** Where the admin socket is inside the container; the spec's adminDir is mounted there. */
export const ADMIN_DIR_IN_CONTAINER = '/run/paved-admin';
export const ADMIN_SOCKET_NAME = 'admin.sock';
/**
 * The Host header the admin API accepts. Caddy checks it against `origins` (DNS-rebinding
 * protection); a tunnel's local port changes every time, so a fixed name is sent instead.
 */
export const ADMIN_HOST = 'paved-proxy-admin';
/** The boot configuration's path inside the container. */
export const BOOT_CONFIG_PATH = '/etc/caddy/paved.json';

/**
 * Caddy's JSON configuration for a managed proxy: the admin API on a unix socket only (not on
 * any TCP port, so neither the network nor releases on the shared Docker network reach it),
 * one server with one reverse_proxy handler Paved switches by `@id`, and TLS as the spec says.
 * `persist` keeps the last switch in /config, which `caddy run --resume` loads after a restart.
 */
export function caddyBootConfig(spec: ManagedProxySpec, upstreams: readonly string[]): Record<string, unknown> {
  const handler = { '@id': spec.route, handler: 'reverse_proxy', upstreams: upstreams.map((dial) => ({ dial })) };
  const route = spec.hostname
    ? { match: [{ host: [spec.hostname] }], handle: [handler], terminal: true }
    : { handle: [handler] };
  const tls = spec.tls !== 'off';
  return {
    admin: {
      listen: `unix/${ADMIN_DIR_IN_CONTAINER}/${ADMIN_SOCKET_NAME}`,
      origins: [ADMIN_HOST],
      config: { persist: true },
    },
    apps: {
      http: {
        // Ports inside the container; the host's come from the spec's publish.
        http_port: 80,
        https_port: 443,
        servers: {
          paved: {
            listen: [tls ? ':443' : ':80'],
            routes: [route],
            ...(tls ? {} : { automatic_https: { disable: true } }),
          },
        },
      },
      ...(spec.tls === 'internal'
        ? {
            tls: { automation: { policies: [{ subjects: [spec.hostname], issuers: [{ module: 'internal' }] }] } },
            // A container has no trust store to install Caddy's root into.
            pki: { certificate_authorities: { local: { install_trust: false } } },
          }
        : {}),
    },
  };
}

/**
 * Everything about the proxy that needs a new container when it changes, except the image:
 * the boot configuration (without upstreams, which Paved changes live), how it is published,
 * and the kernel settings of its network namespace.
 */
export function proxyFingerprint(spec: ManagedProxySpec, sysctls: readonly string[] = []): string {
  const shape = {
    config: caddyBootConfig(spec, []),
    ports: [spec.httpPort, spec.httpsPort],
    network: spec.network,
    adminDir: spec.adminDir,
    ...(sysctls.length > 0 ? { sysctls } : {}),
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 12);
}
