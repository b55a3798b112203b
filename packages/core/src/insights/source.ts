import { UserError } from '../action/errors.js';
import type { GitHubClient } from '../github/client.js';
import type { Commit } from './analyse.js';

/** What the report reads from GitHub; the emulator and github.com answer the same requests. */
export interface LedgerSource {
  /** One page of deployments, newest first. */
  deployments(environment: string | undefined, page: number, perPage: number): Promise<unknown[]>;
  /** One page of a deployment's statuses, newest first. */
  statuses(deploymentId: number, page: number, perPage: number): Promise<unknown[]>;
  /** One page of the commits `head` has that `base` lacks, with the comparison's total. */
  compare(base: string, head: string, page: number, perPage: number): Promise<{ total: number; commits: unknown[] }>;
  /** Names of the repository's environments. */
  environments(): Promise<string[]>;
  readonly repository: string;
  readonly stats: { requests: number; retries: number };
}

export interface RetryOptions {
  attempts?: number;
  /** First wait; doubles each time (default 250 ms). */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (what: string, error: Error, attempt: number) => void;
}

interface HttpishError extends Error {
  status?: number;
  response?: { headers?: Record<string, string | undefined> };
}

/** 5xx, 429, a rate-limit 403 and network failures pass; other answers are final. */
export function isTransient(error: unknown): boolean {
  const status = (error as HttpishError).status;
  if (status === undefined) return true;
  // Octokit reports a connection that never answered as a 500 without a response.
  if (status >= 500 || status === 429) return true;
  return status === 403 && /rate limit/i.test((error as Error).message);
}

function waitFor(error: HttpishError, attempt: number, base: number): number {
  const retryAfter = Number(error.response?.headers?.['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter * 1_000, 60_000);
  return Math.min(base * 2 ** attempt, 5_000);
}

/**
 * Octokit retries too, but gives up after its own budget; a report that lost a page would
 * under-count silently, so each page is asked again here until it answers or the budget ends.
 */
export async function withRetry<T>(
  what: string,
  work: () => Promise<T>,
  options: RetryOptions & { stats?: { retries: number } } = {},
): Promise<T> {
  const attempts = options.attempts ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt + 1 >= attempts || !isTransient(error)) throw error;
      if (options.stats) options.stats.retries += 1;
      options.onRetry?.(what, error as Error, attempt + 1);
      await sleep(waitFor(error as HttpishError, attempt, options.baseDelayMs ?? 250));
    }
  }
}

/** The GitHub REST API through Paved's Octokit (its retry and throttling plugins stay on). */
export function githubLedgerSource(github: GitHubClient, retry: RetryOptions = {}): LedgerSource {
  const { octokit, owner, repo } = github;
  const stats = { requests: 0, retries: 0 };
  const get = async <T>(what: string, route: string, parameters: Record<string, unknown>): Promise<{ data: T }> =>
    withRetry(
      what,
      async () => {
        stats.requests += 1;
        // Octokit's retry plugin stays out of it (retries: 0): one retry layer, every retry counted.
        return (await octokit.request(route, { owner, repo, ...parameters, request: { retries: 0 } })) as { data: T };
      },
      { ...retry, stats },
    ).catch((error: unknown) => {
      throw refusal(error, `${owner}/${repo}`, what);
    });
  return {
    repository: `${owner}/${repo}`,
    stats,
    deployments: async (environment, page, perPage) =>
      (
        await get<unknown[]>(`deployments page ${page}`, 'GET /repos/{owner}/{repo}/deployments', {
          ...(environment === undefined ? {} : { environment }),
          page,
          per_page: perPage,
        })
      ).data,
    statuses: async (deploymentId, page, perPage) =>
      (
        await get<unknown[]>(
          `statuses of deployment ${deploymentId}`,
          'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
          { deployment_id: deploymentId, page, per_page: perPage },
        )
      ).data,
    compare: async (base, head, page, perPage) => {
      const { data } = await get<{ total_commits?: unknown; commits?: unknown }>(
        `compare ${base.slice(0, 7)}...${head.slice(0, 7)}`,
        'GET /repos/{owner}/{repo}/compare/{basehead}',
        { basehead: `${base}...${head}`, page, per_page: perPage },
      );
      return {
        total: typeof data.total_commits === 'number' ? data.total_commits : 0,
        commits: Array.isArray(data.commits) ? data.commits : [],
      };
    },
    environments: async () => {
      const names: string[] = [];
      for (let page = 1; page <= 10; page++) {
        const { data } = await get<{ environments?: { name?: unknown }[]; total_count?: number }>(
          'environments',
          'GET /repos/{owner}/{repo}/environments',
          { page, per_page: 100 },
        );
        const list = data.environments ?? [];
        for (const environment of list) if (typeof environment.name === 'string') names.push(environment.name);
        if (list.length < 100) break;
      }
      return names;
    },
  };
}

/** GitHub saying no is the token's or the repository's business: say which, not "unexpected". */
function refusal(error: unknown, repository: string, what: string): unknown {
  const status = (error as HttpishError).status;
  if (what.startsWith('compare ')) return error;
  if (status === undefined || (status === 500 && !(error as HttpishError).response)) {
    return new UserError(
      `Could not reach GitHub's API for ${repository} (${(error as Error).message}) while reading ${what}, after ` +
        "retrying: check the runner's network and GITHUB_API_URL.",
    );
  }
  if (isTransient(error)) return error;
  if (status === 401) {
    return new UserError(
      `GitHub refused the token (401) reading ${what} of ${repository}: pass a valid 'github-token'.`,
    );
  }
  if (status === 403) {
    return new UserError(
      `GitHub refused to read ${what} of ${repository} (403: ${(error as Error).message.split(' - ')[0]}): give the ` +
        "token deployments: read and contents: read (the job's permissions:).",
    );
  }
  if (status === 404) {
    return new UserError(
      `GitHub has no repository ${repository} that this token can see (404 reading ${what}): check the repository ` +
        'name and that the token may read it.',
    );
  }
  return error;
}

/** A compare API commit as evidence: a 40-hex sha and a committer time, else undefined. */
export function commitOf(raw: unknown): Commit | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { sha, commit } = raw as { sha?: unknown; commit?: { committer?: { date?: unknown } | null } };
  if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha)) return undefined;
  const date = commit?.committer?.date;
  const at = typeof date === 'string' ? Date.parse(date) : NaN;
  return Number.isFinite(at) ? { sha, at } : undefined;
}
