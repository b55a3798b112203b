export { splitCommand, toArgv } from './command.js';
export { loadPavedConfig } from './load.js';
export type { EnvironmentSettings, PavedConfig } from './load.js';
export { ENVIRONMENT_FORM, ENVIRONMENT_NAME, PINNED_IMAGE_FORM, PINNED_IMAGE_REF } from './names.js';
export { readTargetOverrides, TARGET_KINDS } from './overrides.js';
export type { TargetKind, TargetOverrides } from './overrides.js';
export { DEFAULTS, resolveEnvironment, serviceFromRepository } from './resolve.js';
export type { EnvironmentInputs, ResolvedEnvironment } from './resolve.js';
export { PAVED_CONFIG_SCHEMA } from './schema.js';
