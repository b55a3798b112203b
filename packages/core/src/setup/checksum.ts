import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { UserError } from '../action/errors.js';

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The digest SHASUMS256.txt (`<hex>  <filename>` per line) gives a file, or undefined. */
export function shasumFor(shasums: string, filename: string): string | undefined {
  for (const line of shasums.split(/\r?\n/)) {
    const match = /^([0-9a-f]{64})\s+\*?(\S+)$/i.exec(line.trim());
    if (match && match[2] === filename) return match[1]?.toLowerCase();
  }
  return undefined;
}

/**
 * Throws, after deleting the file, when its SHA-256 is not the published one: a truncated
 * download or a tampered mirror must never reach the tool cache, where later jobs would trust it.
 */
export async function verifySha256(file: string, expected: string, what: string, source: string): Promise<void> {
  const actual = await sha256OfFile(file);
  if (actual === expected.toLowerCase()) return;
  await unlink(file).catch(() => undefined);
  throw new UserError(
    `Checksum mismatch for ${what}: the download has SHA-256 ${actual}, but ${source} publishes ${expected}. ` +
      'The archive is corrupt or was altered; nothing was installed. Re-run the job; if it persists, fix or stop using the mirror.',
  );
}
