import { SloFileError, type SloFile } from './slo-file.js';

/** The variables an SLO query may use, so one file serves every environment. */
export interface QueryVariables {
  environment?: string;
}

const VARIABLE = /\$\{environment\}/g;

/**
 * Fills `${environment}` into every query, escaped for a PromQL string (`{environment="${environment}"}`).
 * Other `${…}` are left alone: label_replace uses `${1}` and `${name}` for its capture groups.
 */
export function bindQueryVariables(slo: SloFile, variables: QueryVariables): SloFile {
  const objectives = slo.objectives.map((objective) => {
    if (!objective.query.includes('${environment}')) return objective;
    if (!variables.environment) {
      throw new SloFileError(
        `${slo.file}: objective '${objective.name}' queries \${environment}, but the input 'environment' is empty: ` +
          'pass the environment the release went to (environment: staging)',
      );
    }
    const value = promqlString(variables.environment);
    return { ...objective, query: objective.query.replace(VARIABLE, () => value) };
  });
  return { ...slo, objectives };
}

/** The text between a PromQL string's double quotes. */
function promqlString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
