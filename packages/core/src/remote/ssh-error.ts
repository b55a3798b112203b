import { PlatformError } from '../action/errors.js';

/** Why an SSH connection failed, as OpenSSH itself reports it (exit 255 and its own message). */
export type SshFailure = 'host-key' | 'auth' | 'lost';

/** The SSH connection to a host failed: named for the person, with what to check. */
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

/** What OpenSSH's own words on stderr (or its -E log) say went wrong. */
export function sshFailureOf(said: string): SshFailure {
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .*host key is known/i.test(said)) {
    return 'host-key';
  }
  if (/Permission denied/i.test(said)) return 'auth';
  return 'lost';
}

function sshMessage(failure: SshFailure, host: string, detail: string): string {
  if (failure === 'host-key') {
    return (
      `The SSH host key of ${host} does not match its known-hosts line: check known-hosts (ssh-keyscan the host) ` +
      `before trusting it (${detail})`
    );
  }
  if (failure === 'auth')
    return `${host} refused the SSH key: check ssh-key and the user's authorized_keys (${detail})`;
  return `Lost the SSH connection to ${host}: ${detail}`;
}
