import Bottleneck from 'bottleneck/light.js';

/**
 * How many writes may go out back to back before pacing starts. A release makes three to five
 * (the record, its statuses, an identity lookup GitHub counts as one); spacing each a second apart
 * put seconds of waiting into every deploy for no benefit.
 */
export const WRITE_BURST = 5;

/**
 * The limiter the throttling plugin queues every write (and GraphQL request) through, one at a
 * time as GitHub asks. GitHub's advice to wait a second between writes is about making many of
 * them; a handful go at once, and a run that keeps writing is paced at one a second from the
 * sixth on, as octokit's default would pace all of them. Secondary rate limits are still waited
 * out by the plugin's retry.
 */
export function pacedWrites(): Bottleneck.Group {
  return new Bottleneck.Group({
    id: 'paved-write',
    maxConcurrent: 1,
    minTime: 0,
    reservoir: WRITE_BURST,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: 1_000,
    reservoirIncreaseMaximum: WRITE_BURST,
  });
}
