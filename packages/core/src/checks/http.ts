import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import { rootCertificates, type TLSSocket } from 'node:tls';
import { formatDuration } from '../action/index.js';
import type { Exchange } from './types.js';

export const MAX_REDIRECTS = 5;
/** Enough for any health or API answer; a larger body is cut here rather than held in memory. */
export const MAX_BODY_BYTES = 1024 * 1024;
const DAY_MS = 86_400_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Credentials a cross-origin redirect must not carry on, as browsers and fetch do. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

export type RequestErrorKind = 'timeout' | 'refused' | 'dns' | 'reset' | 'tls' | 'redirects' | 'network';

/** A request that got no usable answer; the message says why in words. */
export class RequestError extends Error {
  readonly kind: RequestErrorKind;
  constructor(kind: RequestErrorKind, message: string) {
    super(message);
    this.name = 'RequestError';
    this.kind = kind;
  }
}

export interface HttpClientOptions {
  /** Extra certificate authorities (PEM), trusted beside the system's. */
  ca?: string;
  /** False accepts any certificate, as `curl -k` does. */
  tlsVerify?: boolean;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Names what limited the timeout, for the message when it runs out. */
  timeoutReason?: string;
  followRedirects: boolean;
  /** More header names (besides Authorization and Cookie) to drop on a redirect to another origin. */
  privateHeaders?: string[];
}

interface Hop {
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
  tlsDaysLeft?: number;
}

/**
 * A small HTTP(S) client on Node's own modules: keep-alive agents shared by every check of a
 * suite, one timeout over the whole exchange (redirects included) so a hanging server cannot
 * hold a check past it, and the peer certificate read on the way for tls-min-days.
 */
export class HttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(options: HttpClientOptions = {}) {
    this.httpAgent = new http.Agent({ keepAlive: true });
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      rejectUnauthorized: options.tlsVerify ?? true,
      // Node's `ca` replaces the default roots; keep them so the extra CA only adds trust.
      ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
    });
  }

  async exchange(request: HttpRequest): Promise<Exchange> {
    const started = performance.now();
    const deadline = started + request.timeoutMs;
    const timedOut = () =>
      new RequestError(
        'timeout',
        `no complete answer within ${formatDuration(request.timeoutMs)}${request.timeoutReason ? ` (${request.timeoutReason})` : ''}`,
      );
    let url = new URL(request.url);
    let method = request.method;
    let body = request.body;
    let headers = { ...request.headers };
    let tlsDaysLeft: number | undefined;
    for (let redirects = 0; ; redirects++) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw timedOut();
      const hop = await this.send(method, url, headers, body, remaining, timedOut);
      if (hop.tlsDaysLeft !== undefined) tlsDaysLeft = Math.min(tlsDaysLeft ?? Infinity, hop.tlsDaysLeft);
      const location = hop.headers.location;
      if (request.followRedirects && REDIRECTS.has(hop.status) && location) {
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new RequestError('redirects', `redirect ${hop.status} to an invalid Location: ${location}`);
        }
        if (redirects >= MAX_REDIRECTS) {
          throw new RequestError('redirects', `more than ${MAX_REDIRECTS} redirects (the last one to ${next.href})`);
        }
        if (next.origin !== url.origin) headers = withoutPrivate(headers, request.privateHeaders ?? []);
        // 303 always, and 301/302 after a POST, turn into a GET without a body, as browsers do.
        if ((hop.status === 303 && method !== 'HEAD') || ([301, 302].includes(hop.status) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          headers = Object.fromEntries(
            Object.entries(headers).filter(
              ([name]) => !['content-type', 'content-length'].includes(name.toLowerCase()),
            ),
          );
        }
        url = next;
        continue;
      }
      return {
        url: url.href,
        status: hop.status,
        headers: hop.headers,
        body: hop.body,
        truncated: hop.truncated,
        latencyMs: performance.now() - started,
        redirects,
        ...(tlsDaysLeft !== undefined ? { tlsDaysLeft } : {}),
      };
    }
  }

  private send(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    timeoutMs: number,
    timedOut: () => RequestError,
  ): Promise<Hop> {
    return new Promise((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const sent = body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
      const request = (secure ? https : http).request(url, {
        method,
        headers: sent,
        agent: secure ? this.httpsAgent : this.httpAgent,
      });
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const timer = setTimeout(() => {
        settle(() => reject(timedOut()));
        request.destroy();
      }, timeoutMs);
      request.on('error', (error) => settle(() => reject(describeError(error, url))));
      request.on('response', (response) => {
        const tlsDaysLeft = secure ? daysLeft(response.socket as TLSSocket) : undefined;
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = (truncated: boolean) =>
          settle(() =>
            resolve({
              status: response.statusCode ?? 0,
              headers: flatten(response.headers),
              body: Buffer.concat(chunks).toString('utf8'),
              truncated,
              ...(tlsDaysLeft !== undefined ? { tlsDaysLeft } : {}),
            }),
          );
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_BODY_BYTES) {
            finish(true);
            request.destroy();
          }
        });
        response.on('end', () => finish(false));
        response.on('error', (error) => settle(() => reject(describeError(error, url))));
        // Closed before the whole body came: the server died mid-answer.
        response.on('close', () => {
          if (!response.complete) {
            settle(() =>
              reject(new RequestError('reset', `${url.host} closed the connection before the whole body came`)),
            );
          }
        });
      });
      request.end(body);
    });
  }

  /** Closes the kept-alive connections, so nothing holds the process open. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function daysLeft(socket: TLSSocket): number | undefined {
  const certificate = socket.getPeerCertificate?.();
  const validTo = certificate?.valid_to ? Date.parse(certificate.valid_to) : NaN;
  return Number.isNaN(validTo) ? undefined : (validTo - Date.now()) / DAY_MS;
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function withoutPrivate(headers: Record<string, string>, extra: string[]): Record<string, string> {
  const drop = new Set([...CREDENTIAL_HEADERS, ...extra.map((name) => name.toLowerCase())]);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !drop.has(name.toLowerCase())));
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

/** Turns a socket error into a sentence that says what happened and, when it helps, what to do. */
export function describeError(error: unknown, url: URL): RequestError {
  if (error instanceof RequestError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const host = url.host;
  if (code === 'ECONNREFUSED') return new RequestError('refused', `connection refused by ${host} (nothing listening)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new RequestError('dns', `host not found: ${url.hostname}`);
  if (code === 'ECONNRESET' || message === 'socket hang up') {
    return new RequestError('reset', `${host} closed the connection before answering`);
  }
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
    return new RequestError(
      'tls',
      `TLS certificate of ${host} not accepted (${code}: ${message}); pass its CA in the ca input, or set tls-verify: false`,
    );
  }
  return new RequestError('network', `${message}${code && !message.includes(code) ? ` (${code})` : ''}`);
}
