import type { InputReader } from '@paved/core/action';

export interface Inputs {
  url: URL;
  checks: string;
  'wait-timeout': number;
  concurrency: number;
  headers: string[];
  ca?: string;
  'tls-verify': boolean;
}

export function readInputs(read: InputReader): Inputs {
  return {
    url: read.url('url', { required: true }),
    checks: read.string('checks', { required: true, form: 'a checks file path or inline YAML with a checks: list' }),
    'wait-timeout': read.duration('wait-timeout', { default: '60s', min: '1s', max: '1h' }),
    concurrency: read.integer('concurrency', { default: 8, min: 1, max: 64 }),
    headers: read.secretList('headers'),
    ca: read.path('ca', { mustExist: 'file' }),
    'tls-verify': read.boolean('tls-verify', { default: true }),
  };
}
