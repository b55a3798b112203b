import { spawn } from 'node:child_process';
import { access, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_PIECES, describeWithStack, startRegistry, startStack, trackedPids } from '../src/index.js';
import { startLoopbackServer } from './loopback-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (!(await isRunning(pid))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !(await isRunning(pid));
}

describeWithStack('startStack', ALL_PIECES, () => {
  test('starts every service in parallel and stops exactly those PIDs', async () => {
    const stack = await startStack();
    const pids = [
      stack.docker.pid,
      stack.registry.pid,
      stack.prometheus.pid,
      stack.pushgateway.pid,
      stack.ssh.pid,
      stack.caddy.pid,
    ];
    try {
      for (const pid of pids) expect(await isRunning(pid)).toBe(true);
      expect(trackedPids()).toEqual(expect.arrayContaining(pids));
    } finally {
      await stack.stop();
    }
    for (const pid of pids) expect(await waitForExit(pid, 5_000)).toBe(true);
    expect(trackedPids()).not.toEqual(expect.arrayContaining([pids[0]]));
    await expect(access(stack.dir)).rejects.toThrow();
  }, 90_000);
});

describeWithStack('service failures', ['registry'], () => {
  test('an error carries the service log tail when it cannot start', async () => {
    const squatter = await startLoopbackServer((_req, res) => res.end());
    try {
      await expect(startRegistry({ port: squatter.port, timeoutMs: 10_000 })).rejects.toThrow(
        /docker-registry .*(exited|not ready)[\s\S]*address already in use/,
      );
    } finally {
      await squatter.close();
    }
  }, 30_000);
});

describeWithStack('cleanup when the owner dies', ['pushgateway'], () => {
  test('a SIGKILLed owner does not leave its daemon behind', async () => {
    const owner = spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures', 'hold-pushgateway.ts')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [pid, dir] = await new Promise<[number, string]>((resolvePid, reject) => {
      const timer = setTimeout(() => reject(new Error('owner did not report a PID in 20 s')), 20_000);
      owner.stdout.once('data', (chunk: Buffer) => {
        clearTimeout(timer);
        const [pidText, dirText] = chunk.toString().trim().split(' ');
        resolvePid([Number(pidText), dirText ?? '']);
      });
      owner.once('exit', (code) => reject(new Error(`owner exited early with ${code}`)));
    });
    expect(await isRunning(pid)).toBe(true);
    owner.kill('SIGKILL');
    expect(await waitForExit(pid, 15_000)).toBe(true);
    // The guardian stops processes; the folder of a killed owner is left for whoever looks, here this test.
    expect(basename(dir)).toMatch(/^paved-pushgateway-/);
    await rm(dir, { recursive: true, force: true });
  }, 40_000);
});
