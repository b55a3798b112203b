import type { CheckFailure } from './types.js';

/**
 * Compares a JSON value with what the checks file expects of it. Objects match when every
 * expected key matches (extra keys are fine); a list matches when each expected item matches
 * some item of the actual list, in any order; scalars must be equal, type included, so `1`
 * does not pass for `"1"`. Returns one failure per mismatch, keyed by its path (`json.db.ok`).
 */
export function jsonSubsetFailures(expected: unknown, actual: unknown, key = 'json'): CheckFailure[] {
  if (isObject(expected)) {
    if (!isObject(actual)) return [{ key, expected: 'an object', got: describe(actual) }];
    return Object.entries(expected).flatMap(([name, value]) =>
      Object.hasOwn(actual, name)
        ? jsonSubsetFailures(value, actual[name], `${key}.${name}`)
        : [{ key: `${key}.${name}`, expected: describe(value), got: 'no such key' }],
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ key, expected: 'a list', got: describe(actual) }];
    return expected.flatMap((item, index) =>
      actual.some((candidate) => jsonSubsetFailures(item, candidate).length === 0)
        ? []
        : [{ key: `${key}[${index}]`, expected: `an item matching ${describe(item)}`, got: describe(actual) }],
    );
  }
  return Object.is(expected, actual) ? [] : [{ key, expected: describe(expected), got: describe(actual) }];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MAX = 80;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
