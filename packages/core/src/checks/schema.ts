import { parseDuration } from '../action/index.js';
import { ANY_SUCCESS, parseStatusExpectation, STATUS_FORM } from './status.js';
import type { CheckSpec, Expectations } from './types.js';

export const CHECK_KEYS = [
  'name',
  'path',
  'url',
  'method',
  'headers',
  'body',
  'timeout',
  'follow-redirects',
  'repeat',
  'expect',
] as const;
export const EXPECT_KEYS = [
  'status',
  'body-contains',
  'body-not-contains',
  'json',
  'headers',
  'max-latency',
  'tls-min-days',
] as const;
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_REPEAT = 100;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

type Mapping = Record<string, unknown>;

/**
 * Turns the parsed checks file into checks with every default filled in, or returns every
 * problem found. Each problem names the check (by name and index), the key path and the form
 * the key expects, so the file can be fixed from the message alone.
 */
export function validateChecks(
  document: unknown,
  where = 'The checks file',
): { checks: CheckSpec[]; problems: string[] } {
  const problems: string[] = [];
  if (!isMapping(document)) {
    return { checks: [], problems: [`${where} must be a mapping with a checks: list, got ${kind(document)}`] };
  }
  for (const key of Object.keys(document)) {
    if (key !== 'checks')
      problems.push(`${where}: unknown key '${key}'${suggest(key, ['checks'])}; the file holds one key, checks`);
  }
  const list = document.checks;
  if (!Array.isArray(list) || list.length === 0) {
    problems.push(`${where}: checks must be a list of one or more checks, got ${kind(list)}`);
    return { checks: [], problems };
  }
  const checks: CheckSpec[] = [];
  const seen = new Map<string, number>();
  list.forEach((item: unknown, index) => {
    const check = validateCheck(item, index, problems);
    // Names are compared even on checks with other problems, so every problem shows at once.
    const name = check?.name ?? (isMapping(item) && typeof item.name === 'string' ? item.name.trim() : '');
    const first = seen.get(name);
    if (first !== undefined) {
      problems.push(
        `${label(item, index)}: name '${name}' is already used by checks[${first}]; give each check its own name`,
      );
    } else if (name) {
      seen.set(name, index);
    }
    if (check) checks.push(check);
  });
  return { checks, problems };
}

function validateCheck(item: unknown, index: number, problems: string[]): CheckSpec | undefined {
  const where = label(item, index);
  const problem = (key: string, form: string, got: unknown) =>
    problems.push(`${where}: ${key} must be ${form}, got ${show(got)}`);
  if (!isMapping(item)) {
    problems.push(`${where}: must be a mapping with a path or url, got ${kind(item)}`);
    return undefined;
  }
  const before = problems.length;
  unknownKeys(item, CHECK_KEYS, '', where, problems);

  if (item.name !== undefined && (typeof item.name !== 'string' || item.name.trim() === '')) {
    problem('name', 'a non-empty string', item.name);
  }
  let path: string | undefined;
  let url: string | undefined;
  if (item.path !== undefined && item.url !== undefined) {
    problems.push(`${where}: has both path and url; use path (joined to the url input) or url (a full URL)`);
  } else if (item.path !== undefined) {
    if (typeof item.path !== 'string' || item.path.trim() === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(item.path)) {
      problem('path', 'a path like /healthz (use url: for a full URL)', item.path);
    } else {
      path = item.path.trim();
    }
  } else if (item.url !== undefined) {
    if (typeof item.url !== 'string' || !isHttpUrl(item.url.trim())) {
      problem('url', 'an absolute http or https URL like https://example.com/healthz', item.url);
    } else {
      url = item.url.trim();
    }
  } else {
    problems.push(`${where}: needs a path (joined to the url input) or a url (a full URL)`);
  }

  let method = 'GET';
  if (item.method !== undefined) {
    const upper = typeof item.method === 'string' ? item.method.trim().toUpperCase() : '';
    if ((METHODS as readonly string[]).includes(upper)) method = upper;
    else problem('method', `one of ${METHODS.join(', ')}`, item.method);
  }

  const headers = headerMap(item.headers, 'headers', where, problems, true);

  let body: string | undefined;
  let bodyIsJson = false;
  if (typeof item.body === 'string') {
    body = item.body;
  } else if (isMapping(item.body) || Array.isArray(item.body)) {
    body = JSON.stringify(item.body);
    bodyIsJson = true;
  } else if (item.body !== undefined) {
    problem('body', 'a string (sent as is) or a mapping or list (sent as JSON)', item.body);
  }

  const timeoutMs = positiveDuration(item.timeout, 'timeout', where, problems) ?? DEFAULT_TIMEOUT_MS;

  let followRedirects = true;
  if (item['follow-redirects'] !== undefined) {
    if (typeof item['follow-redirects'] === 'boolean') followRedirects = item['follow-redirects'];
    else problem('follow-redirects', 'true or false', item['follow-redirects']);
  }

  let repeat = 1;
  if (item.repeat !== undefined) {
    if (Number.isInteger(item.repeat) && (item.repeat as number) >= 1 && (item.repeat as number) <= MAX_REPEAT) {
      repeat = item.repeat as number;
    } else {
      problem('repeat', `a whole number from 1 to ${MAX_REPEAT}`, item.repeat);
    }
  }

  const expect = validateExpect(item.expect, where, problems);
  if (problems.length > before) return undefined;
  const name = typeof item.name === 'string' ? item.name.trim() : `${method} ${path ?? url}`;
  return {
    name,
    index,
    ...(path !== undefined ? { path } : {}),
    ...(url !== undefined ? { url } : {}),
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    bodyIsJson,
    timeoutMs,
    followRedirects,
    repeat,
    expect,
  };
}

