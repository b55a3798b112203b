import { readFile } from 'node:fs/promises';
import { runProgram } from '../process/run-program.js';

export interface KeyPair {
  privateKeyPath: string;
  privateKey: string;
  /** "ssh-ed25519 AAAA…" without the comment. */
  publicKey: string;
}

/** Generates an ed25519 key pair without a passphrase. */
export async function generateEd25519(path: string, comment: string): Promise<KeyPair> {
  await runProgram('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path], { timeoutMs: 15_000 });
  const [privateKey, publicLine] = await Promise.all([readFile(path, 'utf8'), readFile(`${path}.pub`, 'utf8')]);
  const publicKey = publicLine.trim().split(/\s+/).slice(0, 2).join(' ');
  return { privateKeyPath: path, privateKey, publicKey };
}
