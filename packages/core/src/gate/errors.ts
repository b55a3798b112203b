import { UserError, type ErrorKind } from '../action/errors.js';

/**
 * The gate could not judge the release: its own configuration is wrong (the SLO file, a query
 * Prometheus refuses, an input) or Prometheus cannot be asked. Not a verdict on the release:
 * the workflow stops, does not promote and does not roll back unless told to.
 */
export type CannotJudgeKind = 'configuration' | 'prometheus';

export class GateCannotJudgeError extends UserError {
  /** Which of the two it was. */
  readonly problem: CannotJudgeKind;
  /** A configuration mistake is the user's to fix; Prometheus not answering is the platform's. */
  override readonly kind: ErrorKind;
  constructor(problem: CannotJudgeKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GateCannotJudgeError';
    this.problem = problem;
    this.kind = problem === 'prometheus' ? 'platform' : 'user';
  }
}
