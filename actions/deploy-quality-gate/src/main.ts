import { InputError, InputReader } from '@paved/core/action';
import { untraced, type ActionTrace } from '@paved/core/telemetry';
import { readInputSources, readInputs, type Inputs } from './inputs.js';
import { judgeRelease } from './judge-release.js';
import { runPreflight } from './preflight.js';

/**
 * Two modes. `gate` judges a release that is live; whatever stops it from judging ends with the
 * distinct outcome `error` (not `fail`), so the workflow stops without blaming the release.
 * `preflight` checks the gate's configuration, paved.yml and the smoke checks before anything
 * goes live. Invalid inputs set no output at all (a workflow reads no outputs as "the gate gave
 * no verdict", which it treats as a gate that could not judge).
 */
export async function main(trace: ActionTrace = untraced): Promise<void> {
  const read = new InputReader();
  const sources = readInputSources(read);
  let inputs: Inputs;
  try {
    inputs = readInputs(read);
  } catch (error) {
    if (error instanceof InputError && sources[error.input]) {
      throw new InputError(error.input, `${error.message}. It is set from ${sources[error.input]}.`);
    }
    throw error;
  }
  await trace.configure(inputs['otlp-endpoint']);
  trace.annotate({ environment: inputs.environment[0], deploymentId: inputs['deployment-id'] });
  const describeInput = (input: string) =>
    sources[input] ? `${sources[input]} (input '${input}')` : `input '${input}'`;
  if (inputs.mode === 'preflight') return runPreflight(read, inputs, describeInput);
  return judgeRelease(read, inputs, describeInput, trace);
}
