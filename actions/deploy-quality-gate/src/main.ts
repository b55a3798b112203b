import { InputError, InputReader, setOutputs } from '@paved/core/action';
import { MODES, readInputSources, readInputs, type Inputs } from './inputs.js';
import { judgeRelease } from './judge-release.js';
import { runPreflight } from './preflight.js';

/**
 * Two modes. `gate` judges a release that is live; whatever stops it from judging ends with the
 * distinct outcome `error` (not `fail`), so the workflow stops without blaming the release.
 * `preflight` checks the gate's configuration, paved.yml and the smoke checks before anything
 * goes live.
 */
export async function main(): Promise<void> {
  const read = new InputReader();
  let mode: Inputs['mode'] = 'gate';
  let sources: Record<string, string> = {};
  let inputs: Inputs;
  try {
    mode = read.enum('mode', MODES, { default: 'gate' });
    sources = readInputSources(read);
    inputs = readInputs(read);
  } catch (error) {
    const named =
      error instanceof InputError && sources[error.input]
        ? new InputError(error.input, `${error.message}. It is set from ${sources[error.input]}.`)
        : error;
    // A gate that cannot start cannot judge: say so in the outputs the workflow reads.
    if (mode === 'gate') {
      const reason = named instanceof Error ? named.message : String(named);
      setOutputs({ verdict: 'error', reason: `The deploy quality gate could not run: ${reason}` });
    }
    throw named;
  }
  const describeInput = (input: string) =>
    sources[input] ? `${sources[input]} (input '${input}')` : `input '${input}'`;
  if (inputs.mode === 'preflight') return runPreflight(read, inputs, describeInput);
  return judgeRelease(read, inputs, describeInput);
}
