import { runReleasePostStep } from '@paved/core/release';
import { readInputs } from './inputs.js';

/**
 * The post step: when main was killed outright mid-release, settle the target, close the
 * record and release this run's lock. When main finished it reads nothing else.
 */
export const post = (): Promise<void> => runReleasePostStep(readInputs);
