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
  const objectives = slo.objectives.map((objective) =>
    objective.query.includes('${environment}')
      ? { ...objective, query: bind(slo, `objective '${objective.name}'`, objective.query, variables) }
      : objective,
  );
  const traffic = slo.traffic.query?.includes('${environment}')
    ? { ...slo.traffic, query: bind(slo, 'traffic', slo.traffic.query, variables) }
    : slo.traffic;
  return { ...slo, objectives, traffic };
}

function bind(slo: SloFile, what: string, query: string, variables: QueryVariables): string {
  if (!variables.environment) {
    throw new SloFileError(
      `${slo.file}: ${what} queries \${environment}, but the input 'environment' is empty: ` +
        'pass the environment the release went to (environment: staging)',
    );
  }
  const value = promqlString(variables.environment);
  return query.replace(VARIABLE, () => value);
}

/** The text between a PromQL string's double quotes. */
function promqlString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
