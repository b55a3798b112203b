// `paved stack up | down | status`: the local stack as detached daemons that outlive the
// command, recorded with their PIDs so `down` stops exactly what `up` started.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stackAvailability } from '@paved/stack';
import { PAVED_ROOT } from '../paved-root.js';
import { writeEnvironments } from './paved-yml.js';
import { environmentsBlock, stackVariables } from './variables.js';
import {
  failureFile,
  isAlive,
  readStackState,
  stackDir,
  supervisorLog,
  supervisorPidFile,
  type StackState,
} from './state.js';

type Out = { write(text: string): unknown };

export interface StackUpOptions {
  workspace: string;
  environments: string[];
  write: boolean;
  out: Out;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describeStack(state: StackState, workspace: string): string {
  const vars = stackVariables(state, workspace);
  const shown = Object.entries(vars).map(([name, value]) =>
    value.includes('\n') ? `  ${name}=<<EOF\n${value.replace(/^/gm, '    ')}\n  EOF` : `  ${name}=${value}`,
  );
  return [
    `Local stack running (state in ${state.dir}):`,
    `  Docker engine  DOCKER_HOST=${state.dockerHost}`,
    `  registry       ${state.registry}`,
    `  Prometheus     ${state.prometheusUrl}  (scrapes each proxy's /metrics with environment="<name>")`,
    `  Pushgateway    ${state.pushgatewayUrl}`,
    `  GitHub API     ${state.githubApiUrl}  (emulator; deployments kept in ${state.githubStateFile})`,
    ...state.environments.map((e) => `  ${e.name.padEnd(14)} ${e.url}  (Caddy; admin ${e.proxyUrl})`),
    '',
    'Configuration variables (paved run reads them from the running stack; --var overrides):',
    ...shown,
    '',
    'For .github/paved.yml (paved stack up --write puts it there):',
    environmentsBlock(state).replace(/^/gm, '  '),
    '',
  ].join('\n');
}

/** Programs the stack runs, with the Debian package each comes from. */
function missingPrograms(): string[] {
  return stackAvailability(['docker', 'registry', 'prometheus', 'pushgateway', 'caddy']).missing.map(
    (piece) => `${piece.piece}: ${piece.reason}`,
  );
}

export async function stackUp(options: StackUpOptions): Promise<number> {
  const { out } = options;
  const dir = stackDir();
  let state = readStackState(dir);
  if (state && isAlive(state.supervisorPid)) {
    out.write(`The local stack is already up.\n${describeStack(state, options.workspace)}`);
    return finishUp(state, options);
  }
  const previous = readPid(supervisorPidFile(dir));
  if (isAlive(previous)) {
    out.write(
      `paved: a stack supervisor (pid ${previous}) is still starting or stopping; run paved stack down first.\n`,
    );
    return 1;
  }
  const missing = missingPrograms();
  if (missing.length > 0) {
    out.write(
      `paved: the local stack needs programs this machine lacks:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` +
        `Install them with: sudo bash ${path.join(PAVED_ROOT, 'scripts', 'install-stack.sh')}\n`,
    );
    return 1;
  }
  // A stack that died without `down` leaves its folder; its daemons were stopped by the guardian.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const log = openSync(supervisorLog(dir), 'a', 0o600);
  const started = Date.now();
  try {
    const child = spawn(
      process.execPath,
      [
        path.join(PAVED_ROOT, 'packages', 'cli', 'bin', 'paved.js'),
        'stack',
        'serve',
        '--dir',
        dir,
        '--environments',
        options.environments.join(','),
      ],
      { detached: true, stdio: ['ignore', log, log], cwd: dir, env: process.env },
    );
    child.unref();
  } finally {
    closeSync(log);
  }
  out.write(`Starting the local stack (${options.environments.join(', ')}); the first start builds base images…\n`);
  const timeoutMs = options.timeoutMs ?? 600_000;
  for (let i = 0; i < timeoutMs / 250; i++) {
    await sleep(250);
    state = readStackState(dir);
    if (state) break;
    const pid = readPid(supervisorPidFile(dir));
    if (existsSync(failureFile(dir)) || (i > 40 && !isAlive(pid))) {
      const why = existsSync(failureFile(dir))
        ? readFileSync(failureFile(dir), 'utf8')
        : readFileSync(supervisorLog(dir), 'utf8').slice(-4000);
      out.write(`paved: the local stack did not start:\n${why}\n`);
      await stackDown({ out: { write: () => true } });
      return 1;
    }
  }
  if (!state) {
    out.write(`paved: the local stack was not ready within ${timeoutMs / 1000} s; see ${supervisorLog(dir)}.\n`);
    await stackDown({ out });
    return 1;
  }
  out.write(`Up in ${((Date.now() - started) / 1000).toFixed(1)} s.\n${describeStack(state, options.workspace)}`);
  return finishUp(state, options);
}

function finishUp(state: StackState, options: StackUpOptions): number {
  if (!options.write) return 0;
  const file = writeEnvironments(options.workspace, state);
  options.out.write(`Wrote the environments block into ${path.relative(process.cwd(), file) || file}.\n`);
  return 0;
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

async function waitGone(pids: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (pids.every((pid) => !isAlive(pid))) return true;
    await sleep(200);
  }
  return pids.every((pid) => !isAlive(pid));
}

/** Stops the supervisor (which stops its daemons), then any recorded daemon still alive, by PID. */
export async function stackDown(options: { out: Out }): Promise<number> {
  const dir = stackDir();
  const state = readStackState(dir);
  const supervisor = readPid(supervisorPidFile(dir)) ?? state?.supervisorPid;
  const daemons = (state?.services ?? []).map((service) => service.pid).filter((pid) => pid !== supervisor);
  if (!existsSync(dir)) {
    options.out.write('The local stack is not running.\n');
    return 0;
  }
  if (supervisor && isAlive(supervisor)) {
    signal(supervisor, 'SIGTERM');
    if (!(await waitGone([supervisor], 90_000))) signal(supervisor, 'SIGKILL');
  }
  const left = daemons.filter(isAlive);
  for (const pid of left) signal(pid, 'SIGTERM');
  if (!(await waitGone(left, 15_000))) {
    // Daemons run in their own process groups; the group takes helpers such as containerd.
    for (const pid of left) signal(-pid, 'SIGKILL');
    await waitGone(left, 5_000);
  }
  const stillAlive = [supervisor, ...daemons].filter((pid): pid is number => isAlive(pid));
  if (stillAlive.length > 0) {
    options.out.write(`paved: could not stop pid ${stillAlive.join(', ')}; state kept in ${dir}.\n`);
    return 1;
  }
  rmSync(dir, { recursive: true, force: true });
  options.out.write(
    `The local stack is down (${[supervisor, ...daemons].filter(Boolean).length} processes stopped).\n`,
  );
  return 0;
}

async function probe(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    await response.body?.cancel();
    return `HTTP ${response.status}`;
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  }
}

export async function stackStatus(options: { out: Out; workspace: string }): Promise<number> {
  const dir = stackDir();
  const state = readStackState(dir);
  if (!state) {
    const pid = readPid(supervisorPidFile(dir));
    options.out.write(
      isAlive(pid) ? `The local stack is starting (supervisor pid ${pid}).\n` : 'The local stack is not running.\n',
    );
    return isAlive(pid) ? 0 : 3;
  }
  let healthy = isAlive(state.supervisorPid);
  const rows = [['service', 'pid', 'process', 'answers']];
  for (const service of state.services) {
    const alive = isAlive(service.pid);
    const answer = service.url
      ? await probe(service.url)
      : service.socket && existsSync(service.socket)
        ? 'socket present'
        : 'no socket';
    healthy &&= alive && !answer.startsWith('unreachable') && answer !== 'no socket';
    rows.push([service.name, String(service.pid), alive ? 'running' : 'stopped', answer]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) options.out.write(`${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}\n`);
  options.out.write(`\n${describeStack(state, options.workspace)}`);
  return healthy ? 0 : 1;
}