function validateExpect(value: unknown, where: string, problems: string[]): Expectations {
  const expectations: Expectations = { status: ANY_SUCCESS, bodyContains: [], bodyNotContains: [], headers: {} };
  if (value === undefined || value === null) return expectations;
  if (!isMapping(value)) {
    problems.push(
      `${where}: expect must be a mapping of assertions (status, body-contains, json, …), got ${kind(value)}`,
    );
    return expectations;
  }
  unknownKeys(value, EXPECT_KEYS, 'expect.', where, problems);
  if (value.status !== undefined) {
    const status = parseStatusExpectation(value.status);
    if (status) expectations.status = status;
    else problems.push(`${where}: expect.status must be ${STATUS_FORM}, got ${show(value.status)}`);
  }
  expectations.bodyContains = textList(value['body-contains'], 'expect.body-contains', where, problems);
  expectations.bodyNotContains = textList(value['body-not-contains'], 'expect.body-not-contains', where, problems);
  if (Object.hasOwn(value, 'json')) expectations.json = value.json;
  expectations.headers = Object.fromEntries(
    Object.entries(headerMap(value.headers, 'expect.headers', where, problems, false)).map(([name, text]) => [
      name.toLowerCase(),
      text,
    ]),
  );
  const maxLatencyMs = positiveDuration(value['max-latency'], 'expect.max-latency', where, problems);
  if (maxLatencyMs !== undefined) expectations.maxLatencyMs = maxLatencyMs;
  const days = value['tls-min-days'];
  if (days !== undefined) {
    if (typeof days === 'number' && Number.isFinite(days) && days >= 0) expectations.tlsMinDays = days;
    else problems.push(`${where}: expect.tls-min-days must be a number of days of at least 0, got ${show(days)}`);
  }
  return expectations;
}

function headerMap(
  value: unknown,
  key: string,
  where: string,
  problems: string[],
  sent: boolean,
): Record<string, string> {
  if (value === undefined) return {};
  if (!isMapping(value)) {
    problems.push(`${where}: ${key} must be a mapping of Name: value, got ${kind(value)}`);
    return {};
  }
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (!HEADER_NAME.test(name)) {
      problems.push(`${where}: ${key} has '${name}', which is not a valid header name`);
    } else if (!['string', 'number', 'boolean'].includes(typeof text) || /[\r\n]/.test(String(text))) {
      problems.push(`${where}: ${key}.${name} must be a single-line text value, got ${show(text)}`);
    } else if (sent || String(text) !== '') {
      headers[name] = String(text);
    } else {
      problems.push(`${where}: ${key}.${name} must be the text the header value contains, got an empty value`);
    }
  }
  return headers;
}

function textList(value: unknown, key: string, where: string, problems: string[]): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  if (items.length > 0 && items.every((item) => typeof item === 'string' && item !== '')) return items as string[];
  problems.push(`${where}: ${key} must be a non-empty text or a list of them, got ${show(value)}`);
  return [];
}

function positiveDuration(value: unknown, key: string, where: string, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms !== undefined && ms > 0) return ms;
  const hint = typeof value === 'number' ? ' (a bare number: add a unit, like 5s or 500ms)' : '';
  problems.push(`${where}: ${key} must be a positive duration like 5s or 500ms, got ${show(value)}${hint}`);
  return undefined;
}

function unknownKeys(
  value: Mapping,
  allowed: readonly string[],
  prefix: string,
  where: string,
  problems: string[],
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      problems.push(
        `${where}: unknown key '${prefix}${key}'${suggest(key, allowed)}; known keys: ${allowed.map((k) => prefix + k).join(', ')}`,
      );
    }
  }
}

/** `Check 'health' (checks[0])`, or `Check checks[2]` when it has no usable name. */
export function label(item: unknown, index: number): string {
  const name = isMapping(item) && typeof item.name === 'string' ? item.name.trim() : '';
  return name ? `Check '${name}' (checks[${index}])` : `Check checks[${index}]`;
}

function suggest(key: string, allowed: readonly string[]): string {
  const close = allowed.find((candidate) => distance(key.toLowerCase(), candidate) <= 2);
  return close ? ` (did you mean '${close}'?)` : '';
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function kind(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (isMapping(value)) return 'a mapping';
  return show(value);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
