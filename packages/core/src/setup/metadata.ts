import { readFileSync } from 'node:fs';
import semver from 'semver';
import type { GitHistory } from './git-version.js';

/** What the rest of the pipeline tags, names and labels builds with. */
export interface BuildMetadata {
  version: string;
  /**
   * Where `version` came from: a tag (the ref or HEAD's v-tag), package (package.json ahead of
   * the newest tag), git (the newest tag plus commits since, as git describe), build (the
   * package version or 0.0.0 plus the build number, when there is no tag), or sha.
   */
  versionSource: 'tag' | 'package' | 'git' | 'build' | 'sha';
  sha: string;
  shortSha: string;
  refName: string;
  refSlug: string;
  isDefaultBranch: boolean;
}

/** The slice of the runner's environment and event payload build metadata depends on. */
export interface BuildContext {
  sha: string;
  ref: string;
  refName?: string;
  headRef?: string;
  eventName: string;
  event: {
    pull_request?: { head?: { sha?: string; ref?: string } };
    repository?: { default_branch?: string };
  };
}

/** Reads the build context from the runner's variables and GITHUB_EVENT_PATH. */
export function readBuildContext(env: NodeJS.ProcessEnv = process.env): BuildContext {
  let event: BuildContext['event'] = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as BuildContext['event'];
    } catch {
      event = {};
    }
  }
  return {
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    refName: env.GITHUB_REF_NAME || undefined,
    headRef: env.GITHUB_HEAD_REF || undefined,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    event: event ?? {},
  };
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review']);

/**
 * Version, SHAs and ref names. On pull requests GITHUB_SHA is the merge commit GitHub made,
 * which nobody can check out later; the head commit is what was pushed, so `sha` is that one
 * (docker/metadata-action's users ask for exactly this, its #206 and #414).
 */
export function buildMetadata(context: BuildContext, packageVersion?: string, history?: GitHistory): BuildMetadata {
  const isPullRequest = PULL_REQUEST_EVENTS.has(context.eventName);
  const sha = (isPullRequest ? context.event.pull_request?.head?.sha : undefined) || context.sha;
  const shortSha = sha.slice(0, 7);
  const refName =
    (isPullRequest ? context.headRef || context.event.pull_request?.head?.ref : undefined) ||
    context.refName ||
    context.ref.replace(/^refs\/(heads|tags)\//, '');
  const tagVersion = versionFromTag(context.ref);
  const ownVersion =
    packageVersion && semver.valid(packageVersion) && packageVersion !== '0.0.0' ? packageVersion : undefined;
  const [version, versionSource]: [string, BuildMetadata['versionSource']] = tagVersion
    ? [tagVersion, 'tag']
    : history
      ? versionFromHistory(history, ownVersion, shortSha)
      : ownVersion
        ? [ownVersion, 'package']
        : [`0.0.0-${shortSha || 'unknown'}`, 'sha'];
  const defaultBranch = context.event.repository?.default_branch;
  return {
    version,
    versionSource,
    sha,
    shortSha,
    refName,
    refSlug: refSlug(refName),
    isDefaultBranch:
      !isPullRequest &&
      context.ref.startsWith('refs/heads/') &&
      defaultBranch !== undefined &&
      refName === defaultBranch,
  };
}

/**
 * An unbumped package.json must not name every release: its version wins only while it is
 * ahead of the newest tag. Otherwise the tags decide (git describe), and without tags the
 * build number tells releases apart.
 */
function versionFromHistory(
  history: GitHistory,
  ownVersion: string | undefined,
  shortSha: string,
): [string, BuildMetadata['versionSource']] {
  if (history.exactTag && semver.valid(history.exactTag)) return [history.exactTag, 'tag'];
  const nearest = history.nearestTag;
  if (nearest && semver.valid(nearest.version)) {
    if (ownVersion && semver.gt(ownVersion, nearest.version)) return [ownVersion, 'package'];
    return [`${nearest.version}-${nearest.distance}-g${nearest.sha.slice(0, 7)}`, 'git'];
  }
  if (history.runNumber) return [`${ownVersion ?? '0.0.0'}-build.${history.runNumber}`, 'build'];
  return ownVersion ? [ownVersion, 'package'] : [`0.0.0-${shortSha || 'unknown'}`, 'sha'];
}

/** `refs/tags/v1.2.3` or `refs/tags/v1.2.3-rc.1` → the version without its v; anything else → undefined. */
export function versionFromTag(ref: string): string | undefined {
  const tag = /^refs\/tags\/v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/.exec(ref)?.[1];
  return tag && semver.valid(tag) ? tag : undefined;
}

/**
 * A ref name usable as a DNS label, an image tag and a URL path segment: lower-case, every
 * character outside [a-z0-9-] replaced by `-`, runs of `-` collapsed, no `-` at either end,
 * at most 63 characters (the DNS label limit). `feature/Add_Login` → `feature-add-login`.
 */
export function refSlug(refName: string): string {
  return refName
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}
