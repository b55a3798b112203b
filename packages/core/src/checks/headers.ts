import { InputError } from '../action/index.js';

const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/;

/**
 * Reads `Name: value` lines (the `headers` input) into a header map. Errors say which line is
 * wrong but never echo it: these lines usually carry credentials.
 */
export function parseRequestHeaders(lines: readonly string[], input = 'headers'): Record<string, string> {
  const headers: Record<string, string> = {};
  lines.forEach((line, index) => {
    const match = HEADER_LINE.exec(line.trim());
    if (!match) {
      throw new InputError(
        input,
        `Input '${input}' must be one Name: value header per line; line ${index + 1} is not (its text is not shown: it may be a secret)`,
      );
    }
    headers[match[1] as string] = (match[2] as string).trim();
  });
  return headers;
}

/** Layers header maps, later ones winning, comparing names without regard to case. */
export function mergeHeaders(...layers: Record<string, string>[]): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer)) merged.set(name.toLowerCase(), [name, value]);
  }
  return Object.fromEntries(merged.values());
}
