import { InputError, type InputReader } from '@paved/core/action';

export const INCONCLUSIVE_MODES = ['fail', 'warn', 'pass'] as const;

export interface Inputs {
  'prometheus-url': URL;
  'prometheus-headers': string[];
  slo: string;
  'deployed-at': Date;
  'baseline-window': number;
  window: number;
  step: number;
  'on-inconclusive': (typeof INCONCLUSIVE_MODES)[number];
  'early-exit': boolean;
  'deployment-id'?: number;
  'comment-on-pr': boolean;
  environment?: string;
  'github-token'?: string;
}

export function readInputs(read: InputReader): Inputs {
  return {
    'prometheus-url': read.url('prometheus-url', { required: true }),
    'prometheus-headers': read.secretList('prometheus-headers'),
    slo: read.path('slo', { required: true, mustExist: 'file' }),
    'deployed-at': readInstant(read, 'deployed-at'),
    'baseline-window': read.duration('baseline-window', { default: '10m', min: '1m', max: '7d' }),
    window: read.duration('window', { default: '5m', min: '30s', max: '1d' }),
    step: read.duration('step', { default: '15s', min: '1s', max: '1h' }),
    'on-inconclusive': read.enum('on-inconclusive', INCONCLUSIVE_MODES, { default: 'fail' }),
    'early-exit': read.boolean('early-exit', { default: true }),
    'deployment-id': read.integer('deployment-id', { min: 1 }),
    'comment-on-pr': read.boolean('comment-on-pr', { default: false }),
    environment: read.string('environment'),
    'github-token': read.secret('github-token'),
  };
}

/** ISO 8601 with a time zone, or Unix seconds (what `date +%s` prints). */
function readInstant(read: InputReader, name: string): Date {
  const value = read.string(name, { required: true, form: 'a time in ISO 8601 or Unix seconds' });
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
