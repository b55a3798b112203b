import { spawn } from 'node:child_process';

export interface SshRunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the ssh client with an argument array and a minimal environment: no INPUT_*, no runner
 * tokens, only what ssh needs to find itself and, when no key was given, the agent.
 */
export function runSsh(
  binary: string,
  args: readonly string[],
  options: { timeoutMs?: number; detaches?: boolean; stdout?: boolean } = {},
): Promise<SshRunResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C' };
  if (process.env.HOME) env.HOME = process.env.HOME;
  if (process.env.SSH_AUTH_SOCK) env.SSH_AUTH_SOCK = process.env.SSH_AUTH_SOCK;
  return new Promise((resolve) => {
    // A command that forks a master (-f) hands our pipes to it for its whole life: nothing is
    // piped then (its errors go to a file, -E), and the answer is the exit, not the close.
    const child = spawn(binary, args, {
      env,
      stdio: ['ignore', options.stdout && !options.detaches ? 'pipe' : 'ignore', options.detaches ? 'ignore' : 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const finish = (code: number) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    };
    child.once('error', (error) => {
      stderr.push(Buffer.from(error.message));
      finish(127);
    });
    child.once(options.detaches ? 'exit' : 'close', (code: number | null) => finish(code ?? 255));
  });
}
