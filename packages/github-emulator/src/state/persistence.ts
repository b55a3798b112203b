import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { emptyState, type EmulatorState } from './model.js';

/** Reads a saved state, or starts empty when the file does not exist yet. */
export function loadState(file: string): EmulatorState {
  if (!existsSync(file)) return emptyState();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<EmulatorState>;
  if (parsed.version !== 1 || !Array.isArray(parsed.repositories) || typeof parsed.nextId !== 'number') {
    throw new Error(`${file} is not a GitHub emulator state file (expected version 1)`);
  }
  return parsed as EmulatorState;
}

/** Writes through a temporary file so an interrupted run never leaves half a state behind. */
export function saveState(file: string, state: EmulatorState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}
