import { isCi, stackAvailability, type ProbeHooks, type StackPiece } from './availability.js';

/**
 * `describe` when the pieces are there. Otherwise: in CI a suite with one failing test whose
 * message names the missing piece; locally `describe.skip` plus one line on stderr saying why.
 */
export function describeWithStack(
  name: string,
  pieces: readonly StackPiece[],
  fn: () => void,
  hooks: ProbeHooks = {},
): void {
  const availability = stackAvailability(pieces, hooks);
  if (availability.available) {
    describe(name, fn);
    return;
  }
  if (isCi()) {
    describe(name, () => {
      test('has the local stack it needs', () => {
        throw new Error(`Missing in CI: ${availability.summary}. Run scripts/install-stack.sh as root.`);
      });
    });
    return;
  }
  process.stderr.write(`[paved/stack] skipping "${name}": ${availability.summary}\n`);
  describe.skip(`${name} (skipped: ${availability.summary})`, fn);
}
