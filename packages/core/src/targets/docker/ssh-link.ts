import { spawn } from 'node:child_process';
import { PlatformError } from '../../action/errors.js';

/** Why an SSH connection failed, as OpenSSH itself reports it (exit 255 and its own message). */
export type SshFailure = 'host-key' | 'auth' | 'lost';

/** The SSH connection to a Docker host failed: named for the person, with what to check. */
export class SshError extends PlatformError {
  constructor(
    readonly failure: SshFailure,
    readonly host: string,
    readonly detail: string,
  ) {
    super('SSH', sshMessage(failure, host, detail));
    this.name = 'SshError';
  }

  /** The message for a release phase: what the failure left behind, in words. */
  during(phase: string, where: string, state: string): string {
    if (this.failure === 'host-key') {
      return (
        `The SSH host key of ${where} does not match known-hosts, so Paved did not connect. ${state} ` +
        'If the host was rebuilt on purpose, update known-hosts (ssh-keyscan -t ed25519 <host>); otherwise find out who answers there.'
      );
    }
    if (this.failure === 'auth') {
      return `${where} refused the SSH key. ${state} Check ssh-key and that its public key is in the deploy user's authorized_keys.`;
    }
    return `Lost the connection to ${where} during ${phase}: ${this.detail}. ${state} Check the host and re-run.`;
  }
}

function sshMessage(failure: SshFailure, host: string, detail: string): string {
  if (failure === 'host-key') return `The SSH host key of ${host} does not match known-hosts: ${detail}`;
  if (failure === 'auth') return `${host} refused the SSH key: ${detail}`;
  return `Lost the SSH connection to ${host}: ${detail}`;
}

export interface SshLink {
  ssh: string;
  config: string;
  /** `user@host` */
  destination: string;
  port?: string;
  display: string;
}

/**
 * After a docker command over ssh:// failed: was it the SSH link? The multiplexing master lives
 * for the whole step (ControlPersist), so a master that is alive means the link is fine and the
 * failure is Docker's. A master that is gone means the link dropped; a fresh connection then
 * tells, by OpenSSH's exit 255 and its own words, whether the host key or the key was refused.
 */
export async function diagnoseSshLink(link: SshLink): Promise<SshError | undefined> {
  const port = link.port ? ['-p', link.port] : [];
  const check = await runSsh(link.ssh, ['-F', link.config, '-O', 'check', ...port, link.destination], 5_000);
  if (check.code === 0) return undefined;
  const probe = await runSsh(link.ssh, ['-F', link.config, ...port, link.destination, '--', 'true'], 20_000);
  const said = probe.stderr.trim().split('\n').filter(Boolean).at(-1) ?? '';
  if (
    probe.code === 255 &&
    /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(probe.stderr)
  ) {
    return new SshError('host-key', link.display, said);
  }
  if (probe.code === 255 && /Permission denied/i.test(probe.stderr)) return new SshError('auth', link.display, said);
  return new SshError(
    'lost',
    link.display,
    probe.code === 0 ? 'the connection dropped and came back' : said || `ssh exit ${probe.code}`,
  );
}

function runSsh(ssh: string, args: string[], timeoutMs: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(ssh, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: timeoutMs,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ code: -1, stderr: error.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}
