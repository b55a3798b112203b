import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { trackPid, untrackPid } from './cleanup-guard.js';
import { logTail } from './log-tail.js';
import { sleep } from './wait-until.js';

export interface DaemonOptions {
  /** Human name of the service, used in messages. */
  name: string;
  command: string;
  args: readonly string[];
  /** stdout and stderr are appended here. */
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface Daemon {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Exit status once the process has ended, otherwise undefined. */
  exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** SIGTERM, then SIGKILL of its process group after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a long-running program in its own process group (so a Ctrl-C in the terminal reaches
 * the cleanup hooks first and nothing is left half-stopped) and registers its PID for cleanup.
 */
export function startDaemon(options: DaemonOptions): Daemon {
  const fd = openSync(options.logFile, 'a');
  let child;
  try {
    child = spawn(options.command, options.args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
  } finally {
    closeSync(fd);
  }
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`Could not start ${options.name} (${options.command}): is it installed and on PATH?`);
  }
  trackPid(pid);
  child.unref();

  let status: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      status = { code, signal };
      resolve();
    });
    child.once('error', () => {
      status = { code: 127, signal: null };
      resolve();
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 15_000): Promise<void> => {
    stopping ??= (async () => {
      if (!status) {
        signal(pid, 'SIGTERM');
        await within(exited, graceMs);
      }
      // Sweep the group: helpers the daemon started (dockerd's containerd) share its PGID.
      signal(-pid, 'SIGKILL');
      if (!status) await within(exited, 2_000);
      untrackPid(pid);
    })();
    return stopping;
  };

  return { name: options.name, pid, logFile: options.logFile, exitStatus: () => status, stop };
}

/** Waits for `promise` at most `ms`, clearing the timer so it never holds the process open. */
async function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // ESRCH: already gone.
  }
}

/**
 * Waits for `ready` while watching the daemon. If it exits or the time runs out, stops it and
 * throws an error that carries the tail of its own log, which is where the reason is.
 */
export async function awaitReady(
  daemon: Daemon,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (let attempt = 0; attempt < Math.ceil(timeoutMs / intervalMs) + 1; attempt++) {
    const status = daemon.exitStatus();
    if (status) {
      const how = status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
      throw await failure(daemon, `${how} before it was ready`);
    }
    try {
      if (await ready()) return;
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  await daemon.stop(2_000);
  const why = lastError ? ` (last check: ${lastError})` : '';
  throw await failure(daemon, `was not ready within ${timeoutMs} ms${why}`);
}

async function failure(daemon: Daemon, what: string): Promise<Error> {
  const tail = await logTail(daemon.logFile);
  return new Error(
    `${daemon.name} (pid ${daemon.pid}) ${what}. Its log ends with:\n${tail}\n` +
      `Check that the program is installed (scripts/install-stack.sh) and that the port is free.`,
  );
}
