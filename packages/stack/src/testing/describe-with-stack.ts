import { stackAvailability, type ProbeHooks, type StackPiece } from './availability.js';

/** The one way to skip the tests that need the stack: `PAVED_SKIP_STACK=1 npm test`. */
export const SKIP_STACK_VARIABLE = 'PAVED_SKIP_STACK';
/** Ends the name of every suite skipped that way; scripts/test.mjs counts them by it. */
export const SKIPPED_MARKER = `(skipped: ${SKIP_STACK_VARIABLE}=1)`;

export type StackSuitePlan = { kind: 'run' } | { kind: 'skip'; name: string } | { kind: 'fail'; message: string };

/**
 * What becomes of a suite that needs these pieces: it runs when they are there; it is skipped
 * only when PAVED_SKIP_STACK=1 says so; otherwise it fails, naming what is missing and how to
 * install it, so a machine without the stack never reports success.
 */
export function planStackSuite(
  name: string,
  pieces: readonly StackPiece[],
  hooks: ProbeHooks = {},
  env: NodeJS.ProcessEnv = process.env,
): StackSuitePlan {
  if (env[SKIP_STACK_VARIABLE] === '1') return { kind: 'skip', name: `${name} ${SKIPPED_MARKER}` };
  const availability = stackAvailability(pieces, hooks);
  if (availability.available) return { kind: 'run' };
  return {
    kind: 'fail',
    message:
      `Missing: ${availability.summary}. Run scripts/install-stack.sh as root (npm test does), ` +
      `or set ${SKIP_STACK_VARIABLE}=1 to skip the tests that need the local stack.`,
  };
}

/** `describe` for a suite that needs pieces of the local stack, as planStackSuite decides. */
export function describeWithStack(
  name: string,
  pieces: readonly StackPiece[],
  fn: () => void,
  hooks: ProbeHooks = {},
): void {
  const plan = planStackSuite(name, pieces, hooks);
  if (plan.kind === 'run') describe(name, fn);
  else if (plan.kind === 'skip') describe.skip(plan.name, fn);
  else {
    describe(name, () => {
      test('has the local stack it needs', () => {
        throw new Error(plan.message);
      });
    });
  }
}
