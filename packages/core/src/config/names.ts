/** GitHub environment names: letters, digits, `.`, `_`, `-`; at most 255 characters. */
export const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;
export const ENVIRONMENT_FORM = 'an environment name like staging or production';

/** An image reference pinned by digest: the only form deploy runs, so a tag can't move under it. */
export const PINNED_IMAGE_REF = /^[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64}$/;
export const PINNED_IMAGE_FORM = 'an image pinned by digest like ghcr.io/acme/shop@sha256:<64 hex>';
