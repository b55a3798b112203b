import { PlatformError, UserError } from '../../action/errors.js';

/**
 * The proxy in front of a service: Caddy, switched live through its admin API. A change is a
 * graceful reload: requests in flight finish where they are, idle keep-alive connections are
 * closed (clients reconnect, resending an idempotent request that met the close). The admin URL
 * is reached from where the action runs (for an ssh:// host, its address); the dial addresses are
 * from Caddy's side, on the Docker host.
 */
export class CaddyProxy {
  constructor(
    readonly adminUrl: string,
    readonly route: string,
  ) {}

  private get upstreamsUrl(): string {
    return `${this.adminUrl.replace(/\/$/, '')}/id/${encodeURIComponent(this.route)}/upstreams`;
  }

  /** The dial addresses the route sends traffic to now. */
  async upstreams(): Promise<string[]> {
    const response = await this.request(this.upstreamsUrl, { method: 'GET' });
    const body = (await response.json()) as Array<{ dial?: string }> | null;
    return (body ?? []).map((upstream) => upstream.dial ?? '').filter(Boolean);
  }

  /** Sends all new requests to `dial`; requests already in flight finish where they are. */
  async switchTo(dial: string): Promise<void> {
    await this.setUpstreams([{ dial }]);
  }

  /** Sends new requests nowhere (the proxy answers 503), as before a first release. */
  async stopServing(): Promise<void> {
    await this.setUpstreams([]);
  }

  private async setUpstreams(upstreams: Array<{ dial: string }>): Promise<void> {
    await this.request(this.upstreamsUrl, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(upstreams),
    });
  }

  /**
   * Waits until Caddy has no request in flight to `dial` (its `/reverse_proxy/upstreams` view),
   * at most `timeoutMs`. Returns how many were still in flight when it stopped waiting.
   */
  async waitDrained(dial: string, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let inFlight = 0;
    for (;;) {
      const response = await this.request(`${this.adminUrl.replace(/\/$/, '')}/reverse_proxy/upstreams`, {
        method: 'GET',
      });
      const hosts = ((await response.json()) as Array<{ address: string; num_requests: number }> | null) ?? [];
      inFlight = hosts.find((host) => host.address === dial)?.num_requests ?? 0;
      if (inFlight === 0 || Date.now() >= deadline) return inFlight;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(0, deadline - Date.now()))));
    }
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new PlatformError(
        'Caddy',
        `The proxy admin API at ${this.adminUrl} did not answer (${(error as Error).cause ?? (error as Error).message}): ` +
          'check proxy-url, and that the runner can reach it',
      );
    }
    if (response.status === 404 || (response.status === 500 && init.method !== 'PATCH')) {
      throw new UserError(
        `The proxy at ${this.adminUrl} has no handler with @id '${this.route}': give its reverse_proxy handler ` +
          `"@id": "${this.route}", or set proxy-route to the @id it has`,
      );
    }
    if (!response.ok) {
      throw new PlatformError(
        'Caddy',
        `The proxy at ${this.adminUrl} refused ${init.method} ${url} (HTTP ${response.status}): ${(await response.text()).slice(0, 200)}`,
      );
    }
    return response;
  }
}
