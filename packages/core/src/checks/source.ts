import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { InputError, isInside } from '../action/index.js';

export interface ChecksSource {
  text: string;
  /** How messages refer to it: `The checks file .github/smoke.yml` or `The inline checks`. */
  where: string;
  /** The file read, when it was one. */
  file?: string;
}

/**
 * The `checks` input is a path to a file inside the workspace or the checks themselves as
 * inline YAML. A single line naming an existing file is the file; a single line ending in
 * .yml/.yaml that names nothing is a mistyped path, not YAML, and says so.
 */
export function resolveChecksSource(value: string, workspace: string, input = 'checks'): ChecksSource {
  const text = value.trim();
  if (text.includes('\n')) return { text, where: 'The inline checks' };
  const looksLikePath = /\.ya?ml$/i.test(text);
  const root = path.resolve(workspace);
  const resolved = path.resolve(root, text);
  const form = `a checks file inside the workspace (${root}) or inline YAML`;
  if (!isInside(root, resolved)) {
    if (looksLikePath) throw new InputError(input, `Input '${input}' must be ${form}, got '${text}'`);
    return { text, where: 'The inline checks' };
  }
  let isFile = false;
  try {
    isFile = statSync(resolved).isFile();
  } catch {
    isFile = false;
  }
  if (isFile) {
    // A link inside the workspace must not lead the action to read the runner's other files.
    if (!isInside(realpathOrSelf(root), realpathSync(resolved))) {
      throw new InputError(input, `Input '${input}' must be ${form}; '${text}' is a link that leads outside`);
    }
    return { text: readFileSync(resolved, 'utf8'), where: `The checks file ${text}`, file: resolved };
  }
  if (looksLikePath) {
    throw new InputError(input, `Input '${input}' must be ${form}, got '${text}': no such file in the workspace`);
  }
  return { text, where: 'The inline checks' };
}

function realpathOrSelf(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}
