/** GitHub environment names: letters, digits, `.`, `_`, `-`; at most 255 characters. */
export const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;
export const ENVIRONMENT_FORM = 'an environment name like staging or production';

/** An image reference pinned by digest: the only form deploy runs, so a tag can't move under it. */
export const PINNED_IMAGE_REF = /^[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64}$/;
export const PINNED_IMAGE_FORM = 'an image pinned by digest like ghcr.io/acme/shop@sha256:<64 hex>';
/** tcp:// is left out on purpose: the Docker API in clear is root on the host and carries the release's secrets. */
export const DOCKER_HOST_FORM =
  "a Docker host like unix:///var/run/docker.sock or ssh://deploy@example.com (not tcp://: the Docker API and the release's secrets would cross the network in clear)";
