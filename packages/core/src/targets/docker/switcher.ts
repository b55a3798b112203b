import type { ManagedProxy } from '../../proxy/index.js';
import { CaddyProxy } from './proxy.js';

/** The proxy in front of a host's releases, as the docker target switches it. */
export interface Switcher {
  /** managed: Paved's own proxy on the host's `paved` network; existing: a Caddy at proxy-url. */
  readonly kind: 'managed' | 'existing';
  upstreams(): Promise<string[]>;
  switchTo(dial: string): Promise<void>;
  /** Takes every upstream away: the state before a first release. */
  stopServing(): Promise<void>;
  waitDrained(dial: string, timeoutMs: number): Promise<number>;
}

/** An existing Caddy whose admin API the runner reaches at proxy-url (the explicit, older setup). */
export function existingCaddy(adminUrl: string, route: string): Switcher {
  const caddy = new CaddyProxy(adminUrl, route);
  return {
    kind: 'existing',
    upstreams: () => caddy.upstreams(),
    switchTo: (dial) => caddy.switchTo(dial),
    stopServing: () => caddy.stopServing(),
    waitDrained: (dial, timeoutMs) => caddy.waitDrained(dial, timeoutMs),
  };
}

/** The proxy Paved runs on the host: each call opens the admin socket's tunnel and closes it. */
export function managedCaddy(proxy: ManagedProxy): Switcher {
  const route = proxy.spec.route;
  return {
    kind: 'managed',
    upstreams: () => proxy.withAdmin((admin) => admin.upstreams(route)),
    switchTo: (dial) => proxy.withAdmin((admin) => admin.switchTo(route, dial)),
    stopServing: () => proxy.withAdmin((admin) => admin.stopServing(route)),
    waitDrained: (dial, timeoutMs) => proxy.withAdmin((admin) => admin.waitDrained(dial, timeoutMs)),
  };
}
