import { UserError } from '../action/errors.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses a dotenv file: `NAME=value` lines, `#` comments, an optional `export `, and values in
 * single or double quotes (double quotes understand \n, \" and \\). Nothing is expanded: a `$`
 * is a dollar sign.
 */
export function parseDotenv(text: string, file: string): Record<string, string> {
  // No prototype: a variable named __proto__ or constructor is a variable like any other.
  const values: Record<string, string> = Object.create(null);
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!match || !NAME.test(match[1] as string)) {
      throw new UserError(`${file} line ${index + 1}: expected NAME=value, got '${line.slice(0, 40)}'`);
    }
    values[match[1] as string] = unquote(match[2] as string);
  });
  return values;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    const inner = value.slice(1, -1);
    return quote === "'" ? inner : inner.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  // An unquoted value ends at an inline comment.
  return value.replace(/\s+#.*$/, '');
}

/** `NAME=value` secret lines (the secrets input), as a map; names checked, values kept whole. */
export function parseSecretLines(lines: readonly string[], input: string): Record<string, string> {
  const values: Record<string, string> = Object.create(null);
  for (const line of lines) {
    const index = line.indexOf('=');
    const name = index > 0 ? line.slice(0, index).trim() : '';
    // The value is a secret: the message shows the name only.
    if (!NAME.test(name))
      throw new UserError(`Input '${input}' must hold NAME=value lines; one line has no valid NAME=`);
    values[name] = line.slice(index + 1);
  }
  return values;
}

/**
 * A container environment as `NAME=value` entries, taken literally by the engine and by
 * `docker --env-file`. A file line cannot carry a line break inside a value, so such a value is
 * refused here, on every path, instead of being cut short on the host.
 */
export function envEntries(values: Record<string, string>): string[] {
  return Object.entries(values).map(([name, value]) => {
    if (!NAME.test(name)) throw new UserError(`Environment variable name '${name.slice(0, 40)}' is not valid`);
    if (/[\r\n\0]/.test(value)) {
      throw new UserError(`The value of ${name} holds a line break, which a container environment cannot carry`);
    }
    return `${name}=${value}`;
  });
}

/** Replaces every secret value in text (logs of a failed container) before it reaches a summary. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of [...secrets].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join('***');
  }
  return result;
}
