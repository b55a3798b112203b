import type { Release } from './target.js';

/** Label keys on every container Paved starts; the rollback action finds releases by them. */
export const PAVED_LABELS = {
  service: 'dev.paved.service',
  environment: 'dev.paved.environment',
  version: 'dev.paved.version',
  sha: 'dev.paved.sha',
  deploymentId: 'dev.paved.deployment-id',
  digest: 'dev.paved.digest',
  image: 'dev.paved.image',
  port: 'dev.paved.port',
  migrateRollback: 'dev.paved.migrate-rollback',
  role: 'dev.paved.role',
  holder: 'dev.paved.lock-holder',
  lockedAt: 'dev.paved.locked-at',
} as const;

/** `<service>-<environment>-<deployment id>`: unique per deploy, readable in `docker ps`. */
export function containerName(release: Pick<Release, 'service' | 'environment' | 'deploymentId'>): string {
  return `${release.service}-${release.environment}-${release.deploymentId}`;
}

/** One lock per service and environment on a host. */
export function lockName(service: string, environment: string): string {
  return `paved-lock-${service}-${environment}`;
}

/** `sha256:…` of a reference pinned by digest. */
export function digestOf(image: string): string {
  const at = image.lastIndexOf('@');
  return at < 0 ? '' : image.slice(at + 1);
}

/** `registry/name` without tag or digest. */
export function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** The tag of `name:tag@sha256:…`, if it has one. */
export function imageTagOf(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? image;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(colon + 1) : undefined;
}

/** `sha256:0123456789ab`, for people. */
export function shortDigest(digest: string | undefined): string {
  return digest ? digest.replace(/^(sha256:[0-9a-f]{12}).*$/, '$1') : '';
}

/**
 * Joins an argv into one line that `splitCommand` splits back into the same argv: the form the
 * deployment payload and the container label keep a migrate-rollback command in.
 */
export function joinCommand(argv: readonly string[]): string {
  return argv.map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'"'"'`)}'`)).join(' ');
}
