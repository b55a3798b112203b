import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';

/** What the runner would know about the commit being built, read from the local clone. */
export interface GitFacts {
  sha: string;
  /** Current branch, empty on a detached HEAD. */
  branch: string;
  defaultBranch: string;
  /** owner/name parsed from the origin remote, when it points at a GitHub-like host. */
  remoteRepository?: string;
  commit: { message: string; authorName: string; authorEmail: string; timestamp: string };
}

function git(cwd: string, args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The top folder of the clone holding `dir`, if any. */
export function gitTopLevel(dir: string): string | undefined {
  return git(dir, ['rev-parse', '--show-toplevel']);
}

export function readGitFacts(workspace: string): GitFacts {
  const sha =
    git(workspace, ['rev-parse', 'HEAD']) ??
    // Outside a clone the run still needs a full-length sha; derive a stable one from the folder.
    createHash('sha1').update(path.resolve(workspace)).digest('hex');
  const branch = git(workspace, ['symbolic-ref', '--quiet', '--short', 'HEAD']) ?? '';
  const originHead = git(workspace, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  const defaultBranch = originHead?.replace(/^origin\//, '') || branch || 'main';
  const [message = '', authorName = 'paved', authorEmail = 'paved@localhost', timestamp = new Date().toISOString()] = (
    git(workspace, ['log', '-1', '--format=%s%n%an%n%ae%n%cI']) ?? ''
  )
    .split('\n')
    .map((line) => line || undefined) as (string | undefined)[];
  return {
    sha,
    branch,
    defaultBranch,
    remoteRepository: repositoryFromRemote(git(workspace, ['remote', 'get-url', 'origin'])),
    commit: {
      message: message ?? '',
      authorName: authorName ?? 'paved',
      authorEmail: authorEmail ?? 'paved@localhost',
      timestamp: timestamp ?? new Date().toISOString(),
    },
  };
}

/** `git@github.com:acme/shop.git` or `https://github.com/acme/shop` → `acme/shop`. */
export function repositoryFromRemote(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const match = /[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : undefined;
}
