// What a newcomer does, following docs/adopt.md with nothing but the `paved` command: a fresh
// repository holding a small service of their own (Node, then Python) → paved stack up →
// paved init → traffic → paved run deploy of v1 → a regressed v2 that the gate catches and
// rolls back → a fix → a manual rollback → paved stack down, leaving no process and no file.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeWithStack } from '@paved/stack';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(HERE, '..', 'bin', 'paved.js');
const FIXTURES = path.join(HERE, 'fixtures', 'newcomer');
const TWENTY_FIVE_MINUTES = 1_500_000;

interface Exit {
  code: number;
  stdout: string;
}

interface Service {
  language: 'node' | 'python';
  file: string;
  regress(text: string): string;
  fix(text: string): string;
}

const SERVICES: Service[] = [
  {
    language: 'node',
    file: 'server.js',
    regress: (text) =>
      text
        .replace('const SLOW_MS = 0;', 'const SLOW_MS = 80;')
        .replace('const ERROR_RATE = 0;', 'const ERROR_RATE = 0.1;'),
    fix: (text) =>
      text
        .replace('const SLOW_MS = 80;', 'const SLOW_MS = 0;')
        .replace('const ERROR_RATE = 0.1;', 'const ERROR_RATE = 0;')
        .replace("'hello\\n'", "'hello again\\n'"),
  },
  {
    language: 'python',
    file: 'app.py',
    regress: (text) => text.replace('SLOW_S = 0.0', 'SLOW_S = 0.08').replace('ERROR_RATE = 0.0', 'ERROR_RATE = 0.1'),
    fix: (text) =>
      text
        .replace('SLOW_S = 0.08', 'SLOW_S = 0.0')
        .replace('ERROR_RATE = 0.1', 'ERROR_RATE = 0.0')
        .replace('(200, "hello\\n")', '(200, "hello again\\n")'),
  },
];

function run(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd, env, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: `${stdout}${stderr}` });
    });
  });
}

async function body(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return (await response.text()).trim();
}

/** The gate's baseline window that `paved stack up` printed (PAVED_BASELINE_WINDOW=1m), plus two scrapes. */
function baselineWindowMs(upOutput: string): number {
  const [, amount, unit] = /PAVED_BASELINE_WINDOW=(\d+)(s|m)\b/.exec(upOutput) ?? [];
  if (!amount) throw new Error(`paved stack up printed no PAVED_BASELINE_WINDOW:\n${upOutput}`);
  return Number(amount) * (unit === 'm' ? 60_000 : 1_000) + 2_000;
}

function waitUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
}

/** PIDs of processes whose command line or working folder lies under `root`. */
function processesUnder(root: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cmdline.includes(root) || cwd === root || cwd.startsWith(`${root}/`)) found.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

// The job's line when it starts with `mark`; otherwise the line (or its absence) and the end of
// the run's output, which says why (the gate's verdict and deciding sentence), as the evidence.
const jobLine = (output: string, job: string, mark: '✓' | '✗' | '○') => {
  const line = output.split('\n').find((l) => new RegExp(`^[✓✗○] ${job}\\b`).test(l));
  return line?.startsWith(mark) ? line : `${line ?? `${job}: no line`} in the run's output:\n${output.slice(-8_000)}`;
};

