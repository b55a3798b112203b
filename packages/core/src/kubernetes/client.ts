import * as core from '@actions/core';
import { Agent, request } from 'node:https';
import {
  KubernetesApiError,
  KubernetesConflictError,
  KubernetesForbiddenError,
  KubernetesNotFoundError,
  KubernetesUnavailableError,
  type ApiStatus,
} from './errors.js';
import type { KubeConnection } from './kubeconfig.js';

export type PatchType = 'merge' | 'strategic' | 'json';

const CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

export interface KubeClientOptions {
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Retries of a read (or of a write that never reached the server) on connection errors, 429 and 5xx; default 3. */
  retries?: number;
  /** First back-off delay, doubled each retry; default 250 ms. */
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions {
  body?: unknown;
  patchType?: PatchType;
  /** Describes the object for a 404, e.g. "Deployment 'web' in namespace 'shop'". */
  what?: string;
  /** Statuses returned instead of thrown (e.g. 404 when absence is an answer). */
  accept?: readonly number[];
}

export interface KubeResponse<T> {
  status: number;
  body: T;
}

/** One event of a watch stream: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR (then `object` is a Status). */
export interface WatchEvent<T> {
  type: string;
  object: T;
}

/** How a watch ended: `stopped` by its handler or signal, `ended` by the server (timeoutSeconds, a restart). */
export type WatchEnd = 'stopped' | 'ended';

/**
 * A small JSON client for the Kubernetes API over node:https: it pins the kubeconfig's CA,
 * presents its client certificate or token, retries what is safe to retry, and turns the
 * server's Status answers into errors that name the problem. Counts requests for the benchmark.
 */
export class KubeClient {
  readonly server: string;
  private readonly agent: Agent;
  private readonly url: URL;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private count = 0;

