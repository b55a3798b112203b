import { parseDocument } from 'yaml';
import { UserError } from '../action/index.js';
import { validateChecks } from './schema.js';
import type { CheckSpec } from './types.js';

/** The checks file is unusable; `problems` holds one line per thing to fix. */
export class ChecksFileError extends UserError {
  readonly problems: string[];
  constructor(where: string, problems: string[]) {
    super(
      problems.length === 1
        ? (problems[0] as string)
        : `${where} has ${problems.length} problems:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
    this.name = 'ChecksFileError';
    this.problems = problems;
  }
}

/**
 * Parses and validates a checks file. `where` says where the text came from (`the checks
 * file .github/smoke.yml`, `the inline checks`) for messages that are not about one check.
 */
export function parseChecks(text: string, where = 'The checks file'): CheckSpec[] {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new ChecksFileError(
      where,
      document.errors.map((error) => {
        const first = error.message.split('\n')[0]?.replace(/:$/, '') ?? error.code;
        return `${where} is not valid YAML: ${first}`;
      }),
    );
  }
  const { checks, problems } = validateChecks(document.toJS(), where);
  if (problems.length > 0) throw new ChecksFileError(where, problems);
  return checks;
}
