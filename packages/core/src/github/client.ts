import * as core from '@actions/core';
import { context } from '@actions/github';
import { Octokit } from 'octokit';
import { PlatformError, UserError } from '../action/errors.js';
import { pacedWrites } from './write-pacing.js';

export interface GitHubClientOptions {
  token?: string;
  /** REST API base URL; defaults to GITHUB_API_URL, so github.com, GHES and the local emulator all work. */
  apiUrl?: string;
  /** `owner/repo`; defaults to GITHUB_REPOSITORY. */
  repository?: string;
  /** How many times a rate-limited request is retried after waiting as GitHub asks (default 3). */
  rateLimitRetries?: number;
  /** Paces writes as GitHub's best practices ask (see write-pacing.ts); tests may turn it off. */
  throttle?: boolean;
}

export interface GitHubClient {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** URL of the current workflow run, the `log_url` of every status Paved records. */
  runUrl: string;
}

/**
 * One Octokit for everything Paved asks of GitHub: retries on 5xx (octokit's retry plugin) and
 * waits out primary and secondary rate limits (its throttling plugin) instead of failing a
 * deploy because GitHub was briefly busy.
 */
export function createGitHubClient(options: GitHubClientOptions = {}): GitHubClient {
  const token = options.token;
  if (!token) {
    throw new UserError(
      "Input 'github-token' is empty: pass ${{ github.token }} (the default) or a token with deployments: write",
    );
  }
  const repository = options.repository ?? process.env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) {
    throw new UserError(`GITHUB_REPOSITORY must be owner/repo, got '${repository}': run inside a GitHub workflow`);
  }
  const retries = options.rateLimitRetries ?? 3;
  const onLimit =
    (kind: string) => (retryAfter: number, request: { method: string; url: string }, _: unknown, count: number) => {
      if (count >= retries) {
        core.warning(`GitHub ${kind} on ${request.method} ${request.url}; giving up after ${count} retries`);
        return false;
      }
      core.info(`GitHub ${kind} on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
      return true;
    };
  const octokit = new Octokit({
    auth: token,
    baseUrl: (options.apiUrl ?? context.apiUrl).replace(/\/$/, ''),
    userAgent: 'paved',
    throttle: {
      enabled: options.throttle ?? true,
      write: pacedWrites(),
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
    log: { debug: core.debug, info: core.debug, warn: core.warning, error: core.error },
  });
  // Whatever GitHub answers with or a dropped connection is GitHub's, not the user's nor a bug.
  octokit.hook.error('request', (error) => {
    throw new GitHubApiError(error);
  });
  return { octokit, owner, repo, runUrl: runUrl(owner, repo) };
}

/** A request to GitHub's API that failed after octokit's retries; `status` is GitHub's answer, if any. */
export class GitHubApiError extends PlatformError {
  readonly status?: number;
  constructor(cause: Error & { status?: number }) {
    super('GitHub', cause.message, { cause });
    this.name = 'GitHubApiError';
    this.status = typeof cause.status === 'number' ? cause.status : undefined;
  }
}

function runUrl(owner: string, repo: string): string {
  const server = (process.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
  const runId = process.env.GITHUB_RUN_ID ?? '0';
  const attempt = process.env.GITHUB_RUN_ATTEMPT;
  return `${server}/${owner}/${repo}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}
