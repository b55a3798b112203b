export { formatDuration, parseDuration } from './duration.js';
export { causeChain, describeFailure, errorKind, InputError, PlatformError, UserError } from './errors.js';
export type { ErrorKind } from './errors.js';
export { childEnvironment, MACHINE_NETWORK_SETTINGS } from './child-env.js';
export { InputReader, isInside, runnerInputSource } from './inputs.js';
export { run, setOutputs } from './run.js';
export type { Phase } from './run.js';
export {
  html,
  htmlBlock,
  htmlCode,
  htmlLink,
  isWebUrl,
  markdown,
  markdownCode,
  markdownLink,
  mention,
} from './untrusted-text.js';
