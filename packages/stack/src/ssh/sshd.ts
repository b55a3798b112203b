import { access, mkdir, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { awaitReady, startDaemon } from '../process/daemon.js';
import { freePort } from '../process/free-port.js';
import { runProgram } from '../process/run-program.js';
import { cleanOnFailure, removeStateDir, serviceDir } from '../process/state-dir.js';
import { writeClientConfig } from './ssh-client-config.js';
import { generateEd25519, type KeyPair } from './ssh-keys.js';

export interface SshServerOptions {
  dir?: string;
  port?: number;
  /** DOCKER_HOST that sshd sets for sessions (so `docker system dial-stdio` finds the engine). */
  dockerHost?: string;
  timeoutMs?: number;
  /** Address sshd listens on; default 127.0.0.1. */
  host?: string;
  /** Run sshd inside this named network namespace (/var/run/netns/<name>). */
  netns?: string;
  /** Authorise this client key instead of generating one (a fleet shares one key). */
  clientKey?: KeyPair;
  /** Folder name below `dir`; default "ssh". */
  name?: string;
  /** false: sshd refuses unix-socket forwards (AllowStreamLocalForwarding no), as some hardened hosts do. */
  socketForwarding?: boolean;
}

export interface SshServer {
  readonly user: string;
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  readonly logFile: string;
  /** State folder, removed by stop(). */
  readonly dir: string;
  readonly privateKeyPath: string;
  readonly privateKey: string;
  readonly publicKey: string;
  /** "[127.0.0.1]:PORT ssh-ed25519 AAAA…" ("HOST ssh-ed25519 …" on port 22), the pinned host key. */
  readonly knownHostsLine: string;
  readonly knownHostsPath: string;
  /** ssh_config with key, port, user and pinned host key; use `ssh -F <this>`. */
  readonly sshConfigPath: string;
  /** argv prefix for an ssh client using that config, e.g. for GIT_SSH_COMMAND. */
  readonly sshCommand: string[];
  /** ssh://user@127.0.0.1:PORT (no port when it is 22) */
  readonly dockerHost: string;
  /**
   * Environment for a docker CLI talking to the engine over SSH: DOCKER_HOST=ssh://… and PATH
   * starting with a folder whose `ssh` wrapper adds `-F <sshConfigPath>`.
   */
  dockerEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Starts an OpenSSH server on loopback that accepts one generated ed25519 client key. */
export async function startSshServer(options: SshServerOptions = {}): Promise<SshServer> {
  for (let attempt = 1; ; attempt++) {
    const dir = await serviceDir(options.dir, options.name ?? 'ssh');
    try {
      return await cleanOnFailure(dir, () => launchSshServer(options, dir));
    } catch (error) {
      // A port found free is released before sshd binds it, and a connection elsewhere may get
      // it as its local port in between (sshd's log says so): another port then, not a failure.
      const taken = /Address already in use/.test((error as Error).message);
      if (options.port !== undefined || !taken || attempt >= 3) throw error;
    }
  }
}

async function launchSshServer(options: SshServerOptions, dir: string): Promise<SshServer> {
  const port = options.port ?? (await freePort());
  const host = options.host ?? '127.0.0.1';
  const user = userInfo().username;
  const logFile = join(dir, 'sshd.log');
  const configFile = join(dir, 'sshd_config');
  const authorizedKeys = join(dir, 'authorized_keys');
  const knownHostsPath = join(dir, 'known_hosts');
  const sshd = await findSshd();
  // sshd refuses to start without its privilege-separation folder.
  if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });

  const [hostKey, clientKey] = await Promise.all([
    generateEd25519(join(dir, 'host_key'), 'paved-stack-host'),
    options.clientKey ?? generateEd25519(join(dir, 'client_key'), 'paved-stack-client'),
  ]);
  // OpenSSH writes the default port without brackets, and only that form matches it.
  const knownHostsLine = `${port === 22 ? host : `[${host}]:${port}`} ${hostKey.publicKey}`;
  await Promise.all([
    writeFile(authorizedKeys, `${clientKey.publicKey}\n`, { mode: 0o600 }),
    writeFile(knownHostsPath, `${knownHostsLine}\n`, { mode: 0o600 }),
    writeFile(
      configFile,
      [
        `Port ${port}`,
        `ListenAddress ${host}`,
        `HostKey ${hostKey.privateKeyPath}`,
        `AuthorizedKeysFile ${authorizedKeys}`,
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        'StrictModes no',
        'UsePAM no',
        `PidFile ${join(dir, 'sshd.pid')}`,
        ...(options.dockerHost ? [`SetEnv DOCKER_HOST=${options.dockerHost}`] : []),
        ...(options.socketForwarding === false ? ['AllowStreamLocalForwarding no'] : []),
        '',
      ].join('\n'),
    ),
  ]);
  const client = await writeClientConfig({
    dir,
    host,
    port,
    user,
    identityFile: clientKey.privateKeyPath,
    knownHostsFile: knownHostsPath,
  });

  // -D keeps sshd in the foreground so the PID we hold is the listener's.
  const sshdCommand = [...(await withoutMachineBashrc(dir)), sshd, '-D', '-e', '-f', configFile];
  // sshd re-executes itself per connection; nsenter, unshare and sh exec it, so the PID is the listener's.
  const daemon = options.netns
    ? startDaemon({
        name: `sshd in ${options.netns}`,
        command: 'nsenter',
        args: [`--net=/var/run/netns/${options.netns}`, '--', ...sshdCommand],
        logFile,
      })
    : startDaemon({ name: 'sshd', command: sshdCommand[0]!, args: sshdCommand.slice(1), logFile });
  const timeoutMs = options.timeoutMs ?? 20_000;
  await awaitReady(daemon, () => answersWithBanner(host, port), timeoutMs);
  const login = await runProgram('ssh', ['-F', client.sshConfigPath, '-p', String(port), host, 'true'], {
    allowFailure: true,
    timeoutMs: 15_000,
  });
  if (login.code !== 0) {
    await daemon.stop(2_000);
    throw new Error(`sshd started but refused the generated key: ${login.stderr.trim()}. See ${logFile}.`);
  }

  const dockerHost = `ssh://${user}@${host}${port === 22 ? '' : `:${port}`}`;
  return {
    user,
    host,
    port,
    pid: daemon.pid,
    logFile,
    dir,
    privateKeyPath: clientKey.privateKeyPath,
    privateKey: clientKey.privateKey,
    publicKey: clientKey.publicKey,
    knownHostsLine,
    knownHostsPath,
    sshConfigPath: client.sshConfigPath,
    sshCommand: ['ssh', '-F', client.sshConfigPath],
    dockerHost,
    dockerEnv: (base = process.env) => ({
      ...base,
      DOCKER_HOST: dockerHost,
      PATH: `${client.binDir}:${base.PATH ?? '/usr/local/bin:/usr/bin:/bin'}`,
    }),
    stop: async () => {
      await daemon.stop();
      await removeStateDir(dir);
    },
  };
}

