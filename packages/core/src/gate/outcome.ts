import type { Verdict } from './verdict.js';

export const INCONCLUSIVE_MODES = ['fail', 'warn', 'pass'] as const;
export type InconclusiveMode = (typeof INCONCLUSIVE_MODES)[number];

/** What the gate ends with: a verdict on the release, or `error` when it could not judge it. */
export type GateOutcome = Verdict | 'error';

/**
 * What an outcome means for the workflow — the one place `on-inconclusive` is applied:
 * - `accepted`: the release may stay and be promoted;
 * - `step`: how the step ends (`fail` stops the pipeline);
 * - `record`: the deployment status to record. Only a release the gate accepted becomes
 *   `success` (a candidate for "last good"); a verdict against it is `failure`; no evidence, or a
 *   gate that could not judge, is `error`: nothing was proven wrong, nothing proven right.
 */
export interface OutcomePolicy {
  accepted: boolean;
  step: 'succeed' | 'warn' | 'notice' | 'fail';
  record: 'success' | 'failure' | 'error';
}

export function outcomePolicy(outcome: GateOutcome, onInconclusive: InconclusiveMode): OutcomePolicy {
  switch (outcome) {
    case 'pass':
      return { accepted: true, step: 'succeed', record: 'success' };
    case 'warn':
      return { accepted: true, step: 'warn', record: 'success' };
    case 'fail':
      return { accepted: false, step: 'fail', record: 'failure' };
    case 'error':
      return { accepted: false, step: 'fail', record: 'error' };
    case 'inconclusive':
      if (onInconclusive === 'fail') return { accepted: false, step: 'fail', record: 'error' };
      return { accepted: true, step: onInconclusive === 'warn' ? 'warn' : 'notice', record: 'success' };
  }
}
