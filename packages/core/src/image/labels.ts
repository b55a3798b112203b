import { InputError } from '../action/errors.js';
import { revisionOf, type BuildGitContext } from './git-context.js';

/**
 * The OCI annotations every image should carry
 * (https://github.com/opencontainers/image-spec/blob/main/annotations.md), filled from the
 * git context, then overridden by the user's own `labels` lines.
 */
export function ociLabels(
  git: BuildGitContext,
  options: { version?: string; now?: Date } = {},
): Record<string, string> {
  const url = `${git.serverUrl.replace(/\/$/, '')}/${git.repository}`;
  const labels: Record<string, string> = {
    'org.opencontainers.image.title': git.repository.split('/')[1] ?? git.repository,
    'org.opencontainers.image.description': git.description ?? '',
    'org.opencontainers.image.source': url,
    'org.opencontainers.image.url': url,
    'org.opencontainers.image.revision': revisionOf(git),
    // The commit's time makes a rebuild of the same commit carry the same label; "now" otherwise.
    'org.opencontainers.image.created': createdTime(git.commitTime, options.now),
    'org.opencontainers.image.version': options.version ?? '',
    'org.opencontainers.image.licenses': git.license ?? '',
  };
  // An empty label is noise in `docker inspect`; leave out what is not known.
  return Object.fromEntries(Object.entries(labels).filter(([, value]) => value !== ''));
}

function createdTime(commitTime: string | undefined, now = new Date()): string {
  const parsed = commitTime ? new Date(commitTime) : undefined;
  return (parsed && !Number.isNaN(parsed.getTime()) ? parsed : now).toISOString();
}

/** Parses `name=value` lines of an input (labels, annotations, build-args); the error names the input and the line. */
export function parseKeyValues(input: string, lines: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!key || /\s/.test(key)) {
      throw new InputError(input, `Input '${input}' must hold name=value lines, got '${line}'`);
    }
    result[key] = line.slice(eq + 1);
  }
  return result;
}

/** OCI labels overridden by the user's labels. */
export function imageLabels(
  git: BuildGitContext,
  userLabels: readonly string[],
  options: { version?: string; now?: Date } = {},
): Record<string, string> {
  return { ...ociLabels(git, options), ...parseKeyValues('labels', userLabels) };
}
