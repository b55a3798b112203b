export { splitCommand } from './command.js';
export { hostsPerBatch, type BatchSize, type ResolvedFleet, type ResolvedFleetHost } from './fleet.js';
export { loadPavedConfig, type ProxySettings } from './load.js';
export { ENVIRONMENT_FORM, ENVIRONMENT_NAME, PINNED_IMAGE_FORM, PINNED_IMAGE_REF } from './names.js';
export { readTargetOverrides } from './overrides.js';
export type { TargetKind, TargetOverrides } from './overrides.js';
export { resolveEnvironment, serviceFromRepository } from './resolve.js';
export type { ResolvedEnvironment } from './resolve.js';
export { PAVED_CONFIG_SCHEMA } from './schema.js';
