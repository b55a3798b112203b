// A self-hosted runner with Paved installed has the paved command on its PATH; so do the steps
// paved run starts, which is how the build job's `paved check` runs here as it does there.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** Writes a `paved` launcher into `dir`/bin and returns that folder, to put first on PATH. */
export function pavedCommandFolder(dir: string, pavedRoot: string, node = process.execPath): string {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const launcher = path.join(bin, 'paved');
  const entry = path.join(pavedRoot, 'packages', 'cli', 'bin', 'paved.js');
  writeFileSync(launcher, `#!/bin/sh\nexec ${quote(node)} ${quote(entry)} "$@"\n`);
  chmodSync(launcher, 0o755);
  return bin;
}
