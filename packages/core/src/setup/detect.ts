import { UserError } from '../action/errors.js';
import { detectGo } from './detect-go.js';
import { detectNode } from './detect-node.js';
import { detectPython } from './detect-python.js';
import { SETUP_LANGUAGES } from './types.js';
import type { DetectedProject, SetupLanguage } from './types.js';

export interface DetectOptions {
  /** Restrict to these; empty means every ecosystem found. */
  languages?: readonly SetupLanguage[];
  versions?: Partial<Record<SetupLanguage, string>>;
}

const MARKERS: Record<SetupLanguage, string> = {
  node: 'package.json',
  python: 'pyproject.toml, requirements*.txt, uv.lock or poetry.lock',
  go: 'go.mod',
};

/**
 * The projects in `dir`, in the order node, python, go. A language asked for in `languages`
 * but not found is an error: the workflow expects it, so silently skipping it would only move
 * the failure to a later, more confusing step.
 */
export function detectProjects(dir: string, options: DetectOptions = {}): DetectedProject[] {
  const wanted = options.languages && options.languages.length > 0 ? options.languages : SETUP_LANGUAGES;
  const found: DetectedProject[] = [];
  for (const language of SETUP_LANGUAGES) {
    if (!wanted.includes(language)) continue;
    const version = options.versions?.[language];
    const project =
      language === 'node'
        ? detectNode(dir, version)
        : language === 'python'
          ? detectPython(dir, version)
          : detectGo(dir, version);
    if (project) {
      found.push(project);
    } else if (options.languages?.includes(language)) {
      throw new UserError(
        `languages lists ${language}, but ${dir} has no ${MARKERS[language]}: ` +
          `set working-directory to the project's folder, or remove ${language} from languages.`,
      );
    }
  }
  return found;
}
