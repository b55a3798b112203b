import { request } from 'node:http';
import { UserError } from '../action/errors.js';
import { ADMIN_HOST } from './caddy-config.js';

interface AdminAnswer {
  status: number;
  body: string;
}

/**
 * Caddy's admin API where the runner can reach it (the host's admin socket forwarded into the
 * SSH session's private folder). node:http rather than fetch: the Host header must be the fixed
 * name the proxy accepts, and fetch does not let it be set. No keep-alive: a forward may be
 * cancelled between calls.
 */
export class CaddyAdmin {
  constructor(
    /** The admin socket as the runner reaches it (forwarded over SSH). */
    readonly socketPath: string,
    /** Where the admin API is, for messages: "the proxy paved-proxy on ssh://…". */
    readonly display: string,
  ) {}

  /** Whether the API answers at all (the proxy is up and listening on its socket). */
  async ready(): Promise<boolean> {
    try {
      return (await this.call('GET', '/config/')).status === 200;
    } catch {
      return false;
    }
  }

  /** The dial addresses the route sends traffic to now. */
  async upstreams(route: string): Promise<string[]> {
    const answer = await this.expect('GET', `/id/${encodeURIComponent(route)}/upstreams`);
    const upstreams = JSON.parse(answer.body || 'null') as Array<{ dial?: string }> | null;
    return (upstreams ?? []).map((upstream) => upstream.dial ?? '').filter(Boolean);
  }

  /** Sends new requests to `dial` (e.g. a release container's name:port on the shared network). */
  async switchTo(route: string, dial: string): Promise<void> {
    if (!/^[\w.-]+:\d{1,5}$/.test(dial)) throw new Error(`Upstream '${dial}' must be name:port`);
    await this.expect('PATCH', `/id/${encodeURIComponent(route)}/upstreams`, JSON.stringify([{ dial }]));
  }

  /** Sends new requests nowhere (the proxy answers 503), as before a first release. */
  async stopServing(route: string): Promise<void> {
    await this.expect('PATCH', `/id/${encodeURIComponent(route)}/upstreams`, '[]');
  }

  /**
   * Waits until the proxy has no request in flight to `dial` (Caddy's /reverse_proxy/upstreams
   * view), at most `timeoutMs`. Returns how many were still in flight when it stopped waiting.
   */
  async waitDrained(dial: string, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.expect('GET', '/reverse_proxy/upstreams');
      const hosts =
        (JSON.parse(answer.body || 'null') as Array<{ address: string; num_requests: number }> | null) ?? [];
      const inFlight = hosts.find((host) => host.address === dial)?.num_requests ?? 0;
      if (inFlight === 0 || Date.now() >= deadline || attempt > timeoutMs / 100) return inFlight;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The PEM root certificate of Caddy's internal CA (what clients trust for `tls internal`). */
  async rootCertificate(): Promise<string> {
    const answer = await this.expect('GET', '/pki/ca/local');
    const ca = JSON.parse(answer.body) as { root_certificate?: string };
    if (!ca.root_certificate) throw new Error(`${this.display} has no internal CA root`);
    return ca.root_certificate;
  }

  private async expect(method: string, path: string, body?: string): Promise<AdminAnswer> {
    const answer = await this.call(method, path, body).catch((error: Error) => {
      throw new UserError(
        `The admin API of ${this.display} did not answer (${error.message}): check that the proxy container runs`,
      );
    });
    if (answer.status === 404) {
      throw new UserError(`${this.display} has no ${path.split('/')[1] === 'id' ? `handler for ${path}` : path}`);
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw new UserError(
        `${this.display} refused ${method} ${path} (HTTP ${answer.status}): ${answer.body.slice(0, 200)}`,
      );
    }
    return answer;
  }

  private call(method: string, path: string, body?: string): Promise<AdminAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          socketPath: this.socketPath,
          path,
          method,
          agent: false,
          timeout: 10_000,
          headers: {
            host: ADMIN_HOST,
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.once('timeout', () => req.destroy(new Error('no answer in 10 s')));
      req.once('error', reject);
      req.end(body);
    });
  }
}
