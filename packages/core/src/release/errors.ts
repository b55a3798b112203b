import { PlatformError, UserError } from '../action/errors.js';
import { LockHeldError, ReleaseError, SshError } from '../targets/index.js';

/** Phases after which traffic has switched to the new release. */
const AFTER_SWITCH = new Set(['drain', 'stop', 'verify']);
/** Phases that change nothing on the target. */
const BEFORE_CHANGE = new Set(['lock', 'plan', 'image', 'record', 'pull']);

/** What the environment looks like after a failure in `phase`, in words. */
export function stateAfter(phase: string): string {
  if (AFTER_SWITCH.has(phase)) return 'Traffic had already switched to the new release.';
  if (BEFORE_CHANGE.has(phase)) return 'Nothing was changed.';
  return 'Traffic was not switched: the old release keeps serving.';
}

/**
 * Any error thrown in a phase as a ReleaseError naming the phase and what state it left. Its
 * kind stays its cause's: a platform that failed is named with what to check, anything that is
 * neither the user's nor a platform's is reported as a bug, with the cause chain kept for the
 * debug log.
 */
export function asReleaseError(error: unknown, phase: string, where: string): Error {
  // Refusals and the user's own mistakes already say what to do.
  if (error instanceof ReleaseError || error instanceof LockHeldError || error instanceof UserError) return error;
  const message = (error instanceof Error ? error.message : String(error)).trim();
  const switched = AFTER_SWITCH.has(phase);
  const state = stateAfter(phase);
  if (error instanceof SshError) {
    return new ReleaseError(error.during(phase, where, state), phase, { switched, cause: error });
  }
  if (error instanceof PlatformError) {
    return new ReleaseError(`${message} (during ${phase} on ${where}). ${state}`, phase, { switched, cause: error });
  }
  return new ReleaseError(`${phase} failed on ${where}: ${message}. ${state}`, phase, { switched, cause: error });
}
