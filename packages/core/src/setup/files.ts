import { readFileSync, statSync } from 'node:fs';

/** The file's text, or undefined when it does not exist (any other error still throws). */
export function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      return undefined;
    }
    throw error;
  }
}

export function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The first line of a version file such as .nvmrc or .python-version that is not blank or a
 * comment: nvm and pyenv both accept comments, and editors add trailing newlines.
 */
export function firstVersionLine(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line !== '') return line;
  }
  return undefined;
}

/** The version asdf/mise's `.tool-versions` gives a tool (the first of several listed). */
export function toolVersionsEntry(text: string, names: string[]): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const [tool, version] = raw.replace(/#.*$/, '').trim().split(/\s+/);
    if (tool && version && names.includes(tool)) return version;
  }
  return undefined;
}

/**
 * `key = "value"` from one `[section]` of a TOML file. Enough for pyproject's
 * `[project] version` and `requires-python` without a TOML parser in every bundle; values
 * spanning lines or using literal strings beyond '...' are not needed for these keys.
 */
export function tomlString(text: string, section: string, key: string): string | undefined {
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = header[1] ?? '';
      continue;
    }
    if (current !== section) continue;
    const match = new RegExp(`^${key.replace(/[-.]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(line);
    if (match) return match[1] ?? match[2];
  }
  return undefined;
}

export function hasTomlSection(text: string, section: string): boolean {
  return text.split(/\r?\n/).some((line) => line.trim() === `[${section}]`);
}
