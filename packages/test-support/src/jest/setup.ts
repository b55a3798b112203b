// Run by jest in every test file (setupFilesAfterEnv in jest.config.js).
import { removeTemporaryDirectories } from '../workspace/index.js';

// Core logs through @actions/core, which writes workflow commands (::debug::, ::warning::,
// ::add-mask::…) to stdout for the runner to read. In a test file nobody reads them: they only
// bury the results. A test that checks them spies on process.stdout.write, which sees every call
// before this filter does. PAVED_TEST_WORKFLOW_COMMANDS=1 shows them, e.g. to debug a failure.
// @actions/exec's echo of each command it starts ([command]/usr/bin/tar …) is the same kind of noise.
const WORKFLOW_COMMAND = /^(::[a-z-]+( [^:]*)?::|\[command\])/;

const FILTERED = Symbol.for('paved.workflowCommandsFiltered');
type Write = typeof process.stdout.write & { [FILTERED]?: true };

// The stream outlives the test file (a worker runs many): filter it once.
if (process.env.PAVED_TEST_WORKFLOW_COMMANDS !== '1' && !(process.stdout.write as Write)[FILTERED]) {
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
    if (text !== undefined && WORKFLOW_COMMAND.test(text)) {
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }
    return write(chunk, ...rest);
  }) as Write;
  (process.stdout.write as Write)[FILTERED] = true;
}

afterAll(() => removeTemporaryDirectories());
