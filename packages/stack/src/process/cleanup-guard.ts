import { spawn, type ChildProcess } from 'node:child_process';

/*
 * Daemons started here must not outlive the process that started them, even when that process
 * is killed with SIGKILL (a Jest worker on timeout). Two layers:
 * - an 'exit'/signal hook in this process sends SIGTERM to every PID still registered;
 * - a guardian child holds a pipe to this process; when the pipe closes, however this process
 *   died, it sends SIGTERM to the registered PIDs and SIGKILL to their process groups later.
 * Only PIDs this library spawned are ever registered, so nothing else on the machine is touched.
 * The same holds for network namespaces, links and state folders a fleet creates: registered
 * by name, removed by the guardian after the daemons are gone if this process died first.
 */

const GUARDIAN_SOURCE = `
const { spawnSync } = require('node:child_process');
const { readFileSync, rmSync } = require('node:fs');
const pids = new Set();
const resources = { N: new Set(), L: new Set(), D: new Set() };
let buffer = '';
const kill = (pid, signal) => { try { process.kill(pid, signal); } catch {} };
const run = (command, args) => { try { spawnSync(command, args, { stdio: 'ignore', timeout: 10000 }); } catch {} };
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let end;
  while ((end = buffer.indexOf('\\n')) >= 0) {
    const line = buffer.slice(0, end);
    buffer = buffer.slice(end + 1);
    const kind = line[0];
    if (kind in resources) {
      const name = line.slice(2);
      if (!/^[\\w./-]+$/.test(name)) continue;
      if (line[1] === '+') resources[kind].add(name); else resources[kind].delete(name);
      continue;
    }
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 1) continue;
    if (kind === '+') pids.add(pid); else pids.delete(pid);
  }
});
const sweep = () => {
  for (const name of resources.N) run('ip', ['netns', 'delete', name]);
  for (const name of resources.L) run('ip', ['link', 'delete', name]);
  let mounts = [];
  try { mounts = readFileSync('/proc/mounts', 'utf8').split('\\n').map((l) => l.split(' ')[1]).filter(Boolean); } catch {}
  for (const dir of resources.D) {
    const below = mounts.filter((m) => m.startsWith(dir + '/')).sort((a, b) => b.length - a.length);
    for (const point of below) run('umount', [point]);
    try { rmSync(dir, { recursive: true, force: true }); } catch {}
  }
};
process.stdin.on('end', () => {
  const empty = pids.size === 0 && Object.values(resources).every((set) => set.size === 0);
  if (empty) process.exit(0);
  for (const pid of pids) kill(pid, 'SIGTERM');
  const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
  const started = Date.now();
  const poll = setInterval(() => {
    const remaining = [...pids].filter(alive);
    if (remaining.length > 0 && Date.now() - started < 10000) return;
    for (const pid of remaining) kill(-pid, 'SIGKILL');
    clearInterval(poll);
    // Namespaces, links and folders go only once the daemons using them have ended.
    setTimeout(() => { sweep(); process.exit(0); }, remaining.length > 0 ? 1000 : 0);
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

/** Kinds of machine state, besides processes, that must not outlive a crashed run. */
export type TrackedResource = 'netns' | 'link' | 'dir';

const RESOURCE_CODES: Record<TrackedResource, string> = { netns: 'N', link: 'L', dir: 'D' };

/** Registers a network namespace, link or folder this library created, for removal after a crash. */
export function trackResource(kind: TrackedResource, name: string): void {
  if (!/^[\w./-]+$/.test(name)) throw new Error(`Cannot track ${kind} '${name}': use a plain name`);
  installHooks();
  ensureGuardian()?.stdin?.write(`${RESOURCE_CODES[kind]}+${name}\n`);
}

/** Forgets a resource once it has been removed on purpose. */
export function untrackResource(kind: TrackedResource, name: string): void {
  guardian?.stdin?.write(`${RESOURCE_CODES[kind]}-${name}\n`);
}

export function trackedPids(): number[] {
  return [...tracked];
}
