import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SshSession } from '../../src/remote/index.js';

// A short plain folder: the session refuses paths its config could not name unquoted.
const tempDir = () => mkdtempSync(path.join('/tmp', 'pvk-'));
const KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';
const KNOWN = 'deploy.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

describe('SshSession key files', () => {
  it('writes no key when the runner has no ssh client, and says what to install', async () => {
    const dir = tempDir();
    const empty = mkdtempSync(path.join(os.tmpdir(), 'no-ssh-'));
    await expect(
      SshSession.open({
        host: 'ssh://deploy@deploy.example',
        sshKey: KEY,
        knownHosts: KNOWN,
        tempDir: dir,
        searchPath: [empty],
      }),
    ).rejects.toThrow('No ssh client on this runner: install openssh-client');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes no key before known-hosts is checked', async () => {
    const dir = tempDir();
    await expect(
      SshSession.open({ host: 'ssh://deploy@deploy.example', sshKey: KEY, knownHosts: ' ', tempDir: dir }),
    ).rejects.toThrow('No known-hosts line for ssh://deploy@deploy.example');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the key when ssh fails, and when ssh cannot even be started', async () => {
    for (const script of [
      '#!/bin/sh\necho "Permission denied (publickey)." >&2\nexit 255\n',
      '#!/nonexistent/interpreter\n',
    ]) {
      const dir = tempDir();
      const bin = mkdtempSync(path.join(os.tmpdir(), 'fake-ssh-'));
      writeFileSync(path.join(bin, 'ssh'), script);
      chmodSync(path.join(bin, 'ssh'), 0o755);
      await expect(
        SshSession.open({
          host: 'ssh://deploy@deploy.example',
          sshKey: KEY,
          knownHosts: KNOWN,
          tempDir: dir,
          searchPath: [bin],
        }),
      ).rejects.toThrow();
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});
