// Real HTTP(S) services on loopback for the checks tests: each behaves like one way a freshly
// deployed service can answer (or not).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { temporaryDirectory } from '../workspace/index.js';

export interface TestServer {
  url: string;
  port: number;
  /** Requests seen, in order, with the headers they carried. */
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

/**
 * Registers an afterAll that closes every server handed to the returned function, so a test
 * file can start servers in any test without closing each itself.
 */
export function closedAfterAll(): (start: Promise<TestServer>) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  return async (start) => {
    const server = await start;
    servers.push(server);
    return server;
  };
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

function listen(server: http.Server | https.Server, protocol: 'http' | 'https'): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (req: http.IncomingMessage) => {
    const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '' };
    requests.push(entry);
    req.on('data', (chunk: Buffer) => (entry.body += chunk.toString()));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${protocol}://127.0.0.1:${port}`,
        port,
        requests,
        close: () =>
          new Promise<void>((done) => {
            // Hanging requests keep sockets open; close them so the test process can end.
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function withBody(handler: Handler): http.RequestListener {
  return (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handler(req, res, body));
  };
}

export function json(res: http.ServerResponse, status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
}

export function startServer(handler: Handler): Promise<TestServer> {
  return listen(http.createServer(withBody(handler)), 'http');
}

/** A healthy service: `/healthz` answers JSON, `/echo` answers with the request it got. */
export function startHealthy(): Promise<TestServer> {
  return startServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/echo') return json(res, 200, { method: req.method, headers: req.headers, body });
    if (url.pathname === '/html') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<html><body>an error page, really</body></html>');
    }
    if (url.pathname === '/missing') return json(res, 404, { error: 'not found' });
    return json(res, 200, { status: 'ok', version: '1.2.3', db: { ok: true, latency: 3 }, features: ['a', 'b'] });
  });
}

/** Answers 503 "warming up" until `readyAfterMs` has passed since it started, then 200. */
export function startWarmingUp(readyAfterMs: number): Promise<TestServer> {
  const ready = Date.now() + readyAfterMs;
  return startServer((_req, res) => {
    if (Date.now() < ready) return json(res, 503, { status: 'warming up' });
    return json(res, 200, { status: 'ok' });
  });
}

/** Accepts connections and requests and never answers. */
export function startHanging(): Promise<TestServer> {
  return startServer(() => {});
}

/** Answers after `delayMs`. */
export function startSlow(delayMs: number): Promise<TestServer> {
  return startServer((_req, res) => {
    setTimeout(() => json(res, 200, { status: 'ok' }), delayMs);
  });
}

/**
 * `/hop/N` redirects (relative Location) to `/hop/N-1`, and `/hop/0` answers 200; `/loop`
 * redirects to itself; `/away` redirects to `target` (another origin).
 */
export function startRedirecting(target = ''): Promise<TestServer> {
  return startServer((req, res) => {
    const url = req.url ?? '/';
    const hop = /^\/hop\/(\d+)$/.exec(url);
    if (hop) {
      const left = Number(hop[1]);
      if (left === 0) return json(res, 200, { status: 'ok', arrived: true });
      res.writeHead(302, { Location: `${left - 1}` });
      return res.end();
    }
    if (url === '/loop') {
      res.writeHead(301, { Location: '/loop' });
      return res.end();
    }
    if (url === '/away') {
      res.writeHead(307, { Location: `${target}/echo` });
      return res.end();
    }
    json(res, 404, {});
  });
}

/** A port nothing listens on: bound, read, closed. */
export async function closedPort(): Promise<number> {
  const server = await startServer(() => {});
  await server.close();
  return server.port;
}

export interface SelfSigned {
  dir: string;
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

const run = promisify(execFile);

/** A self-signed certificate for 127.0.0.1, valid `days` days, made with the openssl CLI. */
export async function makeSelfSigned(days = 30): Promise<SelfSigned> {
  const dir = temporaryDirectory('paved-tls-');
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    String(days),
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  return { dir, certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

export function startHttps(tls: SelfSigned): Promise<TestServer> {
  return listen(
    https.createServer(
      { cert: tls.cert, key: tls.key },
      withBody((_req, res) => json(res, 200, { status: 'ok' })),
    ),
    'https',
  );
}
