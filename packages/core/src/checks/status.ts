import type { StatusExpectation } from './types.js';

export const STATUS_FORM = 'an HTTP status 100-599, a list of them, or a class like 2xx';

const CLASS = /^([1-5])xx$/i;

/** The default: any 2xx answer. */
export const ANY_SUCCESS: StatusExpectation = { codes: [], classes: [2] };

/** Reads `200`, `'200'`, `2xx` or a list of them; undefined when the value is none of these. */
export function parseStatusExpectation(value: unknown): StatusExpectation | undefined {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return undefined;
  const expectation: StatusExpectation = { codes: [], classes: [] };
  for (const item of items) {
    const text = typeof item === 'number' || typeof item === 'string' ? String(item).trim() : '';
    const match = CLASS.exec(text);
    if (match) {
      expectation.classes.push(Number(match[1]));
    } else if (/^\d{3}$/.test(text) && Number(text) >= 100 && Number(text) <= 599) {
      expectation.codes.push(Number(text));
    } else {
      return undefined;
    }
  }
  return expectation;
}

export function statusMatches(expectation: StatusExpectation, status: number): boolean {
  return expectation.codes.includes(status) || expectation.classes.includes(Math.floor(status / 100));
}

/** `2xx`, `200`, `200 or 3xx`: how the summary and annotations say what was expected. */
export function describeStatus(expectation: StatusExpectation): string {
  const parts = [...expectation.codes.map(String), ...expectation.classes.map((c) => `${c}xx`)];
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
}
