import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WRAPPER = fileURLToPath(new URL('../../jaeger/', import.meta.url));

/** The Jaeger version the wrapper module pins: its go.mod is the one place it is written. */
export function jaegerVersion(): string {
  const goMod = readFileSync(join(WRAPPER, 'go.mod'), 'utf8');
  const version = /^\s*(?:require\s+)?github\.com\/jaegertracing\/jaeger (v\S+)/m.exec(goMod)?.[1];
  if (!version) throw new Error(`No "github.com/jaegertracing/jaeger vX.Y.Z" requirement in ${WRAPPER}go.mod`);
  return version;
}

/** Where scripts/build-jaeger.sh puts the binary (same rule as the script). */
export function jaegerBinDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAVED_JAEGER_BIN) return env.PAVED_JAEGER_BIN;
  const cacheRoot = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheRoot, 'paved', 'jaeger', jaegerVersion());
}

/** The built `jaeger` program, or undefined when scripts/build-jaeger.sh has not run. */
export function findJaegerBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = join(jaegerBinDir(env), 'jaeger');
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

/** The built `jaeger` program, or an error saying how to build it. */
export function jaegerBinary(env: NodeJS.ProcessEnv = process.env): string {
  const path = findJaegerBinary(env);
  if (!path) {
    throw new Error(`Jaeger missing in ${jaegerBinDir(env)}. Build it with scripts/build-jaeger.sh (needs Go).`);
  }
  return path;
}
