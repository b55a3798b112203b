/**
 * Who can fix a failure decides how it is told:
 * - `user`: the input, the configuration or the release itself; the message names the input or
 *   key and the expected form, or says what was refused and why.
 * - `platform`: Docker, SSH, a registry, GitHub, Prometheus… unreachable or refusing; the
 *   message names the platform and what to check.
 * - `bug`: anything else. The step says so and asks for a report; the cause chain with its
 *   stacks goes to the debug log.
 */
export type ErrorKind = 'user' | 'platform' | 'bug';

/**
 * An error whose message is written for the person reading the job log: it says what is
 * wrong and what to do. The error boundary prints it as is, without a stack trace.
 */
export class UserError extends Error {
  readonly kind: ErrorKind = 'user';
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

/** A platform Paved talks to failed or refused; the message names it and what to check. */
export class PlatformError extends Error {
  readonly kind: ErrorKind = 'platform';
  constructor(
    readonly platform: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PlatformError';
  }
}

const KINDS = new Set<unknown>(['user', 'platform', 'bug']);

/**
 * The kind of anything thrown. Errors say their kind themselves (`kind`); an error that wraps
 * another to add context (a release phase) reports its cause's kind, so a TypeError deep in a
 * target stays a bug however it was wrapped.
 */
export function errorKind(error: unknown): ErrorKind {
  if (error instanceof Error) {
    const kind = (error as { kind?: unknown }).kind;
    if (KINDS.has(kind)) return kind as ErrorKind;
  }
  return 'bug';
}

/** The message to show for anything thrown: as written for user and platform errors, a bug report request otherwise. */
export function describeFailure(error: unknown): string {
  if (errorKind(error) !== 'bug') return (error as Error).message;
  const message = error instanceof Error ? error.message : String(error);
  return (
    `Unexpected error: ${message || '(no message)'}. ` +
    'Re-run the job with debug logging (secret ACTIONS_STEP_DEBUG=true) to see where it happened, and report it.'
  );
}

/** Every error of the cause chain with its stack, outermost first, for the debug log. */
export function causeChain(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current) && parts.length < 10) {
    seen.add(current);
    if (current instanceof Error) {
      parts.push(current.stack ?? `${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join('\nCaused by: ');
}
