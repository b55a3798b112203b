import { UserError } from '../action/errors.js';

/** How the proxy serves the site: ACME certificates, Caddy's own CA (tests, private sites), or plain HTTP. */
export type ProxyTls = 'auto' | 'internal' | 'off';

/** A proxy Paved runs on a host, as the configuration asks for it. */
export interface ManagedProxySpec {
  /** Pinned by digest: repository[:tag]@sha256:<64 hex>. */
  image: string;
  /** Container name; default paved-proxy. */
  name: string;
  /** Docker bridge network shared with releases; default paved. */
  network: string;
  /** Host ports published on every interface: the only public ones. Default 80 and 443. */
  httpPort: number;
  httpsPort: number;
  /** The site's host name (the environment's url host); needed for TLS. */
  hostname?: string;
  tls: ProxyTls;
  /** Folder on the host holding the admin API's unix socket; default /run/paved-proxy. */
  adminDir: string;
  /** `@id` of the reverse_proxy handler Paved switches; default paved-upstream. */
  route: string;
}

export interface ProxySpecInput {
  image?: string;
  name?: string;
  network?: string;
  httpPort?: number;
  httpsPort?: number;
  hostname?: string;
  tls?: ProxyTls;
  adminDir?: string;
  route?: string;
}

const PINNED_IMAGE = /^[a-z0-9][A-Za-z0-9._:/-]*@sha256:[a-f0-9]{64}$/;
const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Validates what the configuration says about the proxy and fills in the defaults. Every
 * error names the key (under `keyPrefix`) and the form expected, before anything changes on a host.
 */
export function resolveProxySpec(input: ProxySpecInput, keyPrefix = 'proxy'): ManagedProxySpec {
  const key = (name: string) => `${keyPrefix}.${name}`;
  const image = input.image?.trim() ?? '';
  if (!PINNED_IMAGE.test(image) || image.includes('..')) {
    throw new UserError(
      `${key('image')} must name the proxy image pinned by digest, e.g. caddy@sha256:<64 hex digits>` +
        (image ? `, not '${image}'` : '') +
        ': a tag can move, and every host must run the same proxy',
    );
  }
  const name = input.name ?? 'paved-proxy';
  const network = input.network ?? 'paved';
  for (const [field, value] of [
    ['name', name],
    ['network', network],
  ] as const) {
    if (!DOCKER_NAME.test(value)) {
      throw new UserError(`${key(field)} must be a Docker name (letters, digits, '_', '.', '-'), not '${value}'`);
    }
  }
  const httpPort = port(input.httpPort ?? 80, key('http-port'));
  const httpsPort = port(input.httpsPort ?? 443, key('https-port'));
  if (httpPort === httpsPort) throw new UserError(`${key('http-port')} and ${key('https-port')} must differ`);
  const hostname = input.hostname?.trim().toLowerCase() || undefined;
  if (hostname !== undefined && !HOSTNAME.test(hostname)) {
    throw new UserError(`${key('hostname')} must be a DNS name such as app.example.com, not '${input.hostname}'`);
  }
  const tls = input.tls ?? (hostname ? 'auto' : 'off');
  if (!['auto', 'internal', 'off'].includes(tls)) {
    throw new UserError(`${key('tls')} must be auto, internal or off, not '${String(tls)}'`);
  }
  if (tls !== 'off' && !hostname) {
    throw new UserError(`${key('tls')} ${tls} needs ${key('hostname')}: a certificate is for a host name`);
  }
  const adminDir = input.adminDir ?? '/run/paved-proxy';
  if (!/^\/[\w./-]+$/.test(adminDir) || adminDir.includes('..') || adminDir.length > 80) {
    throw new UserError(`${key('admin-dir')} must be a short absolute plain path on the host, not '${adminDir}'`);
  }
  const route = input.route ?? 'paved-upstream';
  if (!/^[\w.-]{1,64}$/.test(route)) throw new UserError(`${key('route')} must be a plain @id, not '${route}'`);
  return { image, name, network, httpPort, httpsPort, hostname, tls, adminDir, route };
}

function port(value: number, key: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new UserError(`${key} must be a TCP port from 1 to 65535, not ${value}`);
  }
  return value;
}
