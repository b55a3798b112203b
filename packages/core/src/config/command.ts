import { UserError } from '../action/errors.js';

/**
 * Splits a command line into arguments the way a person reads it — whitespace separates,
 * single and double quotes group, a backslash escapes the next character — and nothing
 * more: no variables, globs, pipes or substitutions, because the result runs without a shell.
 */
export function splitCommand(line: string, what: string): string[] {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < line.length) current += line[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inArg = true;
    } else if (char === '\\' && i + 1 < line.length) {
      current += line[++i];
      inArg = true;
    } else if (/\s/.test(char)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += char;
      inArg = true;
    }
  }
  if (quote) throw new UserError(`${what} has an unclosed ${quote} quote: close it or use a list of arguments`);
  if (inArg) args.push(current);
  if (args.length === 0) throw new UserError(`${what} is empty: give a program and its arguments`);
  return args;
}

/** A command from the config file (string or list) or an input (string), as an argument array. */
export function toArgv(value: string | readonly string[] | undefined, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return splitCommand(value, what);
  return [...value];
}
