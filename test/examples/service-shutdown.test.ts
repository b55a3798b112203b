// The example service is what users copy: on SIGTERM it must stop accepting, finish what is in
// flight, close every keep-alive connection (including one that never carried a request, as a
// proxy's pool holds) and exit by itself, so `docker stop` never waits out its timeout.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SERVICE_DIR } from '../../examples/service/build.js';

let dir: string;
let service: ChildProcess;
let output = '';
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'paved-example-'));
  await copyFile(path.join(SERVICE_DIR, 'server.mjs'), path.join(dir, 'server.mjs'));
  // Every GET / takes a while, so one is in flight when SIGTERM comes.
  await writeFile(path.join(dir, 'release.json'), JSON.stringify({ version: 'slow', latencyMs: 1_000 }));
  // A fallback far away: the service must exit because it is done, not because time ran out.
  service = spawn(process.execPath, [path.join(dir, 'server.mjs')], {
    env: { PATH: process.env.PATH, PORT: '0', SHUTDOWN_TIMEOUT_MS: '120000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  port = await new Promise<number>((resolve, reject) => {
    service.once('exit', (code) => reject(new Error(`the service exited (${code}): ${output}`)));
    service.stdout!.on('data', () => {
      const found = /listening on (\d+)/.exec(output);
      if (found) resolve(Number(found[1]));
    });
  });
});

afterAll(async () => {
  if (service.exitCode === null) service.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Resolves when the connection has closed: 'ended' when the server closed it cleanly, 'reset' on an error. */
function closedByServer(socket: net.Socket): Promise<'ended' | 'reset'> {
  return new Promise((resolve) => {
    socket.once('error', () => undefined);
    socket.once('close', (hadError: boolean) => resolve(hadError ? 'reset' : 'ended'));
  });
}

it('finishes the request in flight, closes every connection and exits 0 on SIGTERM', async () => {
  // A connection that never sends a request: Node's closeIdleConnections() alone leaves it open.
  const spare = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => spare.once('connect', resolve));
  const spareClosed = closedByServer(spare);
  // A keep-alive connection that served a request and now idles.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  await new Promise<void>((resolve, reject) =>
    http
      .get(`http://127.0.0.1:${port}/healthz`, { agent }, (res) => res.resume().on('end', resolve))
      .on('error', reject),
  );
  const idle = Object.values(agent.freeSockets).flat()[0]!;
  const idleClosed = closedByServer(idle);
  // A request in flight when the signal comes.
  const inFlight = new Promise<{ status?: number; body: string; connection?: string }>((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${port}/`, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode, body, connection: res.headers.connection }));
      })
      .on('error', reject);
  });
  // Time for the GET to reach the service on loopback; the log line below proves it had.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const exited = new Promise<number | null>((resolve) => service.once('exit', resolve));

  service.kill('SIGTERM');

  expect(await inFlight).toEqual({ status: 200, body: 'slow\n', connection: 'close' });
  expect(await spareClosed).toBe('ended');
  expect(await idleClosed).toBe('ended');
  expect(await exited).toBe(0);
  expect(output).toContain('SIGTERM: shutting down (3 connection(s), 1 request(s) in flight)');
  expect(output).toContain('every connection closed; exiting');
  expect(output).not.toContain('SHUTDOWN_TIMEOUT_MS');
  agent.destroy();
});
