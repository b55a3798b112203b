import * as core from '@actions/core';
import { POST_STATE } from '../entry/index.js';
import { causeChain, describeFailure } from './errors.js';

export type Phase = () => Promise<void>;

/**
 * The error boundary of an action. The runner starts the same bundle for `main:` and `post:`;
 * the saved state tells them apart. Whatever a phase throws ends as one `setFailed` line a
 * person can act on; the stacks of the whole cause chain go to the debug log only.
 */
export async function run(main: Phase, post?: Phase): Promise<void> {
  const isPost = core.getState(POST_STATE) === 'true';
  const phase = isPost && post ? post : main;
  try {
    // Saved before main runs, so the post step knows it is the post step even when main fails.
    if (!isPost && post) core.saveState(POST_STATE, 'true');
    await phase();
  } catch (error) {
    // The runner shows debug lines only with step debug logging on; skip building them otherwise.
    if (core.isDebug()) core.debug(causeChain(error));
    core.setFailed(describeFailure(error));
  }
}

/** Sets every defined output; booleans and numbers become the strings the runner passes on. */
export function setOutputs(outputs: Record<string, string | number | boolean | undefined>): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value !== undefined) core.setOutput(name, String(value));
  }
}
