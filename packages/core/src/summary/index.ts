export { addSmokeTestSummary, smokeTestRows } from './smoke-test.js';
