import type { GitHubClient } from './client.js';

/**
 * The login GitHub records as `creator` of what this token creates: `github-actions[bot]` for a
 * workflow's token, `<app>[bot]` for an app's, the user's for a personal token. GraphQL's
 * `viewer` answers for all three; REST `GET /user` refuses installation tokens. Undefined when
 * GitHub does not say (then nothing can be preferred by who created it).
 */
export async function tokenLogin(github: GitHubClient): Promise<string | undefined> {
  try {
    const answer = await github.octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
    const login = answer.viewer?.login;
    return typeof login === 'string' && login !== '' ? login : undefined;
  } catch {
    return undefined;
  }
}
