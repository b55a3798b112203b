import * as core from '@actions/core';
import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseDuration } from './duration.js';
import { InputError } from './errors.js';

/** Where input values come from: the runner's `INPUT_*` variables, or anything a test hands in. */
export type InputSource = (name: string) => string;

/** Reads inputs the way the runner passes them (`INPUT_<NAME>`, spaces as `_`, upper-cased). */
export function runnerInputSource(env: NodeJS.ProcessEnv = process.env): InputSource {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export interface InputReaderOptions {
  /** Paths read with `path()` must stay inside this folder. Defaults to `GITHUB_WORKSPACE`, then the cwd. */
  workspace?: string;
  /** Called with every value read through `secret()`, so it never shows in a log. */
  mask?: (value: string) => void;
}

interface Common<T> {
  required?: boolean;
  default?: T;
}

interface StringOptions extends Common<string> {
  pattern?: RegExp;
  form?: string;
}

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

/**
 * Typed readers for action inputs. Each one either returns a value of its type or throws an
 * InputError that names the input, the form it expects and what it got, so a person can fix
 * the workflow from the message alone.
 */
export class InputReader {
  /** Every input name read so far, in order: the consistency tests compare it with action.yml. */
  readonly names: string[] = [];
  readonly workspace: string;
  private readonly source: InputSource;
  private readonly mask: (value: string) => void;

  constructor(source: InputSource = runnerInputSource(), options: InputReaderOptions = {}) {
    this.source = source;
    this.workspace = path.resolve(options.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd());
    this.mask = options.mask ?? ((value) => core.setSecret(value));
  }

  private raw(name: string): string {
    if (!this.names.includes(name)) this.names.push(name);
    return this.source(name).trim();
  }

  private missing(name: string, form: string): InputError {
    return new InputError(name, `Input '${name}' is required: set it to ${form}`);
  }

  private invalid(name: string, form: string, got: string): InputError {
    return new InputError(name, `Input '${name}' must be ${form}, got '${got}'`);
  }

  /** A string; with `pattern`, it must match, and `form` says in words what that means. */
  string(name: string, options: StringOptions & { required: true }): string;
  string(name: string, options: StringOptions & { default: string }): string;
  string(name: string, options?: StringOptions): string | undefined;
  string(name: string, options: StringOptions = {}): string | undefined {
    const value = this.raw(name);
    const form = options.form ?? 'a non-empty value';
    if (value === '') {
      if (options.default !== undefined) return options.default;
      if (options.required) throw this.missing(name, form);
      return undefined;
    }
    if (options.pattern && !options.pattern.test(value)) throw this.invalid(name, form, value);
    return value;
  }

  /** A string that must never be logged: masked before anything else can print it. */
  secret(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.raw(name);
    if (value === '') {
      if (options.required) throw this.missing(name, 'a secret, e.g. ${{ secrets.NAME }}');
      return undefined;
    }
    this.mask(value);
    // The runner matches masks line by line: a multi-line secret (an SSH key, a kubeconfig) is
    // masked a line at a time too, except its armour lines, which are no secret and too common.
    if (value.includes('\n')) {
      for (const line of value.split(/\r?\n/)) {
        const text = line.trim();
        if (text.length >= 8 && !/^-----(BEGIN|END) [A-Z ]+-----$/.test(text)) this.mask(text);
      }
    }
    return value;
  }

  /**
   * Secret lines such as `NAME=value` or `Header: value`. Each line and each value is masked
   * on its own: the runner matches masks line by line, so masking the block alone would leave
   * single values visible.
   */
  secretList(name: string): string[] {
    const lines = this.raw(name)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const line of lines) {
      this.mask(line);
      const value = line.replace(/^[^=:]*[=:]\s*/, '');
      if (value !== line && value.length > 0) this.mask(value);
    }
    return lines;
  }

  boolean(name: string, options: { default: boolean }): boolean {
    const value = this.raw(name);
    if (value === '') return options.default;
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    throw this.invalid(name, 'a boolean (true or false)', value);
  }

  enum<T extends string>(name: string, allowed: readonly T[], options: Common<T> & { default: T }): T;
  enum<T extends string>(name: string, allowed: readonly T[], options?: Common<T>): T | undefined;
  enum<T extends string>(name: string, allowed: readonly T[], options: Common<T> = {}): T | undefined {
    const value = this.raw(name);
    const form = `one of ${allowed.join(', ')}`;
    if (value === '') {
      if (options.default !== undefined) return options.default;
      if (options.required) throw this.missing(name, form);
      return undefined;
    }
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw this.invalid(name, form, value);
  }

  integer(name: string, options: Common<number> & { default: number; min?: number; max?: number }): number;
  integer(name: string, options?: Common<number> & { min?: number; max?: number }): number | undefined;
  integer(name: string, options: Common<number> & { min?: number; max?: number } = {}): number | undefined {
    const value = this.raw(name);
    const form = describeRange('an integer', options.min, options.max);
    if (value === '') {
      if (options.default !== undefined) return options.default;
      if (options.required) throw this.missing(name, form);
      return undefined;
    }
    if (!/^[+-]?\d+$/.test(value)) throw this.invalid(name, form, value);
    const number = Number(value);
    if (!Number.isSafeInteger(number)) throw this.invalid(name, form, value);
    if (options.min !== undefined && number < options.min) throw this.invalid(name, form, value);
    if (options.max !== undefined && number > options.max) throw this.invalid(name, form, value);
    return number;
  }

  /** A duration such as `500ms`, `90s`, `5m`, `1h` or `1m30s`, returned in milliseconds. */
  duration(name: string, options: { default: string; min?: string; max?: string }): number;
  duration(name: string, options?: { required?: boolean; min?: string; max?: string }): number | undefined;
  duration(
    name: string,
    options: { required?: boolean; default?: string; min?: string; max?: string } = {},
  ): number | undefined {
    const given = this.raw(name);
    const value = given === '' ? (options.default ?? '') : given;
    const form = describeRange('a duration like 90s or 5m', options.min, options.max);
    if (value === '') {
      if (options.required) throw this.missing(name, form);
      return undefined;
    }
    const ms = parseDuration(value);
    if (ms === undefined) throw this.invalid(name, form, value);
    if (options.min !== undefined && ms < (parseDuration(options.min) ?? 0)) throw this.invalid(name, form, value);
    if (options.max !== undefined && ms > (parseDuration(options.max) ?? Infinity)) {
      throw this.invalid(name, form, value);
    }
    return ms;
  }

  /**
   * A list, one item per line or comma-separated. Lines starting with `#` are comments.
   * Pass `{ comma: false }` for items that may themselves hold commas (build args, env lines).
   */
  list(name: string, options: { required?: boolean; comma?: boolean } = {}): string[] {
    const value = this.raw(name);
    const items = value
      .split(/\r?\n/)
      .filter((line) => !line.trim().startsWith('#'))
      .flatMap((line) => (options.comma === false ? [line] : line.split(',')))
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (items.length === 0 && options.required) throw this.missing(name, 'one or more items, one per line');
    return items;
  }

  /** A list whose every item must be one of `allowed`. */
  enumList<T extends string>(name: string, allowed: readonly T[], options: { required?: boolean } = {}): T[] {
    const items = this.list(name, options);
    for (const item of items) {
      if (!(allowed as readonly string[]).includes(item)) {
        throw this.invalid(name, `a list of ${allowed.join(', ')}`, item);
      }
    }
    return items as T[];
  }

  /** An absolute URL; by default only http and https are accepted. */
  url(name: string, options: { required: true; protocols?: string[] }): URL;
  url(name: string, options?: { required?: boolean; protocols?: string[] }): URL | undefined;
  url(name: string, options: { required?: boolean; protocols?: string[] } = {}): URL | undefined {
    const value = this.raw(name);
    const protocols = options.protocols ?? ['http', 'https'];
    const form = `an absolute ${protocols.join(' or ')} URL like ${protocols[0]}://example.com`;
    if (value === '') {
      if (options.required) throw this.missing(name, form);
      return undefined;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw this.invalid(name, form, value);
    }
    if (!protocols.includes(url.protocol.replace(/:$/, ''))) throw this.invalid(name, form, value);
    return url;
  }

  /**
   * A path relative to the workspace (or absolute but inside it), returned absolute. Paths
   * that lead outside the workspace, directly or through a symbolic link, are refused: an
   * input must not make an action read or write the runner's other files.
   */
  path(name: string, options: { required: true; default?: string; mustExist?: 'file' | 'directory' }): string;
  path(
    name: string,
    options?: { required?: boolean; default?: string; mustExist?: 'file' | 'directory' },
  ): string | undefined;
  path(
    name: string,
    options: { required?: boolean; default?: string; mustExist?: 'file' | 'directory' } = {},
  ): string | undefined {
    const given = this.raw(name);
    const value = given === '' ? (options.default ?? '') : given;
    if (value === '') {
      if (options.required) throw this.missing(name, 'a path inside the workspace');
      return undefined;
    }
    const resolved = path.resolve(this.workspace, value);
    const inside = `a path inside the workspace (${this.workspace})`;
    if (!isInside(this.workspace, resolved)) throw this.invalid(name, inside, value);
    let stats;
    try {
      stats = statSync(resolved);
    } catch {
      stats = undefined;
    }
    if (stats) {
      if (!isInside(realpathOrSelf(this.workspace), realpathSync(resolved))) {
        throw this.invalid(name, `${inside}; it is a link that leads outside`, value);
      }
    }
    if (options.mustExist) {
      const isKind = options.mustExist === 'file' ? stats?.isFile() : stats?.isDirectory();
      if (!isKind) throw this.invalid(name, `an existing ${options.mustExist} inside the workspace`, value);
    }
    return resolved;
  }
}

function describeRange(what: string, min?: number | string, max?: number | string): string {
  if (min !== undefined && max !== undefined) return `${what} from ${min} to ${max}`;
  if (min !== undefined) return `${what} of at least ${min}`;
  if (max !== undefined) return `${what} of at most ${max}`;
  return what;
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realpathOrSelf(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}
