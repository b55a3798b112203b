import path from 'node:path';
import { isFile, readOptional, toolVersionsEntry } from './files.js';
import type { DetectedProject, VersionRequest } from './types.js';

/** A Go module in `dir` (it has go.mod), or undefined. */
export function detectGo(dir: string, versionInput?: string): DetectedProject | undefined {
  const manifest = path.join(dir, 'go.mod');
  const text = readOptional(manifest);
  if (text === undefined) return undefined;
  const sum = path.join(dir, 'go.sum');
  return {
    language: 'go',
    dir,
    manifest,
    version: goVersionRequest(dir, text, versionInput),
    packageManager: { name: 'go', source: 'go.mod' },
    lockfile: isFile(sum) ? sum : undefined,
    expectedLockfile: 'go.sum',
    hasDependencies: /^\s*require\b/m.test(text),
  };
}

/**
 * The input, then go.mod's `toolchain` (the exact release the module was built with), then its
 * `go` line, then .tool-versions. `go 1.22` names a language version, so it means the newest
 * 1.22.x; `go 1.22.3` is exact.
 */
export function goVersionRequest(dir: string, goMod: string, input?: string): VersionRequest | undefined {
  if (input) return { spec: input, source: 'input go-version' };
  const toolchain = /^\s*toolchain\s+go(\S+)/m.exec(goMod)?.[1];
  if (toolchain) return { spec: toolchain, source: 'go.mod toolchain' };
  const go = /^\s*go\s+(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(goMod)?.[1];
  if (go) return { spec: /^\d+\.\d+$/.test(go) ? `~${go}.0` : go, source: 'go.mod go' };
  const tools = readOptional(path.join(dir, '.tool-versions'));
  const fromTools = tools === undefined ? undefined : toolVersionsEntry(tools, ['golang', 'go']);
  return fromTools ? { spec: fromTools, source: '.tool-versions' } : undefined;
}
