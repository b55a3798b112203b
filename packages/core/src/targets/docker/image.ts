import { UserError } from '../../action/errors.js';
import type { DockerClient } from '../../docker/cli.js';
import { lastLines } from '../../docker/cli.js';
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
  const present = await inspectImage(docker, image);
  if (present) return present;
  const pulled = await docker.run(['pull', '--quiet', '--', pinnedRef(image)], { allowFailure: true });
  if (pulled.code !== 0) throw pullError(image, where, `${pulled.stderr}\n${pulled.stdout}`);
  const facts = await inspectImage(docker, image);
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

async function inspectImage(docker: DockerClient, image: string): Promise<ImageFacts | undefined> {
  // The whole config as JSON: newer engines omit Healthcheck when unset, and a template naming
  // a missing key fails.
  const result = await docker.run(['image', 'inspect', '--format', '{{json .Id}} {{json .Config}}', '--', image], {
    allowFailure: true,
  });
  if (result.code !== 0) return undefined;
  const text = result.stdout.trim();
  const space = text.indexOf(' ');
  const config = JSON.parse(text.slice(space + 1) || 'null') as { Healthcheck?: { Test?: string[] } } | null;
  const test = config?.Healthcheck?.Test ?? [];
  return { id: JSON.parse(text.slice(0, space)) as string, hasHealthcheck: test.length > 0 && test[0] !== 'NONE' };
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
