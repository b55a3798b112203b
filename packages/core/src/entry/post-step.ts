/**
 * What an action's entry file may read before the rest of its bundle loads. Nothing here
 * imports anything: loading the whole bundle costs about 0.2 s of Node's time, which a post
 * step with nothing to do should not pay.
 */

/** Saved by main before it runs, so the same bundle started as `post:` knows which it is. */
export const POST_STATE = 'paved-post';

/** Where a release stands, saved by main as it goes (see release/progress.ts). */
export const RELEASE_PROGRESS_STATE = 'paved-release';

/**
 * True in the post step of a release action whose main left it nothing to finish: main saved
 * no progress (it never reached the lock) or said it finished. Read from the `STATE_<name>`
 * variables the runner gives a post step, the same values `core.getState` returns; anything
 * that does not parse means there may be work, and the whole bundle decides.
 */
export function isIdleReleasePostStep(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[`STATE_${POST_STATE}`] !== 'true') return false;
  const saved = env[`STATE_${RELEASE_PROGRESS_STATE}`];
  if (!saved) return true;
  try {
    return (JSON.parse(saved) as { finished?: unknown }).finished === true;
  } catch {
    return false;
  }
}
