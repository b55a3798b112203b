import { spawn, type ChildProcess } from 'node:child_process';

/*
 * Daemons started here must not outlive the process that started them, even when that process
 * is killed with SIGKILL (a Jest worker on timeout). Two layers:
 * - an 'exit'/signal hook in this process sends SIGTERM to every PID still registered;
 * - a guardian child holds a pipe to this process; when the pipe closes, however this process
 *   died, it sends SIGTERM to the registered PIDs and SIGKILL to their process groups later.
 * Only PIDs this library spawned are ever registered, so nothing else on the machine is touched.
 */

const GUARDIAN_SOURCE = `
const pids = new Set();
let buffer = '';
const kill = (pid, signal) => { try { process.kill(pid, signal); } catch {} };
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let end;
  while ((end = buffer.indexOf('\\n')) >= 0) {
    const line = buffer.slice(0, end);
    buffer = buffer.slice(end + 1);
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 1) continue;
    if (line[0] === '+') pids.add(pid); else pids.delete(pid);
  }
});
process.stdin.on('end', () => {
  if (pids.size === 0) process.exit(0);
  for (const pid of pids) kill(pid, 'SIGTERM');
  const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
  const started = Date.now();
  const poll = setInterval(() => {
    const remaining = [...pids].filter(alive);
    if (remaining.length > 0 && Date.now() - started < 10000) return;
    for (const pid of remaining) kill(-pid, 'SIGKILL');
    clearInterval(poll);
    process.exit(0);
  }, 200);
});
`;

const tracked = new Set<number>();
let guardian: ChildProcess | undefined;
let hooksInstalled = false;

function ensureGuardian(): ChildProcess | undefined {
  if (guardian) return guardian;
  try {
    // The trailing argument only names the process in ps.
    guardian = spawn(process.execPath, ['-e', GUARDIAN_SOURCE, 'paved-stack-guardian'], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    guardian.on('error', () => undefined);
    guardian.stdin?.on('error', () => undefined);
    guardian.unref();
    // The pipe must not keep this process alive: its closing is the guardian's signal.
    (guardian.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  } catch {
    guardian = undefined;
  }
  return guardian;
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', terminateAllTracked);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      terminateAllTracked();
      process.kill(process.pid, signal);
    });
  }
}

function terminateAllTracked(): void {
  for (const pid of tracked) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

/** Registers a PID this library spawned so it is stopped if the test run dies. */
export function trackPid(pid: number): void {
  installHooks();
  tracked.add(pid);
  ensureGuardian()?.stdin?.write(`+${pid}\n`);
}

/** Forgets a PID once it has been stopped on purpose. */
export function untrackPid(pid: number): void {
  tracked.delete(pid);
  guardian?.stdin?.write(`-${pid}\n`);
}

export function trackedPids(): number[] {
  return [...tracked];
}
