// Where `paved stack` keeps a running stack's state: one folder per machine user, holding the
// services' data, their logs and stack.json (what runs, with PIDs and addresses). Everything
// `down` stops is read from there, so only processes this command started are ever signalled.
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServiceRecord {
  name: string;
  pid: number;
  /** What status probes: an HTTP URL answering 2xx-4xx, or a unix socket. */
  url?: string;
  socket?: string;
  logFile?: string;
}

export interface EnvironmentRecord {
  name: string;
  /** Where the environment's traffic goes in (the proxy). */
  url: string;
  /** Caddy's admin API on loopback and the reverse_proxy handler Paved switches. */
  proxyUrl: string;
  proxyRoute: string;
}

export interface StackState {
  version: 1;
  supervisorPid: number;
  startedAt: string;
  dir: string;
  dockerHost: string;
  registry: string;
  prometheusUrl: string;
  pushgatewayUrl: string;
  githubApiUrl: string;
  githubStateFile: string;
  environments: EnvironmentRecord[];
  /** Base images built on the stack's engine, by build argument name (NODE_BASE, PYTHON_BASE). */
  baseImages: Record<string, string>;
  services: ServiceRecord[];
}

/** $PAVED_STACK_DIR, else $XDG_STATE_HOME/paved/stack, else ~/.local/state/paved/stack. */
export function stackDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAVED_STACK_DIR) return path.resolve(env.PAVED_STACK_DIR);
  const base = env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), '.local', 'state');
  return path.join(base, 'paved', 'stack');
}

export const stateFile = (dir: string) => path.join(dir, 'stack.json');
export const supervisorPidFile = (dir: string) => path.join(dir, 'supervisor.pid');
export const supervisorLog = (dir: string) => path.join(dir, 'supervisor.log');
export const failureFile = (dir: string) => path.join(dir, 'failed.txt');

export function readStackState(dir: string): StackState | undefined {
  const file = stateFile(dir);
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as StackState;
    return state.version === 1 ? state : undefined;
  } catch {
    return undefined;
  }
}

export function writeStackState(dir: string, state: StackState): void {
  const file = stateFile(dir);
  writeFileSync(`${file}.partial`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.partial`, file);
}

export function isAlive(pid: number | undefined): boolean {
  if (!pid || pid <= 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running stack, if its supervisor is alive; a state file left by a dead one is ignored. */
export function runningStack(env: NodeJS.ProcessEnv = process.env): StackState | undefined {
  const state = readStackState(stackDir(env));
  return state && isAlive(state.supervisorPid) ? state : undefined;
}
