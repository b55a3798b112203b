export { isIdleReleasePostStep, POST_STATE, RELEASE_PROGRESS_STATE } from './post-step.js';