async function findSshd(): Promise<string> {
  // sshd re-executes itself and insists on an absolute path.
  for (const candidate of ['/usr/sbin/sshd', '/usr/local/sbin/sshd']) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // Try the next.
    }
  }
  throw new Error('sshd not found. Install openssh-server (scripts/install-stack.sh).');
}

function answersWithBanner(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('data', (chunk: Buffer) => done(chunk.toString('latin1').startsWith('SSH-')));
    socket.once('error', () => done(false));
  });
}

/**
 * A prefix that starts sshd in its own mount namespace with the login user's ~/.bashrc masked by
 * an empty file. Bash reads ~/.bashrc for every command sshd runs; this machine's runs `pyenv
 * init` (about 0.2 s of CPU) where a host's deploy user has none, or returns at once when not
 * interactive as Debian's does. Unmasked, every SSH session the tests measure would carry it.
 * Only root may make the namespace; anyone else gets the machine's file.
 */
async function withoutMachineBashrc(dir: string): Promise<string[]> {
  // sshd takes the home folder from passwd, not from HOME.
  const bashrc = join(userInfo().homedir, '.bashrc');
  if (process.getuid?.() !== 0 || !(await stat(bashrc).catch(() => undefined))?.isFile()) return [];
  const empty = join(dir, 'empty-bashrc');
  await writeFile(empty, '', { mode: 0o644 });
  return [
    'unshare',
    '--mount',
    '--',
    'sh',
    '-c',
    'mount --bind "$1" "$2" && shift 2 && exec "$@"',
    'sh',
    empty,
    bashrc,
  ];
}
