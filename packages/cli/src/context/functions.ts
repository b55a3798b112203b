import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { data } from '@actions/expressions';
import type { FunctionDefinition } from '@paved/action-runner';

/** Results of the jobs a job depends on, directly or not, for the job-level status functions. */
export type AncestorResults = string[];

/**
 * success(), failure() and cancelled() as a job's `if:` sees them: over every job it depends on,
 * directly or through others, so a skipped dependency makes success() false without making
 * failure() true — the dependant is skipped, as on GitHub.
 */
export function jobStatusFunctions(ancestors: AncestorResults, cancelled: boolean): FunctionDefinition[] {
  const fn = (name: string, value: boolean): FunctionDefinition => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value),
  });
  return [
    fn('success', !cancelled && ancestors.every((result) => result === 'success')),
    fn('failure', !cancelled && ancestors.some((result) => result === 'failure')),
    fn('cancelled', cancelled),
  ];
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.paved']);

/**
 * hashFiles(patterns...): the SHA-256 over the SHA-256 of every matching file under the
 * workspace, in path order, as the runner computes it; '' when nothing matches.
 */
export function hashFilesFunction(workspace: string): FunctionDefinition {
  return {
    name: 'hashFiles',
    minArgs: 1,
    maxArgs: 255,
    call: (...args: data.ExpressionData[]) => {
      const patterns = args.map((arg) => arg.coerceString());
      const include = patterns.filter((p) => !p.startsWith('!')).map(globToRegExp);
      const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globToRegExp(p.slice(1)));
      const files = listFiles(workspace)
        .filter((file) => include.some((re) => re.test(file)) && !exclude.some((re) => re.test(file)))
        .sort();
      if (files.length === 0) return new data.StringData('');
      const total = createHash('sha256');
      for (const file of files) {
        total.update(
          createHash('sha256')
            .update(readFileSync(path.join(workspace, file)))
            .digest(),
        );
      }
      return new data.StringData(total.digest('hex'));
    },
  };
}

function listFiles(root: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) files.push(...listFiles(root, relative));
    } else if (entry.isFile() || statSync(path.join(root, relative)).isFile()) {
      files.push(relative);
    }
  }
  return files;
}

/** Glob with `**`, `*` and `?`, relative to the workspace. */
export function globToRegExp(glob: string): RegExp {
  const normalised = glob.replace(/^\.\//, '');
  let source = '';
  for (let i = 0; i < normalised.length; i++) {
    const char = normalised[i] ?? '';
    if (char === '*' && normalised[i + 1] === '*') {
      const slash = normalised[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
