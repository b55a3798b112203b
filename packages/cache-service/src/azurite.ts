import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@paved/stack';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** http://127.0.0.1:<port>/devstoreaccount1 */
  blobEndpoint: string;
  port: number;
  account: string;
  key: string;
  location: string;
  pid: number;
  close(): Promise<void>;
}

export interface AzuriteOptions {
  /** Folder for Azurite's data; a fresh temp folder (removed on close) by default. */
  location?: string;
  startTimeoutMs?: number;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts Azurite's blob service (from the azurite npm package) as a child process on a free
 * loopback port. Telemetry is off: these machines have no internet, and tests must not phone home.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const require = createRequire(import.meta.url);
  const main = path.join(path.dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
  const ownsLocation = options.location === undefined;
  const location = options.location ?? mkdtempSync(path.join(os.tmpdir(), 'paved-azurite-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      main,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      location,
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--disableTelemetry',
      '--disableProductStyleUrl',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let exited = false;
  child.once('exit', () => (exited = true));

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  while (!(await canConnect(port))) {
    if (exited || Date.now() > deadline) {
      await stop(child);
      if (ownsLocation) rmSync(location, { recursive: true, force: true });
      throw new Error(`Azurite did not start on 127.0.0.1:${port}${exited ? ' (it exited)' : ''}: ${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    blobEndpoint: `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`,
    port,
    account: AZURITE_ACCOUNT,
    key: AZURITE_KEY,
    location,
    pid: child.pid ?? -1,
    async close() {
      await stop(child);
      if (ownsLocation) rmSync(location, { recursive: true, force: true });
    },
  };
}

/** SIGTERM, then SIGKILL after 5 s: Azurite flushes its metadata on TERM. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
