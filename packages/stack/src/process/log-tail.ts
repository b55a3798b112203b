import { readFile } from 'node:fs/promises';

/** The last lines of a service's log, for error messages that show why it failed. */
export async function logTail(file: string, lines = 30): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    const all = text.trimEnd().split('\n');
    return all.slice(-lines).join('\n') || '(log is empty)';
  } catch (error) {
    return `(could not read ${file}: ${(error as Error).message})`;
  }
}
