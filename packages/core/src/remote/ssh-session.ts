import { accessSync, constants } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { UserError } from '../action/errors.js';
import { runSsh, type SshRunResult } from './run-ssh.js';
import { SshError, sshFailureOf } from './ssh-error.js';

/** A host's unix socket reachable on the runner through the session. */
export interface ForwardedSocket {
  readonly path: string;
  /** Cancels the forward; the connection stays. */
  close(): Promise<void>;
}

export interface SshSessionOptions {
  /** ssh://user@host[:port] */
  host: string;
  /** Private key (already masked by the input reader); without it the runner's agent is used. */
  sshKey?: string;
  /** known_hosts lines pinning the host key; without them the connection is refused. */
  knownHosts?: string;
  /** Where the key and config go: RUNNER_TEMP on a runner. */
  tempDir?: string;
  connectTimeoutSeconds?: number;
  /** Folders to find `ssh` in; default PATH, then /usr/bin and /bin. */
  searchPath?: string[];
}

/**
 * One SSH connection to a host that everything else rides on: an OpenSSH ControlMaster,
 * started once and shared by the docker CLI (through an `ssh` wrapper first on PATH, since
 * docker takes no ssh options), by port forwards (`-O forward`) and by `-O cancel`. Files are
 * in a private folder: the key (0600), known_hosts with only the given lines, and a config
 * that pins the host key and never prompts.
 */
export class SshSession {
  private closed?: Promise<void>;

  private constructor(
    /** ssh://user@host[:port], for messages. */
    readonly display: string,
    /** user@host as ssh takes it. */
    readonly destination: string,
    readonly port: string | undefined,
    readonly dir: string,
    readonly configPath: string,
    /** Holds the `ssh` wrapper; first on PATH for the docker CLI. */
    readonly binDir: string,
    readonly sshBinary: string,
    /** The master's PID, as `-O check` reports it. */
    readonly masterPid: number,
  ) {}

