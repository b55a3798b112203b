import * as core from '@actions/core';
import { RELEASE_PROGRESS_STATE as STATE } from '../entry/index.js';

/**
 * Where a release stands, saved by the main step as it goes so the post step can finish the
 * job when main was killed outright (SIGKILL after the runner's grace): which record is in
 * progress, for which digest, in which phase, and whether main got to the end.
 */
export interface ReleaseProgressState {
  phase?: string;
  deploymentId?: number;
  digest?: string;
  /** Main returned: the outcome is recorded and the lock released; the post step does nothing. */
  finished?: boolean;
}

/** What the release sequence tells as it goes. */
export interface ReleaseProgress {
  phase(name: string): void;
  recorded(deploymentId: number): void;
  releasing(digest: string): void;
  finished(): void;
}

/**
 * Saves the sequence's progress in the step's state file. Each save is a synchronous append,
 * so what was saved before a SIGKILL is what the post step reads.
 */
export function savedReleaseProgress(): ReleaseProgress {
  const state: ReleaseProgressState = {};
  const save = (change: ReleaseProgressState) => {
    Object.assign(state, change);
    core.saveState(STATE, JSON.stringify(state));
  };
  return {
    phase: (name) => {
      // The line lets a person (and the cancellation tests) see which phase was cut short.
      core.debug(`release phase ${name} started`);
      save({ phase: name });
    },
    recorded: (deploymentId) => save({ deploymentId }),
    releasing: (digest) => save({ digest }),
    finished: () => save({ finished: true }),
  };
}

/** The progress main saved, or undefined when main saved none (it never reached the lock). */
export function readReleaseProgress(): ReleaseProgressState | undefined {
  const saved = core.getState(STATE);
  if (!saved) return undefined;
  // Written by our own main step, yet read as data: only the known fields, of the known types.
  const parsed = JSON.parse(saved) as Record<string, unknown>;
  return {
    phase: typeof parsed.phase === 'string' ? parsed.phase : undefined,
    deploymentId: typeof parsed.deploymentId === 'number' ? parsed.deploymentId : undefined,
    digest:
      typeof parsed.digest === 'string' && /^sha256:[a-f0-9]{64}$/.test(parsed.digest) ? parsed.digest : undefined,
    finished: parsed.finished === true,
  };
}
