export { ATTR, pipelineAttributes, releaseAttributes } from './attributes.js';
export type { ReleaseFacts, TraceAttributes } from './attributes.js';
export { parseHeaders, resolveTraceExport } from './config.js';
export type { TraceExport } from './config.js';
export { traced, untraced } from './trace.js';
export type { ActionTrace, TracedAction } from './trace.js';
