import { Octokit, RequestError } from 'octokit';
import { startGitHubEmulator, type GitHubEmulator, type GitHubEmulatorOptions, type SeedData } from '../src/index.js';

export const HEAD_SHA = 'a'.repeat(40);
export const PARENT_SHA = 'b'.repeat(40);
export const MERGE_SHA = 'c'.repeat(40);

export const seed: SeedData = {
  repositories: [
    {
      owner: 'acme',
      name: 'shop',
      default_branch: 'main',
      commits: [
        { sha: PARENT_SHA, message: 'Initial commit', author: { name: 'Ada', email: 'ada@example.com', login: 'ada' } },
        { sha: HEAD_SHA, message: 'Add checkout', parents: [PARENT_SHA] },
        { sha: MERGE_SHA, message: 'Merge pull request #7', parents: [PARENT_SHA, HEAD_SHA] },
      ],
      branches: { main: MERGE_SHA, feature: HEAD_SHA },
      tags: { 'v1.0.0': PARENT_SHA },
      pulls: [
        {
          number: 7,
          title: 'Add checkout',
          head_ref: 'feature',
          head_sha: HEAD_SHA,
          user: 'ada',
          merged: true,
          merge_commit_sha: MERGE_SHA,
        },
      ],
    },
  ],
};

export async function startSeeded(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  return startGitHubEmulator({ seed, ...options });
}

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * The real octokit, pointed at the emulator, with fast retries so reliability tests stay short. The
 * throttling plugin is off unless asked for: it spaces every write by one second.
 */
export function octokitFor(emulator: GitHubEmulator, options: ConstructorParameters<typeof Octokit>[0] = {}): Octokit {
  return new Octokit({
    auth: 'test-token',
    baseUrl: emulator.url,
    log: silent,
    retry: { retryAfterBaseValue: 10 },
    throttle: { enabled: false, onRateLimit: () => false, onSecondaryRateLimit: () => false },
    ...options,
  });
}

export const repo = { owner: 'acme', repo: 'shop' } as const;

/** The error a request that must fail ends with; fails the test when it succeeds or throws anything else. */
export async function statusOf(promise: Promise<unknown>): Promise<RequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RequestError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}
