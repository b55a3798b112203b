/**
 * An error whose message is written for the person reading the job log: it says what is
 * wrong and what to do. The error boundary prints it as is, without a stack trace.
 */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

/** A problem with one action input; the message always names the input. */
export class InputError extends UserError {
  readonly input: string;
  constructor(input: string, message: string) {
    super(message);
    this.name = 'InputError';
    this.input = input;
  }
}

/**
 * Raised by an action whose behaviour has not been delivered yet, after its inputs were
 * validated, so that a workflow using it fails loudly instead of passing silently.
 */
export class NotImplementedError extends UserError {
  constructor(action: string, what: string) {
    super(
      `paved/${action} is not implemented yet: the inputs are valid, but this version cannot ${what}. ` +
        `Remove the step or pin a release whose README lists ${action} as available.`,
    );
    this.name = 'NotImplementedError';
  }
}

/** The message to show for anything thrown, with a hint when it was not a UserError. */
export function describeFailure(error: unknown): string {
  if (error instanceof UserError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return (
    `Unexpected error: ${message || '(no message)'}. ` +
    'Re-run the job with debug logging (secret ACTIONS_STEP_DEBUG=true) to see where it happened, and report it.'
  );
}
