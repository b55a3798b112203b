import { SloFileError, type SloFile } from './slo-file.js';

/**
 * Which pods a query's `${track}` selects: the canary's, the stable ones (every pod of the service
 * that is not the canary's), or all of them when the release under judgement is not a canary.
 */
export type Track = 'canary' | 'stable' | 'all';

/** The variables an SLO query may use, so one file serves every environment and both tracks. */
export interface QueryVariables {
  environment?: string;
  /** Default `all`: the whole service, as when no canary is judged. */
  track?: Track;
}

/** The value the kubernetes target gives the canary's pods in their `paved.dev/track` label. */
export const CANARY_TRACK_VALUE = 'canary';

const VARIABLE = /\$\{(environment|track)\}/g;
const VARIABLES = ['${environment}', '${track}'];

/**
 * Fills `${environment}` into every query, escaped for a PromQL string (`{environment="${environment}"}`),
 * and `${track}` with a label matcher on the SLO file's `track-label`: `label="canary"` for the
 * canary, `label!="canary"` for the stable side (stable pods carry `stable` from their first
 * promotion and no track label before it) and `label=~".*"` for the whole service. Other `${…}`
 * are left alone: label_replace uses `${1}` and `${name}` for its capture groups.
 */
export function bindQueryVariables(slo: SloFile, variables: QueryVariables): SloFile {
  const uses = (query: string | undefined) => query !== undefined && VARIABLES.some((name) => query.includes(name));
  const objectives = slo.objectives.map((objective) =>
    uses(objective.query)
      ? { ...objective, query: bind(slo, `objective '${objective.name}'`, objective.query, variables) }
      : objective,
  );
  const traffic = uses(slo.traffic.query)
    ? { ...slo.traffic, query: bind(slo, 'traffic', slo.traffic.query as string, variables) }
    : slo.traffic;
  return { ...slo, objectives, traffic };
}

/** The label matcher `${track}` stands for. The label name was checked when the file was read. */
export function trackMatcher(label: string, track: Track): string {
  const value = promqlString(CANARY_TRACK_VALUE);
  if (track === 'canary') return `${label}="${value}"`;
  if (track === 'stable') return `${label}!="${value}"`;
  return `${label}=~".*"`;
}

/** Whether a query selects by track, i.e. can tell the canary's series from the stable ones. */
export function selectsTrack(query: string): boolean {
  return query.includes('${track}');
}

function bind(slo: SloFile, what: string, query: string, variables: QueryVariables): string {
  if (query.includes('${environment}') && !variables.environment) {
    throw new SloFileError(
      `${slo.file}: ${what} queries \${environment}, but the input 'environment' is empty: ` +
        'pass the environment the release went to (environment: staging)',
    );
  }
  const values: Record<string, string> = {
    environment: promqlString(variables.environment ?? ''),
    track: trackMatcher(slo.trackLabel, variables.track ?? 'all'),
  };
  // One pass, so a value can never bring in a variable of its own.
  return query.replace(VARIABLE, (_, name: string) => values[name] as string);
}

/** The text between a PromQL string's double quotes. */
function promqlString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * A canary's SLO file, twice: with `${track}` bound to the canary (the candidate) and to the stable
 * pods (what it is compared with over the same window). Every objective must select by track: a
 * query that cannot tell the two apart would compare the service with itself and pass blind.
 */
export function bindCanarySides(
  slo: SloFile,
  variables: Omit<QueryVariables, 'track'>,
  /** What says it is a canary, for the message. */
  because = "input 'canary' is deployed",
): { canary: SloFile; stable: SloFile } {
  const blind = slo.objectives.filter((objective) => !selectsTrack(objective.query)).map((objective) => objective.name);
  if (blind.length > 0) {
    throw new SloFileError(
      `${slo.file}: the release is a canary (${because}), but ` +
        `${blind.length === 1 ? 'objective' : 'objectives'} ${blind.map((name) => `'${name}'`).join(', ')} ` +
        `${blind.length === 1 ? 'does' : 'do'} not select a track, so the canary's series could not be told from the stable pods'. ` +
        `Add \${track} to the selectors of the service's series, e.g. http_requests_total{service="shop", \${track}} ` +
        `(it matches the label track-label, ${slo.trackLabel})`,
    );
  }
  return {
    canary: bindQueryVariables(slo, { ...variables, track: 'canary' }),
    stable: bindQueryVariables(slo, { ...variables, track: 'stable' }),
  };
}
