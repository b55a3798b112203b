export { formatDuration, parseDuration } from './duration.js';
export { describeFailure, InputError, NotImplementedError, UserError } from './errors.js';
export { InputReader, isInside, runnerInputSource } from './inputs.js';
export type { InputReaderOptions, InputSource } from './inputs.js';
export { run, setOutputs } from './run.js';
export type { Phase } from './run.js';
