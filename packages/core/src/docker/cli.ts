import { childEnvironment } from '../action/child-env.js';
import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { PlatformError } from '../action/errors.js';
import { unixEndpointPath } from './engine-socket.js';

/** The way to a remote engine, which may change during a run (a forward lost with its SSH link). */
export interface DockerConnection {
  /** The environment that names the engine for the next call: DOCKER_HOST, PATH for an ssh wrapper. */
  env(): Record<string, string>;
  /**
   * Asked when a command fails: the error of the connection under it (an SSH link that is
   * gone or refused), if that is what failed, so it is named instead of docker's symptom.
   */
  diagnose(): Promise<Error | undefined>;
}

export interface DockerClientOptions {
  /** The docker binary; `docker` on PATH by default. */
  binary?: string;
  /** Extra environment for every call: DOCKER_HOST (unix://), DOCKER_CONFIG. */
  env?: Record<string, string | undefined>;
  /** The connection to a remote engine; its environment comes before `env`. */
  connection?: DockerConnection;
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

/** What the connection said of a failed result returned to its caller, for failure() to reuse. */
const diagnosed = new WeakMap<DockerResult, Error | undefined>();

/**
 * The docker CLI, always run with an argument array (never a shell string), so no input can
 * become a command. Credentials travel on stdin; the environment carries the host.
 */
export class DockerClient {
  readonly binary: string;
  private readonly given: Record<string, string>;
  private readonly connection?: DockerConnection;

  constructor(options: DockerClientOptions = {}) {
    this.binary = options.binary ?? 'docker';
    this.given = definedEnv(options.env ?? {});
    this.connection = options.connection;
  }

  /** The environment of the next call. */
  get env(): Record<string, string> {
    return { ...(this.connection?.env() ?? {}), ...this.given };
  }

  /**
   * The engine's unix socket when the next call goes to one named by DOCKER_HOST (given, or
   * forwarded over SSH): reads then ask the Engine API on it directly instead of starting a CLI.
   * Undefined for the runner's default engine (its docker context decides) and for ssh:// dial.
   */
  get engineSocket(): string | undefined {
    const host = this.env.DOCKER_HOST;
    return host ? unixEndpointPath(host) : undefined;
  }

  /** A client for another host or config, sharing the binary and the connection. */
  with(env: Record<string, string>): DockerClient {
    return new DockerClient({ binary: this.binary, env: { ...this.given, ...env }, connection: this.connection });
  }

  /** The error for a failed command: the connection's when it is what failed, else docker's own. */
  async failure(args: string[], result: DockerResult): Promise<Error> {
    // Asked once per result: a second check could find the link already back and blame docker.
    const lost = diagnosed.has(result) ? diagnosed.get(result) : await this.connectionLost();
    return lost ?? new DockerCommandError(args, result);
  }

  /** The connection's own error when it is what failed (an SSH link gone or refused), else undefined. */
  connectionLost(): Promise<Error | undefined> {
    return this.connection?.diagnose().catch(() => undefined) ?? Promise.resolve(undefined);
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
    if (result.code === 0) return result;
    if (!options.allowFailure) throw await this.failure(args, result);
    // A failure the caller expects may still be the link's: the connection learns it either way.
    diagnosed.set(result, await this.connectionLost());
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
