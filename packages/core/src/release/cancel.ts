import { UserError } from '../action/errors.js';

/** The run was cancelled (the runner's SIGINT/SIGTERM): the release stopped between phases. */
export class CancelledError extends UserError {
  constructor(readonly phase: string) {
    super(
      `The run was cancelled before ${phase}: the release stopped there, the lock was released and the ` +
        'outcome recorded. Re-run the workflow to release again.',
    );
    this.name = 'CancelledError';
  }
}

/**
 * Phases that only wait: cut short at once on cancellation, since stopping them changes nothing.
 * Not the lock: an acquisition abandoned half-way could still take the lock after the run gave
 * up, and hold it for nobody until lock-timeout. Taking it is quick; the next phase stops.
 */
const INTERRUPTIBLE = new Set(['plan', 'image', 'pull', 'health']);

/** Phases from which on traffic has moved: they finish even when cancelled, so it never stays half-switched. */
const FINISH_ANYWAY = new Set(['switch', 'drain', 'stop', 'verify']);

/**
 * Runs one phase under a cancellation signal. Before the switch a cancelled run starts no new
 * phase, and a phase that only waits ends at once; the switch and what follows it always run
 * to their end, so traffic is on one release or the other, never half-moved.
 */
export async function underSignal<T>(
  signal: AbortSignal | undefined,
  phase: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!signal || FINISH_ANYWAY.has(phase)) return work();
  if (signal.aborted) throw new CancelledError(phase);
  if (!INTERRUPTIBLE.has(phase)) return work();
  let onAbort: (() => void) | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    onAbort = () => reject(new CancelledError(phase));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const running = work();
  // The abandoned work may still settle; its outcome no longer matters.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, cancelled]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * An AbortSignal that fires when the runner cancels the job (SIGINT first, then SIGTERM) or
 * its timeout-minutes runs out. Listening keeps Node from exiting at once, so the release can
 * end its phase, record the outcome and release the lock within the runner's grace period.
 */
export function cancellationSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.on('SIGINT', abort);
  process.on('SIGTERM', abort);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
    },
  };
}
