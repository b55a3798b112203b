export { readTargetOverrides, TARGET_KINDS } from './overrides.js';
export type { TargetKind, TargetOverrides } from './overrides.js';
export { ENVIRONMENT_FORM, ENVIRONMENT_NAME, PINNED_IMAGE_FORM, PINNED_IMAGE_REF } from './names.js';
