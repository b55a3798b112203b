import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Every folder made here is removed after the test file (packages/test-support/src/jest/setup.ts
// registers removeTemporaryDirectories), so a test never leaves one in the temp dir, whatever
// it asserts.
const created: string[] = [];

/** A fresh folder in the temp dir, removed after the test file. */
export function temporaryDirectory(prefix = 'paved-tmp-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A fresh folder in the temp dir holding the given files (paths relative to it). */
export function makeWorkspace(files: Record<string, string> = {}, prefix = 'paved-ws-'): string {
  const dir = temporaryDirectory(prefix);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** A file only its owner may read (0600), in a folder of its own removed after the test file. */
export function secretsFile(content: string, name = 'secrets.env'): string {
  const file = path.join(temporaryDirectory('paved-secrets-'), name);
  writeFileSync(file, content, { mode: 0o600 });
  // The mode given to writeFileSync is filtered by the umask; say it again.
  chmodSync(file, 0o600);
  return file;
}

/** Removes every folder made so far; what is already gone is fine. */
export function removeTemporaryDirectories(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