  constructor(
    private readonly connection: KubeConnection,
    options: KubeClientOptions = {},
  ) {
    for (const secret of connection.secrets) core.setSecret(secret);
    this.server = connection.server;
    this.url = new URL(connection.server);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 250;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 4,
      ca: connection.caPem,
      cert: connection.clientCertPem,
      key: connection.clientKeyPem,
      rejectUnauthorized: !connection.insecureSkipTlsVerify,
      servername: connection.tlsServerName,
    });
  }

  /** Requests sent so far, retries included. */
  get requestCount(): number {
    return this.count;
  }

  async request<T>(method: string, apiPath: string, options: RequestOptions = {}): Promise<KubeResponse<T>> {
    const idempotent = method === 'GET' || method === 'HEAD';
    let lastProblem = '';
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await this.sleep(this.retryDelayMs * 2 ** (attempt - 1));
      let response: { status: number; text: string };
      try {
        response = await this.send(method, apiPath, options);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        lastProblem = String(code);
        core.debug(`${method} ${apiPath}: ${lastProblem} (attempt ${attempt + 1})`);
        // A write whose connection was refused never arrived; any other failure may have landed.
        if (idempotent || code === 'ECONNREFUSED') continue;
        throw new KubernetesUnavailableError(this.server, `${method} ${apiPath} failed: ${lastProblem}`);
      }
      if ((response.status >= 500 || response.status === 429) && idempotent) {
        lastProblem = `HTTP ${response.status}`;
        continue;
      }
      const body = parseJson(response.text);
      if (response.status < 400 || options.accept?.includes(response.status)) {
        return { status: response.status, body: body as T };
      }
      throw this.failure(response.status, body, response.text, options.what ?? `${method} ${apiPath}`);
    }
    throw new KubernetesUnavailableError(this.server, `${lastProblem} after ${this.retries + 1} attempts`);
  }

  async get<T>(apiPath: string, what?: string): Promise<T> {
    return (await this.request<T>('GET', apiPath, { what })).body;
  }

  /**
   * Streams a watch (`?watch=1`, one JSON event per line) until `onEvent` returns true, the
   * signal aborts or the server ends it. One request, whatever the number of events. A refusal
   * (403 for a Role without the watch verb, 410 for a resourceVersion too old) throws as any
   * request does, so the caller can fall back to reading.
   */
  async watch<T>(
    apiPath: string,
    onEvent: (event: WatchEvent<T>) => boolean,
    options: { signal?: AbortSignal; what?: string } = {},
  ): Promise<WatchEnd> {
    this.count++;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'paved' };
    if (this.connection.token) headers.authorization = `Bearer ${this.connection.token}`;
    const { signal } = options;
    if (signal?.aborted) return 'stopped';
    return new Promise<WatchEnd>((resolve, reject) => {
      let settled = false;
      const finish = (end: WatchEnd | Error) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        req.destroy();
        if (end instanceof Error) reject(end);
        else resolve(end);
      };
      const onAbort = () => finish('stopped');
      const req = request(
        {
          host: this.url.hostname.replace(/^\[|\]$/g, ''),
          port: this.url.port || 443,
          path: `${this.url.pathname.replace(/\/$/, '')}${apiPath}`,
          method: 'GET',
          headers,
          // Its socket is destroyed at the end, never returned to the keep-alive pool half-read.
          agent: this.agent,
          timeout: this.timeoutMs,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 300) {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              finish(this.failure(status, parseJson(text), text, options.what ?? `watch ${apiPath}`));
            });
            return;
          }
          let buffered = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffered += chunk;
            let newline: number;
            while (!settled && (newline = buffered.indexOf('\n')) >= 0) {
              const line = buffered.slice(0, newline).trim();
              buffered = buffered.slice(newline + 1);
              if (!line) continue;
              const event = parseJson(line) as WatchEvent<T> | string;
              if (typeof event !== 'object' || event === null || typeof event.type !== 'string') continue;
              let stop: boolean;
              try {
                stop = onEvent(event);
              } catch (error) {
                finish(error as Error);
                return;
              }
              if (stop) finish('stopped');
            }
          });
          // A server that goes away mid-stream ends the watch; the read that follows finds out why.
          res.on('end', () => finish('ended'));
          res.on('error', () => finish('ended'));
          res.on('close', () => finish('ended'));
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      // Idle for the client's timeout: ended, and the caller reads again.
      req.on('timeout', () => finish('ended'));
      req.on('error', (error) => {
        const code = (error as NodeJS.ErrnoException).code ?? error.message;
        finish(new KubernetesUnavailableError(this.server, `watch ${apiPath} failed: ${code}`));
      });
      req.end();
    });
  }

  /** Closes idle keep-alive sockets so the process can exit. */
  close(): void {
    this.agent.destroy();
  }

  private send(method: string, apiPath: string, options: RequestOptions): Promise<{ status: number; text: string }> {
    this.count++;
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'paved' };
    if (payload) {
      headers['content-type'] = method === 'PATCH' ? CONTENT_TYPES[options.patchType ?? 'merge'] : 'application/json';
      headers['content-length'] = String(payload.length);
    }
    if (this.connection.token) headers.authorization = `Bearer ${this.connection.token}`;
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.url.hostname.replace(/^\[|\]$/g, ''),
          port: this.url.port || 443,
          path: `${this.url.pathname.replace(/\/$/, '')}${apiPath}`,
          method,
          headers,
          agent: this.agent,
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end(payload);
    });
  }

  private failure(status: number, body: unknown, text: string, what: string): Error {
    const apiStatus: ApiStatus = {
      code: status,
      reason: field(body, 'reason') ?? '',
      message: field(body, 'message') ?? text.slice(0, 300),
    };
    if (status === 401) {
      return new KubernetesApiError(
        `The Kubernetes API server ${this.server} rejected the kubeconfig's credentials (401 Unauthorized): ` +
          'the token or client certificate is not valid for this cluster, or has expired',
        apiStatus,
      );
    }
    if (status === 403) return new KubernetesForbiddenError(apiStatus);
    if (status === 404) return new KubernetesNotFoundError(what, apiStatus);
    if (status === 409) return new KubernetesConflictError(apiStatus);
    return new KubernetesApiError(`${what}: the Kubernetes API answered ${status}: ${apiStatus.message}`, apiStatus);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
