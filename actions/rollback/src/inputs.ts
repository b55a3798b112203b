import type { InputReader } from '@paved/core/action';
import { readReleaseInputs, type ReleaseInputs } from '@paved/core/release';
import { DEFAULT_HISTORY_DEPTH } from '@paved/core/rollback';

export const MIGRATE_ROLLBACK_AT = ['before', 'after'] as const;

export interface Inputs extends ReleaseInputs {
  to: string;
  reason: string;
  'incident-issue': boolean;
  'migrate-rollback-at': (typeof MIGRATE_ROLLBACK_AT)[number];
  'history-depth': number;
}

export function readInputs(read: InputReader): Inputs {
  const shared = readReleaseInputs(read);
  return {
    ...shared,
    to: read.string('to', {
      default: 'previous',
      pattern: /^(previous|\d+|[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64})$/,
      form: 'previous, a deployment ID, or an image reference name@sha256:<64 hex>',
    }),
    // Recorded on the deployment and the incident: a rollback nobody can explain later is refused.
    reason: read.string('reason', {
      required: true,
      form: 'why the rollback happens, e.g. "error rate up after 1.4.2"',
    }),
    'incident-issue': read.boolean('incident-issue', { default: false }),
    'migrate-rollback-at': read.enum('migrate-rollback-at', MIGRATE_ROLLBACK_AT, { default: 'before' }),
    'history-depth': read.integer('history-depth', { default: DEFAULT_HISTORY_DEPTH, min: 1, max: 10_000 }),
  };
}
