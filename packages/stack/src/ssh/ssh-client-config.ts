import { access, chmod, mkdir, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface ClientConfigInput {
  dir: string;
  host: string;
  port: number;
  user: string;
  identityFile: string;
  knownHostsFile: string;
}

export interface ClientConfig {
  sshConfigPath: string;
  /** Folder holding an `ssh` wrapper that adds `-F <sshConfigPath>`; put it first on PATH. */
  binDir: string;
}

/*
 * The docker CLI runs plain `ssh` from PATH for ssh:// hosts and offers no way to pass options,
 * and OpenSSH reads ~/.ssh from the passwd entry, not $HOME, so a temporary HOME does not work.
 * A wrapper named `ssh` that adds `-F <our config>` does, without touching the user's ~/.ssh.
 */
export async function writeClientConfig(input: ClientConfigInput): Promise<ClientConfig> {
  const sshConfigPath = join(input.dir, 'ssh_config');
  const binDir = join(input.dir, 'bin');
  if (!/^[\w./-]+$/.test(sshConfigPath)) {
    throw new Error(`State folder ${input.dir} has characters the ssh wrapper cannot quote; use a plain path.`);
  }
  const config = [
    `Host ${input.host} paved-stack`,
    `  HostName ${input.host}`,
    `  Port ${input.port}`,
    `  User ${input.user}`,
    `  IdentityFile ${input.identityFile}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${input.knownHostsFile}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    '  PasswordAuthentication no',
    '  LogLevel ERROR',
    '',
  ].join('\n');
  await writeFile(sshConfigPath, config, { mode: 0o600 });
  await mkdir(binDir, { recursive: true });
  const wrapper = join(binDir, 'ssh');
  // An absolute path: with binDir first on PATH, a bare `ssh` would run the wrapper itself.
  const realSsh = await findSsh();
  await writeFile(wrapper, `#!/bin/sh\nexec ${realSsh} -F ${sshConfigPath} "$@"\n`);
  await chmod(wrapper, 0o755);
  return { sshConfigPath, binDir };
}

async function findSsh(): Promise<string> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'ssh');
    try {
      await access(candidate, constants.X_OK);
      if (/^[\w./-]+$/.test(candidate)) return candidate;
    } catch {
      // Not here.
    }
  }
  throw new Error('No ssh client found. Install openssh-client (scripts/install-stack.sh).');
}
