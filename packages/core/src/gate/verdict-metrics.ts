import { PlatformError } from '../action/errors.js';
import type { ObjectiveStatus } from './judge.js';
import type { GateOutcome } from './outcome.js';
import type { GateReport } from './report.js';

/** The release a verdict is about; grouped in the Pushgateway by service and environment. */
export interface VerdictRelease {
  service: string;
  environment: string;
  version?: string;
  deploymentId?: number;
}

/** One series per outcome, 1 for the outcome reached: a dashboard selects `{outcome="fail"} == 1`. */
export const GATE_OUTCOMES: readonly GateOutcome[] = ['pass', 'warn', 'fail', 'inconclusive', 'error'];
export const OBJECTIVE_DECISIONS: readonly ObjectiveStatus[] = ['pass', 'fail', 'inconclusive', 'pending'];

/** Every metric the gate pushes; the dashboard test holds the example dashboard to this list. */
export const GATE_METRIC_NAMES = [
  'paved_gate_verdict',
  'paved_gate_verdict_timestamp_seconds',
  'paved_gate_score',
  'paved_gate_objective_value',
  'paved_gate_objective_decision',
] as const;

/** The Pushgateway job the verdict is pushed under (the deployment marker uses paved_deploy). */
export const GATE_PUSH_JOB = 'paved_gate';

/** Label values longer than this are cut: a label is for selecting, not for carrying documents. */
const MAX_LABEL_LENGTH = 200;

/**
 * A label value from outside (a version, an objective name) made safe for the text exposition
 * format: lone UTF-16 surrogates (not UTF-8) become U+FFFD, control characters other than the
 * newline become spaces, and backslash, double quote and newline are escaped as the format says.
 */
export function escapeLabelValue(value: string): string {
  const wellFormed = value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, ' ');
  const cut = Array.from(wellFormed).slice(0, MAX_LABEL_LENGTH).join('');
  return cut.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs)
    .map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
    .join(',')}}`;
}

/** Prometheus text exposition has no null: a window without a finite median has no sample. */
function sample(name: string, pairs: Record<string, string>, value: number | null): string[] {
  return value === null || !Number.isFinite(value) ? [] : [`${name}${labels(pairs)} ${value}`];
}

/**
 * The verdict in Prometheus text format. Service and environment are not written here: they are
 * the push's grouping key, which the Pushgateway adds to every series. Every series carries the
 * release (version, deployment_id) so a panel can join a verdict to the deployment marker.
 * - `paved_gate_verdict{outcome}`: 1 for the outcome reached, 0 for the others (a state set);
 *   `error` means the gate could not judge — not a verdict on the release.
 * - `paved_gate_verdict_timestamp_seconds{outcome}`: when the gate decided, for annotations.
 * - `paved_gate_score`: the weighted score, 0–100 (absent on `error`).
 * - `paved_gate_objective_value{objective,side}`: the median of the objective's query in the
 *   baseline and the candidate window — the values the judge compared.
 * - `paved_gate_objective_decision{objective,decision}`: 1 for the objective's decision, 0 for
 *   the others.
 */
export function verdictMetricsText(
  release: VerdictRelease,
  outcome: GateOutcome,
  decidedAt: Date,
  report?: GateReport,
): string {
  const base = {
    version: release.version ?? '',
    deployment_id: release.deploymentId === undefined ? '' : String(release.deploymentId),
  };
  const lines = [
    '# HELP paved_gate_verdict Outcome of the deploy quality gate: 1 for the outcome reached, 0 for the others.',
    '# TYPE paved_gate_verdict gauge',
    ...GATE_OUTCOMES.flatMap((each) =>
      sample('paved_gate_verdict', { ...base, outcome: each }, each === outcome ? 1 : 0),
    ),
    '# HELP paved_gate_verdict_timestamp_seconds Unix time in seconds when the deploy quality gate decided.',
    '# TYPE paved_gate_verdict_timestamp_seconds gauge',
    ...sample('paved_gate_verdict_timestamp_seconds', { ...base, outcome }, decidedAt.getTime() / 1_000),
  ];
  if (report) {
    lines.push(
      '# HELP paved_gate_score Weighted score of the deploy quality gate, 0 to 100.',
      '# TYPE paved_gate_score gauge',
      ...sample('paved_gate_score', base, report.score),
      '# HELP paved_gate_objective_value Median of the objective in the baseline and the candidate window.',
      '# TYPE paved_gate_objective_value gauge',
      ...report.objectives.flatMap((objective) => [
        ...sample(
          'paved_gate_objective_value',
          { ...base, objective: objective.name, side: 'baseline' },
          objective.baseline.median,
        ),
        ...sample(
          'paved_gate_objective_value',
          { ...base, objective: objective.name, side: 'candidate' },
          objective.candidate.median,
        ),
      ]),
      '# HELP paved_gate_objective_decision Decision on the objective: 1 for the decision reached, 0 for the others.',
      '# TYPE paved_gate_objective_decision gauge',
      ...report.objectives.flatMap((objective) =>
        OBJECTIVE_DECISIONS.flatMap((decision) =>
          sample(
            'paved_gate_objective_decision',
            { ...base, objective: objective.name, decision },
            decision === objective.status ? 1 : 0,
          ),
        ),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A grouping key value in the Pushgateway's URL path: base64url always, since a plain value may not
 * hold `/` (not even as %2F), and `=` stands for the empty value.
 */
function groupingValue(name: string, value: string): string {
  const encoded = Buffer.from(value, 'utf8').toString('base64url');
  return `${name}@base64/${encoded || '='}`;
}

/** The push URL: one group per service and environment, so each verdict replaces the last. */
export function verdictPushUrl(pushgatewayUrl: string, release: VerdictRelease): string {
  return (
    `${pushgatewayUrl.replace(/\/+$/, '')}/metrics/job/${GATE_PUSH_JOB}/` +
    `${groupingValue('service', release.service)}/${groupingValue('environment', release.environment)}`
  );
}

/**
 * Pushes the verdict, replacing the group's previous one; Prometheus's history keeps every one.
 * A push that fails is a PlatformError naming the Pushgateway and what to check.
 */
export async function pushGateVerdict(pushgatewayUrl: string, release: VerdictRelease, text: string): Promise<void> {
  const url = verdictPushUrl(pushgatewayUrl, release);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'PUT',
      body: text,
      headers: { 'content-type': 'text/plain; version=0.0.4' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, a name not found) is its cause.
    const cause = (error as { cause?: { message?: unknown } }).cause?.message;
    const why = typeof cause === 'string' ? cause : String(error);
    throw new PlatformError(
      'Pushgateway',
      `the Pushgateway at ${pushgatewayUrl} could not be reached (${why}): check pushgateway-url and that the runner can reach it`,
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new PlatformError(
      'Pushgateway',
      `the Pushgateway at ${pushgatewayUrl} answered HTTP ${response.status} (${(await response.text()).trim().slice(0, 200)}): ` +
        'check that pushgateway-url is the Pushgateway itself and that it accepts pushes',
    );
  }
}
