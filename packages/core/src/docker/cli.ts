import { childEnvironment } from '../action/child-env.js';
import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { PlatformError } from '../action/errors.js';

export interface DockerClientOptions {
  /** The docker binary; `docker` on PATH by default. */
  binary?: string;
  /** Extra environment for every call: DOCKER_HOST (unix:// or ssh://), DOCKER_CONFIG, PATH for an ssh wrapper. */
  env?: Record<string, string | undefined>;
  /**
   * Asked when a command fails: the error of the connection under it (an SSH link that is
   * gone or refused), if that is what failed, so it is named instead of docker's symptom.
   */
  diagnose?: () => Promise<Error | undefined>;
}

export interface DockerRunOptions {
  /** Sent on stdin, e.g. a password for `login --password-stdin`: never on the command line. */
  input?: string | Buffer;
  /** Return a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** Stream output to the log as it comes (builds, pushes); quiet otherwise. */
  stream?: boolean;
  /** Extra environment for this call only. */
  env?: Record<string, string>;
}

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A docker command that failed; the message ends with the last lines docker printed. */
export class DockerCommandError extends PlatformError {
  constructor(
    readonly args: string[],
    readonly result: DockerResult,
    what?: string,
  ) {
    const tail = lastLines(result.stderr || result.stdout, 8);
    super('Docker', `${what ?? `docker ${args[0] ?? ''}`} failed (exit ${result.code})${tail ? `:\n${tail}` : ''}`);
    this.name = 'DockerCommandError';
  }
}

/**
 * The docker CLI, always run with an argument array (never a shell string), so no input can
 * become a command. Credentials travel on stdin; the environment carries the host.
 */
export class DockerClient {
  readonly binary: string;
  readonly env: Record<string, string>;
  private readonly diagnose?: () => Promise<Error | undefined>;

  constructor(options: DockerClientOptions = {}) {
    this.binary = options.binary ?? 'docker';
    this.env = definedEnv(options.env ?? {});
    this.diagnose = options.diagnose;
  }

  /** A client for another host or config, sharing the binary and the connection. */
  with(env: Record<string, string>): DockerClient {
    return new DockerClient({ binary: this.binary, env: { ...this.env, ...env }, diagnose: this.diagnose });
  }

  /** The error for a failed command: the connection's when it is what failed, else docker's own. */
  async failure(args: string[], result: DockerResult): Promise<Error> {
    const underlying = await this.diagnose?.().catch(() => undefined);
    return underlying ?? new DockerCommandError(args, result);
  }

  async run(args: string[], options: DockerRunOptions = {}): Promise<DockerResult> {
    core.debug(`${this.binary} ${args.join(' ')}`);
    const output = await getExecOutput(this.binary, args, {
      ignoreReturnCode: true,
      silent: !options.stream,
      input: options.input === undefined ? undefined : Buffer.from(options.input),
      env: childEnvironment({ ...this.env, ...(options.env ?? {}) }),
    });
    const result = { code: output.exitCode, stdout: output.stdout, stderr: output.stderr };
    if (result.code !== 0 && !options.allowFailure) throw await this.failure(args, result);
    return result;
  }

  /** Runs and returns trimmed stdout. */
  async text(args: string[], options: DockerRunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.trim();
  }

  /** Runs a command that prints one JSON document per line (`--format '{{json .}}'`). */
  async jsonLines<T>(args: string[], options: DockerRunOptions = {}): Promise<T[]> {
    const text = await this.text(args, options);
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as T);
  }
}

function definedEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
