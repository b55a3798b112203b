// Real registry-side helpers for the build-image tests: ask the registry what a tag points at,
// read blobs, run a registry that demands a password, and a proxy that injects 503/429.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MANIFEST_ACCEPT } from '@paved/core';
import { temporaryDirectory } from '../workspace/index.js';

/** `Docker-Content-Digest` of GET /v2/<repo>/manifests/<reference>, with the Accept headers a client sends. */
export async function registryDigest(
  address: string,
  repository: string,
  reference: string,
  auth?: { username: string; password: string },
): Promise<string> {
  const authorization = auth
    ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
    : undefined;
  const response = await fetch(`http://${address}/v2/${repository}/manifests/${reference}`, {
    headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) },
    signal: AbortSignal.timeout(5_000),
  });
  await response.arrayBuffer();
  const digest = response.headers.get('docker-content-digest');
  if (!response.ok || !digest) throw new Error(`${address}/${repository}:${reference}: HTTP ${response.status}`);
  return digest;
}

/** The registry's tag list for a repository (empty when the repository does not exist). */
export async function registryTags(
  address: string,
  repository: string,
  auth?: { username: string; password: string },
): Promise<string[]> {
  const authorization = auth
    ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
    : undefined;
  const response = await fetch(`http://${address}/v2/${repository}/tags/list`, {
    headers: authorization ? { authorization } : {},
    signal: AbortSignal.timeout(5_000),
  });
  if (response.status === 404) {
    await response.arrayBuffer();
    return [];
  }
  const body = (await response.json()) as { tags?: string[] | null };
  return body.tags ?? [];
}

/** Every byte the registry holds for an image: manifest, config (with its history) and unpacked layers. */
export async function imageBytes(address: string, repository: string, reference: string): Promise<Buffer> {
  const get = async (what: string, accept?: string) => {
    const response = await fetch(`http://${address}/v2/${repository}/${what}`, {
      headers: accept ? { accept } : {},
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`GET ${what}: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  };
  const manifestBytes = await get(`manifests/${reference}`, MANIFEST_ACCEPT);
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as {
    config: { digest: string };
    layers: { digest: string; mediaType: string }[];
  };
  const parts = [manifestBytes, await get(`blobs/${manifest.config.digest}`)];
  for (const layer of manifest.layers) {
    const blob = await get(`blobs/${layer.digest}`);
    parts.push(layer.mediaType.includes('gzip') ? gunzipSync(blob) : blob);
  }
  return Buffer.concat(parts);
}

export interface AuthRegistry {
  address: string;
  stop(): Promise<void>;
}

/**
 * A Distribution registry that wants `user`/`password` (htpasswd auth). The bcrypt hash comes
 * from libc's crypt(3) through perl (perl-base is on every Debian), so no npm package is needed.
 */
export async function startAuthRegistry(user: string, password: string): Promise<AuthRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-auth-registry-'));
  const salt = Array.from(
    { length: 22 },
    () => './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 64)],
  ).join('');
  const hash = execFileSync('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', password, `$2b$05$${salt}`], {
    encoding: 'utf8',
  });
  if (!hash.startsWith('$2b$')) throw new Error(`crypt(3) made no bcrypt hash: ${hash}`);
  writeFileSync(path.join(dir, 'htpasswd'), `${user}:${hash}\n`);
  mkdirSync(path.join(dir, 'data'));
  const port = await freeLoopbackPort();
  const address = `127.0.0.1:${port}`;
  writeFileSync(
    path.join(dir, 'config.yml'),
    JSON.stringify({
      version: 0.1,
      log: { level: 'warn' },
      storage: { filesystem: { rootdirectory: path.join(dir, 'data') } },
      http: { addr: address },
      auth: { htpasswd: { realm: 'paved-test', path: path.join(dir, 'htpasswd') } },
    }),
  );
  const child = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i += 1) {
    const status = await fetch(`http://${address}/v2/`, { signal: AbortSignal.timeout(1_000) }).then(
      async (r) => (await r.arrayBuffer(), r.status),
      () => 0,
    );
    if (status === 401) return { address, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error('docker-registry with htpasswd auth did not come up in 10 s');
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export interface FaultProxy {
  address: string;
  /** Requests answered with a fault, in order: `503 PUT /v2/x/manifests/tag`. */
  faults: string[];
  requests: string[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of a registry that answers the given statuses to the first requests
 * matching `match` (one status per request), then forwards everything. 429 carries the
 * registry's own TOOMANYREQUESTS error body, as Docker Hub and GHCR send it.
 */
export async function startFaultProxy(target: string, statuses: number[], match: RegExp): Promise<FaultProxy> {
  const pending = [...statuses];
  const faults: string[] = [];
  const requests: string[] = [];
  const [targetHost, targetPort] = target.split(':');
  const server = http.createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    requests.push(line);
    if (match.test(line) && pending.length > 0) {
      const status = pending.shift()!;
      faults.push(`${status} ${line}`);
      req.resume();
      const body =
        status === 429
          ? JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'rate limit exceeded' }] })
          : 'upstream unavailable';
      res.writeHead(status, { 'content-type': status === 429 ? 'application/json' : 'text/plain' });
      res.end(body);
      return;
    }
    const upstream = http.request(
      { host: targetHost, port: Number(targetPort), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function freeLoopbackPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A tiny image with a shell (dash and the libraries `ldd` lists, about 2 MB), for RUN steps:
 * nothing can be pulled here, and FROM scratch has no shell.
 */
export function shellBaseContext(): string {
  const dir = temporaryDirectory('paved-shell-base-');
  const dash = '/bin/dash';
  const libraries = execFileSync('ldd', [dash], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /(\/\S+)\s+\(0x/.exec(line)?.[1])
    .filter((file): file is string => Boolean(file));
  for (const file of [dash, ...libraries]) {
    const target = path.join(dir, 'root', file === dash ? '/bin/sh' : file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, readFileSync(file), { mode: 0o755 });
  }
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY root/ /\n');
  return dir;
}