describeWithStack(
  'adopting Paved from an empty repository',
  ['docker', 'registry', 'prometheus', 'pushgateway', 'caddy', 'node-base'],
  () => {
    for (const service of SERVICES) {
      it(
        `${service.language}: init, stack up, deploy v1, catch v2, fix, roll back by hand, stack down`,
        async () => {
          const started = Date.now();
          const figures: string[] = [];
          const mark = (what: string, since: number) =>
            figures.push(`${what}: ${((Date.now() - since) / 1000).toFixed(1)} s`);
          const root = mkdtempSync('/tmp/paved-adopt-');
          const repo = path.join(root, 'repo');
          const tmp = path.join(root, 'tmp');
          const state = path.join(root, 's');
          mkdirSync(tmp);
          const env: NodeJS.ProcessEnv = { ...process.env, PAVED_STACK_DIR: state, TMPDIR: tmp, NO_COLOR: '1' };
          const paved = (...args: string[]) => run(process.execPath, [BIN, ...args], repo, env);
          const git = (...args: string[]) => run('git', args, repo, env);
          let load: ChildProcess | undefined;
          let stackPids: number[] = [];
          try {
            cpSync(path.join(FIXTURES, service.language), repo, { recursive: true });
            await git('init', '--quiet', '--initial-branch', 'main');
            await git('config', 'user.email', 'newcomer@paved.invalid');
            await git('config', 'user.name', 'Newcomer');
            await git('add', '--all');
            await git('commit', '--quiet', '--message', 'A small service');

            let step = Date.now();
            const up = await paved('stack', 'up');
            expect(up.stdout).toContain('PAVED_PROMETHEUS_URL=');
            expect(up.code).toBe(0);
            mark('paved stack up', step);
            const stack = JSON.parse(readFileSync(path.join(state, 'stack.json'), 'utf8')) as {
              supervisorPid: number;
              services: Array<{ pid: number }>;
              environments: Array<{ name: string; url: string }>;
              githubApiUrl: string;
            };
            stackPids = [stack.supervisorPid, ...stack.services.map((s) => s.pid)];
            const url = (name: string) => stack.environments.find((e) => e.name === name)!.url;

            step = Date.now();
            const init = await paved('init', '--org', 'acme', '--no-input');
            expect(init.stdout).toContain(`Detected a ${service.language} service`);
            expect(init.stdout).not.toMatch(/^✗/m);
            expect(init.code).toBe(0);
            // Written again from the running stack: the same environments, nothing else touched.
            expect((await paved('stack', 'up', '--write')).code).toBe(0);
            expect(readFileSync(path.join(repo, '.github', 'workflows', 'deploy.yml'), 'utf8')).toContain(
              'acme/paved/',
            );
            await git('add', '--all');
            await git('commit', '--quiet', '--message', 'Adopt Paved');
            mark('paved init', step);

            // A broken paved.yml stops the build job at paved check, before any image is built.
            const configFile = path.join(repo, '.github', 'paved.yml');
            const config = readFileSync(configFile, 'utf8');
            writeFileSync(configFile, config.replace(/^environments:/m, 'environmentz:'));
            const broken = await paved('run', 'deploy', '--quiet');
            expect(jobLine(broken.stdout, 'Build', '✗')).toMatch(/^✗/);
            expect(broken.stdout).toContain('paved check: ');
            expect(broken.stdout).toContain('.github/paved.yml');
            expect(jobLine(broken.stdout, 'Staging', '○')).toMatch(/^○/);
            expect(broken.code).toBe(1);
            writeFileSync(configFile, config);

            load = spawn(process.execPath, [BIN, 'stack', 'load', '--rate', '20', '--duration', '25m'], {
              cwd: repo,
              env,
              stdio: 'ignore',
            });

            step = Date.now();
            const v1 = await paved('run', 'deploy', '--quiet');
            expect(jobLine(v1.stdout, 'Production / Quality gate', '✓')).toMatch(/^✓/);
            expect(v1.code).toBe(0);
            expect(await body(url('staging'))).toBe('hello');
            expect(await body(url('production'))).toBe('hello');
            mark('v1 deploy (staging and production)', step);

            writeFileSync(
              path.join(repo, service.file),
              service.regress(readFileSync(path.join(repo, service.file), 'utf8')),
            );
            await git('commit', '--quiet', '--all', '--message', 'Faster responses');
            step = Date.now();
            const v2 = await paved('run', 'deploy', '--quiet');
            expect(jobLine(v2.stdout, 'Staging / Smoke test', '✓')).toMatch(/^✓/);
            expect(jobLine(v2.stdout, 'Staging / Quality gate', '✗')).toMatch(/^✗/);
            expect(jobLine(v2.stdout, 'Staging / Roll back', '✓')).toMatch(/^✓/);
            expect(jobLine(v2.stdout, 'Production', '○')).toMatch(/^○/);
            expect(v2.stdout).toContain('Deploy quality gate: fail');
            expect(v2.code).toBe(1);
            expect(await body(url('staging'))).toBe('hello');
            mark('v2 deploy, caught and rolled back', step);
            // The next gate's baseline is the window before its deploy: it must hold the restored
            // release serving, not v2 and the rollback (never one steady level, so the gate could
            // not judge the fix). docs/adopt.md tells the user the same.
            const restored = Date.now();

            writeFileSync(
              path.join(repo, service.file),
              service.fix(readFileSync(path.join(repo, service.file), 'utf8')),
            );
            await git('commit', '--quiet', '--all', '--message', 'Fix the regression');
            await waitUntil(restored + baselineWindowMs(up.stdout));
            step = Date.now();
            const v3 = await paved('run', 'deploy', '--quiet');
            expect(jobLine(v3.stdout, 'Production / Quality gate', '✓')).toMatch(/^✓/);
            expect(v3.code).toBe(0);
            expect(await body(url('production'))).toBe('hello again');
            mark('v3 deploy', step);

            step = Date.now();
            const back = await paved(
              'run',
              'rollback',
              '--event',
              'workflow_dispatch',
              '--input',
              'environment=production',
              '--input',
              'reason=A customer reports a problem with v3',
            );
            expect(back.stdout).toContain('Rolled back production');
            expect(back.code).toBe(0);
            expect(await body(url('production'))).toBe('hello');
            mark('manual rollback', step);

            const check = await paved('check');
            expect(check.stdout).toContain('paved check: all Paved files valid');
            expect(check.code).toBe(0);

            // The HTML copy of the summaries links nowhere that died with the run.
            const runs = path.join(repo, '.paved', 'runs');
            for (const number of readdirSync(runs)) {
              const html = path.join(runs, number, 'summary.html');
              if (existsSync(html)) expect(readFileSync(html, 'utf8')).not.toContain(`href="${stack.githubApiUrl}`);
            }
          } finally {
            if (load?.pid) load.kill('SIGINT');
            await new Promise<void>((resolve) =>
              load && load.exitCode === null ? load.once('exit', () => resolve()) : resolve(),
            );
            const step = Date.now();
            const down = await paved('stack', 'down');
            mark('paved stack down', step);
            const left = processesUnder(root);
            const alive = stackPids.filter((pid) => {
              try {
                process.kill(pid, 0);
                return true;
              } catch {
                return false;
              }
            });
            const tempLeft = readdirSync(tmp);
            rmSync(root, { recursive: true, force: true });
            process.stdout.write(
              `[adopt ${service.language}] ${figures.join(' · ')} · total ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
            );
            expect(down.code).toBe(0);
            expect(existsSync(state)).toBe(false);
            expect(alive).toEqual([]);
            expect(left).toEqual([]);
            expect(tempLeft).toEqual([]);
          }
        },
        TWENTY_FIVE_MINUTES,
      );
    }
  },
);
