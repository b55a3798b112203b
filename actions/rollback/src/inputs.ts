import type { InputReader } from '@paved/core/action';
import { ENVIRONMENT_FORM, ENVIRONMENT_NAME, readTargetOverrides, type TargetOverrides } from '@paved/core/config';

export const MIGRATE_ROLLBACK_AT = ['before', 'after'] as const;

export interface Inputs extends TargetOverrides {
  environment: string;
  to: string;
  reason?: string;
  config: string;
  'incident-issue': boolean;
  'migrate-rollback-at': (typeof MIGRATE_ROLLBACK_AT)[number];
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
    to: read.string('to', {
      default: 'previous',
      pattern: /^(previous|\d+|[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64})$/,
      form: 'previous, a deployment ID, or an image reference name@sha256:<64 hex>',
    }),
    reason: read.string('reason'),
    config: read.path('config', { default: '.github/paved.yml', required: true }),
    'incident-issue': read.boolean('incident-issue', { default: false }),
    'migrate-rollback-at': read.enum('migrate-rollback-at', MIGRATE_ROLLBACK_AT, { default: 'before' }),
    ...readTargetOverrides(read),
    'github-token': read.secret('github-token'),
    'otlp-endpoint': read.url('otlp-endpoint'),
  };
}