  static async open(options: SshSessionOptions): Promise<SshSession> {
    const { display, destination, port } = parseSshHost(options.host);
    if (!options.knownHosts?.trim()) {
      throw new UserError(
        `No known-hosts line for ${display}: add the host's line (ssh-keyscan -p PORT HOST) to known-hosts, ` +
          'so its key is pinned before Paved connects',
      );
    }
    // Every check comes before the key touches the disk: a runner without ssh writes nothing.
    const sshBinary = findSsh(options.searchPath);
    const dir = await mkdtemp(path.join(plainTempDir(options.tempDir), 'paved-ssh-'));
    try {
      return await SshSession.start(options, { display, destination, port }, sshBinary, dir);
    } catch (error) {
      // Whatever failed after the folder was made (a write, ssh itself), the key goes with it.
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private static async start(
    options: SshSessionOptions,
    { display, destination, port }: { display: string; destination: string; port?: string },
    sshBinary: string,
    dir: string,
  ): Promise<SshSession> {
    await chmod(dir, 0o700);
    const configPath = path.join(dir, 'config');
    const knownHosts = path.join(dir, 'known_hosts');
    const lines = [
      'Host *',
      `  UserKnownHostsFile ${knownHosts}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '  PasswordAuthentication no',
      `  ConnectTimeout ${options.connectTimeoutSeconds ?? 15}`,
      // A dead link is noticed in ~15 s instead of hanging the deploy.
      '  ServerAliveInterval 5',
      '  ServerAliveCountMax 3',
      '  ControlMaster auto',
      // One session, one host: a short fixed name keeps the socket (plus the 17 characters ssh
      // appends while it binds) within the 108 bytes a unix socket path may have.
      `  ControlPath ${path.join(dir, 'cm')}`,
      '  ControlPersist 60',
      // A forward that cannot bind is an error, not a warning the caller never sees.
      '  ExitOnForwardFailure yes',
      // A socket file a cancelled forward left behind is replaced, not a reason to fail.
      '  StreamLocalBindUnlink yes',
      '  LogLevel ERROR',
    ];
    await writeFile(knownHosts, `${(options.knownHosts ?? '').trim()}\n`, { mode: 0o600 });
    if (options.sshKey) {
      const key = path.join(dir, 'key');
      // OpenSSH refuses a key without its final newline, which secrets often lose.
      await writeFile(key, `${options.sshKey.replace(/\r\n/g, '\n').trim()}\n`, { mode: 0o600 });
      lines.push(`  IdentityFile ${key}`, '  IdentitiesOnly yes');
    }
    await writeFile(configPath, `${lines.join('\n')}\n`, { mode: 0o600 });
    const binDir = path.join(dir, 'bin');
    await mkdir(binDir);
    await writeFile(path.join(binDir, 'ssh'), `#!/bin/sh\nexec ${sshBinary} -F ${configPath} "$@"\n`, { mode: 0o755 });

    const base = ['-F', configPath, ...(port ? ['-p', port] : [])];
    const logFile = path.join(dir, 'master.log');
    // -f returns once authenticated, so a returned master is a working connection.
    const started = await runSsh(
      sshBinary,
      [...base, '-E', logFile, '-o', 'ControlMaster=yes', '-o', 'ControlPersist=no', '-f', '-N', '--', destination],
      { detaches: true, timeoutMs: ((options.connectTimeoutSeconds ?? 15) + 15) * 1_000 },
    );
    if (started.code !== 0) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw connectionError(display, log || started.stderr);
    }
    const check = await runSsh(sshBinary, [...base, '-O', 'check', '--', destination]);
    const pid = Number(/pid=(\d+)/.exec(check.stderr)?.[1]);
    if (check.code !== 0 || !pid) {
      throw new Error(`The SSH master for ${display} started but does not answer: ${check.stderr.trim()}`);
    }
    core.debug(`SSH master for ${display}: pid ${pid}`);
    return new SshSession(display, destination, port, dir, configPath, binDir, sshBinary, pid);
  }

  /** Environment for a docker CLI that reaches the host over this connection. */
  dockerEnv(): Record<string, string> {
    return {
      DOCKER_HOST: this.display,
      PATH: `${this.binDir}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
    };
  }

  /**
   * Runs a fixed command on the host over the master and returns what it printed. OpenSSH hands
   * the words to the host's shell joined by spaces, so callers pass constants only, never data.
   */
  run(words: readonly string[], timeoutMs = 30_000): Promise<SshRunResult> {
    this.assertOpen();
    return runSsh(
      this.sshBinary,
      ['-F', this.configPath, ...(this.port ? ['-p', this.port] : []), '--', this.destination, ...words],
      { timeoutMs, stdout: true },
    );
  }

  /**
   * Forwards a unix socket of the host (an absolute path) to a socket in this session's private
   * folder (0700, so no other user of the runner can use it), through the master. Undefined when
   * the master refuses the forward; the lost connection when the master went with the link.
   * Connections may still be refused by the host's sshd (AllowStreamLocalForwarding no):
   * callers check the first one.
   */
  async forwardSocket(remotePath: string, name: string): Promise<ForwardedSocket | undefined> {
    if (!/^\/[\w./-]+$/.test(remotePath) || remotePath.includes('..') || !/^[\w-]+$/.test(name)) {
      throw new Error(`Socket '${remotePath}' must be an absolute plain path, and '${name}' a plain name`);
    }
    const spec = `${path.join(this.dir, `${name}.sock`)}:${remotePath}`;
    const result = await this.forward(spec);
    if (result.code !== 0) {
      core.debug(`Forwarding ${remotePath} on ${this.display}: ${result.stderr.trim()}`);
      return undefined;
    }
    return {
      path: path.join(this.dir, `${name}.sock`),
      close: async () => {
        await this.control('cancel', '-L', spec).catch(() => undefined);
      },
    };
  }

  /**
   * Asks the master for a local forward (`-O forward -L spec`). A master that died with the link
   * refuses every forward: that is thrown as the lost connection it is, so no caller blames the
   * host's sshd settings for it. Any other refusal is returned.
   */
  async forward(spec: string): Promise<SshRunResult> {
    const result = await this.control('forward', '-L', spec);
    if (result.code !== 0) {
      const lost = await this.diagnose();
      if (lost) throw lost;
    }
    return result;
  }

  /** Sends a control command (`-O forward`, `-O cancel`, `-O check`) to the master. */
  control(operation: 'check' | 'forward' | 'cancel', ...options: string[]): Promise<SshRunResult> {
    this.assertOpen();
    return runSsh(this.sshBinary, [
      '-F',
      this.configPath,
      ...(this.port ? ['-p', this.port] : []),
      '-O',
      operation,
      ...options,
      '--',
      this.destination,
    ]);
  }

  /**
   * After a command over this connection failed: was it the connection? The master lives for
   * the whole step, so a master that answers means the link is fine and the failure is the
   * command's. A master that is gone means the link dropped; a fresh connection then tells, by
   * OpenSSH's exit 255 and its own words, whether the host key or the key was refused.
   */
  async diagnose(): Promise<SshError | undefined> {
    if (this.closed) return undefined;
    const port = this.port ? ['-p', this.port] : [];
    const check = await runSsh(this.sshBinary, ['-F', this.configPath, '-O', 'check', ...port, this.destination], {
      timeoutMs: 5_000,
    });
    if (check.code === 0) return undefined;
    const probe = await runSsh(this.sshBinary, ['-F', this.configPath, ...port, this.destination, '--', 'true'], {
      timeoutMs: 20_000,
    });
    const said = probe.stderr.trim().split('\n').filter(Boolean).at(-1) ?? '';
    const failure = probe.code === 255 ? sshFailureOf(probe.stderr) : 'lost';
    if (failure !== 'lost') return new SshError(failure, this.display, said);
    return new SshError(
      'lost',
      this.display,
      probe.code === 0 ? 'the connection dropped and came back' : said || `ssh exit ${probe.code}`,
    );
  }

  /** Ends the master (and every forward on it) and removes the key. Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await runSsh(this.sshBinary, [
        '-F',
        this.configPath,
        ...(this.port ? ['-p', this.port] : []),
        '-O',
        'exit',
        '--',
        this.destination,
      ]);
      await rm(this.dir, { recursive: true, force: true });
    })();
    return this.closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`The SSH connection to ${this.display} is closed`);
  }
}

function parseSshHost(host: string): { display: string; destination: string; port?: string } {
  let url: URL;
  try {
    url = new URL(host.trim());
  } catch {
    throw new UserError(`Host '${host}' must be ssh://user@host[:port]`);
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol !== 'ssh:' || !hostname || url.pathname || url.search || url.hash || url.password) {
    throw new UserError(`Host '${host}' must be ssh://user@host[:port]`);
  }
  // Names that ssh could read as options, or a shell as words, never reach its argv.
  if (!/^[\w.:-]+$/.test(hostname) || hostname.startsWith('-') || (url.username && !/^[\w.-]+$/.test(url.username))) {
    throw new UserError(`Host '${host}' has characters a host or user name cannot have`);
  }
  const destination = url.username ? `${url.username}@${hostname}` : hostname;
  return { display: `ssh://${destination}${url.port ? `:${url.port}` : ''}`, destination, port: url.port || undefined };
}

/** Why the master did not start, from OpenSSH's own words; anything but a refusal is a host not reached. */
function connectionError(display: string, log: string): SshError {
  const text = log.trim();
  const failure = sshFailureOf(text);
  if (failure !== 'lost') return new SshError(failure, display, text.split('\n')[0] ?? '');
  return new SshError(
    'lost',
    display,
    `could not connect (${text || 'no answer'}); check that the host is up and that the runner can reach its SSH port`,
  );
}

/** The wrapper and config name paths unquoted, so the folder must be a plain path. */
function plainTempDir(preferred: string | undefined): string {
  for (const candidate of [preferred, process.env.RUNNER_TEMP, os.tmpdir(), '/tmp']) {
    if (candidate && /^[\w./-]+$/.test(candidate) && candidate.length <= 60) return candidate;
  }
  throw new UserError('No temporary folder with a short plain path for the SSH key: set RUNNER_TEMP to one');
}

function findSsh(searchPath?: string[]): string {
  for (const dir of searchPath ?? [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/bin']) {
    if (!dir || !/^[\w./-]+$/.test(dir)) continue;
    const candidate = path.join(dir, 'ssh');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  throw new UserError('No ssh client on this runner: install openssh-client to reach an ssh:// host');
}
