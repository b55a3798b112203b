import { InputReader, NotImplementedError } from '@paved/core/action';
import { readInputs } from './inputs.js';

export async function main(): Promise<void> {
  readInputs(new InputReader());
  throw new NotImplementedError('setup', 'install runtimes or dependencies');
}

/** Saves the dependency cache once the job has succeeded; nothing to save until main is delivered. */
export async function post(): Promise<void> {}
