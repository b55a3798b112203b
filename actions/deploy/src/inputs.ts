import type { InputReader } from '@paved/core/action';
import {
  ENVIRONMENT_FORM,
  ENVIRONMENT_NAME,
  PINNED_IMAGE_FORM,
  PINNED_IMAGE_REF,
  readTargetOverrides,
  type TargetOverrides,
} from '@paved/core/config';

export interface Inputs extends TargetOverrides {
  environment: string;
  config: string;
  image: string;
  version?: string;
  retain?: number;
  env: string[];
  'env-file'?: string;
  secrets: string[];
  restart?: string;
  memory?: string;
  cpus?: string;
  volumes: string[];
  migrate?: string;
  'migrate-rollback'?: string;
  'pushgateway-url'?: URL;
  'github-token'?: string;
  'otlp-endpoint'?: URL;
}

export function readInputs(read: InputReader): Inputs {
  return {
    environment: read.string('environment', {
      required: true,
      pattern: ENVIRONMENT_NAME,
      form: ENVIRONMENT_FORM,
    }),
    config: read.path('config', { default: '.github/paved.yml', required: true }),
    image: read.string('image', {
      required: true,
      pattern: PINNED_IMAGE_REF,
      form: `${PINNED_IMAGE_FORM} (the build-image ref output)`,
    }),
    version: read.string('version', { pattern: /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}$/, form: 'a version like 1.4.2' }),
    ...readTargetOverrides(read),
    retain: read.integer('retain', { min: 0, max: 50 }),
    env: read.list('env', { comma: false }),
    'env-file': read.path('env-file', { mustExist: 'file' }),
    secrets: read.secretList('secrets'),
    restart: read.string('restart', {
      pattern: /^(no|always|unless-stopped|on-failure(:\d+)?)$/,
      form: 'a restart policy: no, always, unless-stopped or on-failure[:N]',
    }),
    memory: read.string('memory', { pattern: /^\d+(\.\d+)?[bkmg]?$/i, form: 'a memory size like 512m or 2g' }),
    cpus: read.string('cpus', { pattern: /^\d+(\.\d+)?$/, form: 'a number of CPUs like 0.5 or 2' }),
    volumes: read.list('volumes', { comma: false }),
    migrate: read.string('migrate'),
    'migrate-rollback': read.string('migrate-rollback'),
    'pushgateway-url': read.url('pushgateway-url'),
    'github-token': read.secret('github-token'),
    'otlp-endpoint': read.url('otlp-endpoint'),
  };
}
