import { InputReader, NotImplementedError } from '@paved/core/action';
import { readInputs } from './inputs.js';

export async function main(): Promise<void> {
  readInputs(new InputReader());
  throw new NotImplementedError('build-image', 'build or push images');
}
