import { InputError, type InputReader } from '@paved/core/action';
import { INCONCLUSIVE_MODES } from '@paved/core/gate';

export const MODES = ['gate', 'preflight'] as const;
/** The deploy step's canary output: what that deploy did with a canary (strategy canary). */
export const CANARY_STATES = ['deployed', 'promoted'] as const;

export interface Inputs {
  mode: (typeof MODES)[number];
  'prometheus-url': URL;
  'prometheus-headers': string[];
  slo: string;
  'deployed-at'?: Date;
  /** `deployed`: the release under judgement is a canary, judged against the stable pods. */
  canary?: (typeof CANARY_STATES)[number];
  'baseline-window': number;
  'baseline-lookback': number;
  window: number;
  step: number;
  'on-inconclusive': (typeof INCONCLUSIVE_MODES)[number];
  'early-exit': boolean;
  'deployment-id'?: number;
  'comment-on-pr': boolean;
  /** Gate: the one environment judged. Preflight: every environment to check (a list). */
  environment: string[];
  config?: string;
  checks?: string;
  'input-sources': Record<string, string>;
  'github-token'?: string;
  /** Where the verdict is pushed as metrics; none when unset. */
  'pushgateway-url'?: URL;
  /** The service label of the pushed verdict; from paved.yml or the repository when unset. */
  service?: string;
  version?: string;
  'otlp-endpoint'?: URL;
}

export function readInputs(read: InputReader): Inputs {
  const inputs: Inputs = {
    'prometheus-url': read.url('prometheus-url', { required: true }),
    mode: read.enum('mode', MODES, { default: 'gate' }),
    'prometheus-headers': read.secretList('prometheus-headers'),
    slo: read.path('slo', { required: true, mustExist: 'file' }),
    'deployed-at': readInstant(read, 'deployed-at'),
    canary: read.enum('canary', CANARY_STATES),
    'baseline-window': read.duration('baseline-window', { default: '10m', min: '1m', max: '7d' }),
    'baseline-lookback': read.duration('baseline-lookback', { default: '30m', min: '0s', max: '7d' }),
    window: read.duration('window', { default: '5m', min: '30s', max: '1d' }),
    step: read.duration('step', { default: '15s', min: '1s', max: '1h' }),
    'on-inconclusive': read.enum('on-inconclusive', INCONCLUSIVE_MODES, { default: 'fail' }),
    'early-exit': read.boolean('early-exit', { default: true }),
    'deployment-id': read.integer('deployment-id', { min: 1 }),
    'comment-on-pr': read.boolean('comment-on-pr', { default: false }),
    environment: read.list('environment'),
    config: read.string('config'),
    checks: read.string('checks', { form: 'a checks file path or inline YAML with a checks: list' }),
    'input-sources': readInputSources(read),
    'github-token': read.secret('github-token'),
    'pushgateway-url': read.url('pushgateway-url'),
    service: read.string('service') || undefined,
    version: read.string('version') || undefined,
    'otlp-endpoint': read.url('otlp-endpoint'),
  };
  if (inputs.mode === 'gate') {
    if (!inputs['deployed-at']) {
      throw new InputError(
        'deployed-at',
        "Input 'deployed-at' is required to judge a release: set it to the time the release took traffic (the deploy step's deployed-at output)",
      );
    }
    if (inputs.environment.length > 1) {
      throw new InputError(
        'environment',
        `Input 'environment' must name one environment when mode is gate, got ${inputs.environment.length}`,
      );
    }
  }
  return inputs;
}

/** ISO 8601 with a time zone, or Unix seconds (what `date +%s` prints). */
function readInstant(read: InputReader, name: string): Date | undefined {
  const value = read.string(name);
  if (value === undefined || value === '') return undefined;
  const date = /^\d{9,11}(\.\d+)?$/.test(value)
    ? new Date(Number(value) * 1000)
    : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)
      ? new Date(value)
      : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new InputError(
      name,
      `Input '${name}' must be a time in ISO 8601 with a zone (2026-05-01T12:00:00Z) or Unix seconds, got '${value}'`,
    );
  }
  return date;
}

/**
 * `input: where the user set it` lines, e.g. `prometheus-url: repository variable PAVED_PROMETHEUS_URL`,
 * so that messages name what the user actually set when a workflow fills the inputs from elsewhere.
 */
export function readInputSources(read: InputReader): Record<string, string> {
  const name = 'input-sources';
  const sources: Record<string, string> = {};
  for (const [index, line] of read.list(name, { comma: false }).entries()) {
    const match = /^([a-z][a-z0-9-]*)\s*:\s*(\S.*)$/.exec(line);
    if (!match) {
      throw new InputError(
        name,
        `Input '${name}' line ${index + 1} must look like 'input-name: where it is set' (prometheus-url: repository variable PAVED_PROMETHEUS_URL), got '${line}'`,
      );
    }
    sources[match[1] as string] = match[2] as string;
  }
  return sources;
}
