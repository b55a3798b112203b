import { imageTagOf } from '../targets/index.js';

/** The version to record: the input, else the image's tag, else the short commit SHA. */
export function releaseVersion(given: string | undefined, image: string, sha: string): string {
  return given || imageTagOf(image) || sha.slice(0, 7);
}
