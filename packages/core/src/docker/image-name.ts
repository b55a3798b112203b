import { InputError } from '../action/errors.js';

/** An image name split the way docker reads it: registry host, then the repository path. */
export interface ImageName {
  /** As given (or defaulted), without tag or digest: `ghcr.io/acme/shop`, `127.0.0.1:5000/acme/shop`. */
  name: string;
  /** `ghcr.io`, `127.0.0.1:5000`; `docker.io` when the name has no host part. */
  registry: string;
  /** `acme/shop` (`library/x` for official Docker Hub images). */
  repository: string;
}

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::\\d+)?';
const NAME = new RegExp(`^(?:(${HOST})/)?(${COMPONENT}(?:/${COMPONENT})*)$`);

/** `ghcr.io/<owner>/<repo>` lower-cased: what GHCR expects for a repository's own images. */
export function defaultImageName(repository: string): string {
  if (!/^[^/\s]+\/[^/\s]+$/.test(repository)) {
    throw new InputError(
      'image',
      `Input 'image' is empty and the repository is unknown (GITHUB_REPOSITORY='${repository}'); set image to a name like ghcr.io/acme/shop`,
    );
  }
  return `ghcr.io/${repository.toLowerCase()}`;
}

/** Splits and checks an image name; the error names the input 'image'. */
export function parseImageName(name: string): ImageName {
  const match = NAME.exec(name);
  const [, first, rest] = match ?? [];
  if (!match || rest === undefined) {
    throw new InputError(
      'image',
      `Input 'image' must be an image name without tag, lower-case, like ghcr.io/acme/shop, got '${name}'`,
    );
  }
  // docker's rule: the first part is a registry only when it looks like a host (a dot, a port, localhost).
  const isHost = first !== undefined && (/[.:[]/.test(first) || first === 'localhost');
  if (first !== undefined && !isHost) {
    if (first !== first.toLowerCase()) {
      throw new InputError('image', `Input 'image' must be lower-case, got '${name}'`);
    }
    return { name, registry: 'docker.io', repository: `${first}/${rest}` };
  }
  if (!first) return { name, registry: 'docker.io', repository: rest.includes('/') ? rest : `library/${rest}` };
  return { name, registry: first, repository: rest };
}
