import * as core from '@actions/core';
import type { GitHubClient } from './client.js';

/** The login a workflow's GITHUB_TOKEN writes as. */
export const ACTIONS_BOT = 'github-actions[bot]';

const known = new WeakMap<GitHubClient, Promise<string | undefined>>();

/**
 * The login GitHub records as the author or `creator` of what this token writes: the user's for a
 * personal token, `<app>[bot]` for an app's, `github-actions[bot]` for a workflow's. GraphQL's
 * `viewer` answers for all three; where it does not (an older GitHub Enterprise Server), REST
 * `GET /user` answers for a personal token and refuses an installation token with 403, taken as
 * the workflow's bot. Undefined when GitHub could not be asked: then nothing already written
 * counts as Paved's own and no record is preferred by who created it.
 */
export function tokenLogin(github: GitHubClient): Promise<string | undefined> {
  let login = known.get(github);
  if (!login) {
    login = askViewer(github).then((viewer) => viewer ?? askUser(github));
    known.set(github, login);
  }
  return login;
}

async function askViewer(github: GitHubClient): Promise<string | undefined> {
  try {
    const answer = await github.octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
    const login = answer.viewer?.login;
    return typeof login === 'string' && login !== '' ? login : undefined;
  } catch (error) {
    core.debug(`GraphQL viewer query failed (${(error as Error).message}); asking GET /user`);
    return undefined;
  }
}

async function askUser(github: GitHubClient): Promise<string | undefined> {
  try {
    return (await github.octokit.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    const { status, message } = error as { status?: number; message?: string };
    if (status === 403) return ACTIONS_BOT;
    core.debug(`GET /user failed (${message}); nothing already written counts as Paved's own`);
    return undefined;
  }
}

/** Whether `author` (a comment's or issue's `user`) is the identity Paved writes as. */
export function writtenBy(author: { login?: string } | null | undefined, login: string | undefined): boolean {
  return login !== undefined && author?.login === login;
}
