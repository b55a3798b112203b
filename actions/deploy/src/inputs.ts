import type { InputReader } from '@paved/core/action';
import { PINNED_IMAGE_FORM, PINNED_IMAGE_REF } from '@paved/core/config';
import { readReleaseInputs, type ReleaseInputs } from '@paved/core/release';

export interface Inputs extends ReleaseInputs {
  image: string;
  version?: string;
  retain?: number;
  restart?: string;
  memory?: string;
  cpus?: string;
  volumes: string[];
  migrate?: string;
  'migrate-rollback'?: string;
  'pushgateway-url'?: URL;
  canary?: 'promote';
}

export function readInputs(read: InputReader): Inputs {
  return {
    ...readReleaseInputs(read),
    image: read.string('image', {
      required: true,
      pattern: PINNED_IMAGE_REF,
      form: `${PINNED_IMAGE_FORM} (the build-image ref output)`,
    }),
    version: read.string('version', { pattern: /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}$/, form: 'a version like 1.4.2' }),
    retain: read.integer('retain', { min: 0, max: 50 }),
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
    canary: read.enum('canary', ['promote'] as const),
  };
}
