import { UserError } from '../action/errors.js';

/**
 * The gate could not judge the release: its own configuration is wrong (the SLO file, a query
 * Prometheus refuses, an input) or Prometheus cannot be asked. Not a verdict on the release:
 * the workflow stops, does not promote and does not roll back unless told to.
 */
export type CannotJudgeKind = 'configuration' | 'prometheus';

export class GateCannotJudgeError extends UserError {
  readonly kind: CannotJudgeKind;
  constructor(kind: CannotJudgeKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GateCannotJudgeError';
    this.kind = kind;
  }
}
