import { execFileSync } from 'node:child_process';

/** What the repository's history says about the release version; read with `git describe`. */
export interface GitHistory {
  /** The version of a v-tag on HEAD itself (v1.2.3 → 1.2.3). */
  exactTag?: string;
  /** The newest v-tag HEAD descends from, and how far HEAD is past it. */
  nearestTag?: { version: string; distance: number; sha: string };
  /** GITHUB_RUN_NUMBER: the build number, unique per workflow. */
  runNumber?: string;
}

const DESCRIBE = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)-(\d+)-g([0-9a-f]{7,40})$/;

function git(dir: string, args: string[]): string | undefined {
  try {
    // A minimal environment: no GIT_* from the job can point this at another repository.
    return execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' },
      timeout: 10_000,
    }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Reads the v-tags around HEAD. A shallow clone (actions/checkout's default) has none: the
 * build number is then what tells releases apart; `fetch-depth: 0` brings the tags.
 */
export function readGitHistory(dir: string, env: NodeJS.ProcessEnv = process.env): GitHistory {
  const runNumber = /^\d+$/.test(env.GITHUB_RUN_NUMBER ?? '') ? env.GITHUB_RUN_NUMBER : undefined;
  const exact = git(dir, ['describe', '--tags', '--exact-match', '--match', 'v[0-9]*', 'HEAD']);
  const long = git(dir, ['describe', '--tags', '--long', '--abbrev=7', '--match', 'v[0-9]*', 'HEAD']);
  const match = long ? DESCRIBE.exec(long) : null;
  return {
    exactTag: exact && /^v\d+\.\d+\.\d+/.test(exact) ? exact.slice(1) : undefined,
    nearestTag: match ? { version: match[1]!, distance: Number(match[2]), sha: match[3]! } : undefined,
    runNumber,
  };
}
