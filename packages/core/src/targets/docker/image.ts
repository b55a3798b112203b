import { UserError } from '../../action/errors.js';
import { inspectImage, lastLines, type DockerClient } from '../../docker/index.js';
import { digestOf, repositoryOf } from '../naming.js';
import { ReleaseError } from '../target.js';

export interface ImageFacts {
  id: string;
  /** The image declares a HEALTHCHECK (and does not disable it). */
  hasHealthcheck: boolean;
}

/**
 * Makes the pinned image present on the host. A reference pinned by digest cannot change, so
 * an image already there is not pulled again (a redeploy or rollback starts at once).
 */
export async function ensureImage(docker: DockerClient, image: string, where: string): Promise<ImageFacts> {
  image = pinnedRef(image);
  const present = await imageFacts(docker, image);
  if (present) return present;
  const pulled = await docker.run(['pull', '--quiet', '--', pinnedRef(image)], { allowFailure: true });
  if (pulled.code !== 0) throw pullError(image, where, `${pulled.stderr}\n${pulled.stdout}`);
  const facts = await imageFacts(docker, image);
  if (!facts) throw new ReleaseError(`${where} pulled ${image} but cannot inspect it`, 'pull');
  return facts;
}

/**
 * `name@sha256:…` without the tag: docker pulls `name:tag@digest` by digest but then cannot
 * find it under that reference, so every docker command gets the tag-less form.
 */
/** A reference pinned by digest that no argument parser can read as an option. */
const PINNED = /^[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64}$/;

/**
 * `repository@sha256:…` for a reference already pinned by digest; anything else (an option-shaped
 * value from a record, a tag alone) is refused before it reaches an argument list.
 */
export function pinnedRef(image: string): string {
  const ref = `${repositoryOf(image)}@${digestOf(image)}`;
  if (!PINNED.test(image) || !PINNED.test(ref)) {
    throw new UserError(
      `'${image.slice(0, 100)}' is not an image reference pinned by digest (name@sha256:<64 hex>); refusing to use it.`,
    );
  }
  return ref;
}

async function imageFacts(docker: DockerClient, image: string): Promise<ImageFacts | undefined> {
  const found = await inspectImage(docker, image);
  if (!found) return undefined;
  // Newer engines omit Healthcheck when unset.
  const test = found.Config?.Healthcheck?.Test ?? [];
  return { id: found.Id, hasHealthcheck: test.length > 0 && test[0] !== 'NONE' };
}

/** One sentence for each way a pull fails, and what to do about it. */
function pullError(image: string, where: string, output: string): ReleaseError {
  const tail = lastLines(output.trim(), 3);
  const registry = image.split('/')[0] ?? image;
  let message: string;
  let kind: 'user' | 'platform' = 'user';
  if (/manifest unknown|not found|does not exist|repository .* not found/i.test(output)) {
    message = `Image ${image} is not in the registry: push it first (use build-image's ref output), or fix the digest`;
  } else if (/unauthorized|denied|authentication required/i.test(output)) {
    message = `The registry refused ${where} access to ${image}: log the host in (docker login ${registry})`;
  } else if (
    /connection refused|no such host|i\/o timeout|dial tcp|TLS handshake|server gave HTTP response/i.test(output)
  ) {
    message = `The registry ${registry} is unreachable from ${where}: check that it is up and that the host can reach it`;
    kind = 'platform';
  } else {
    message = `${where} could not pull ${image}`;
    kind = 'platform';
  }
  return new ReleaseError(`${message}. Nothing was changed.\n${tail}`, 'pull', { kind });
}
