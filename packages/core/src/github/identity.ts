import * as core from '@actions/core';
import type { GitHubClient } from './client.js';

/**
 * The login GITHUB_TOKEN writes as. Installation tokens (GITHUB_TOKEN, a GitHub App's) cannot
 * ask `GET /user` who they are; GitHub answers 403 "Resource not accessible by integration".
 */
export const ACTIONS_BOT = 'github-actions[bot]';

const known = new WeakMap<GitHubClient, Promise<string | undefined>>();

/**
 * Who Paved writes as with this client's token: the login of a personal access token or OAuth
 * token (`GET /user`), else the Actions bot (an installation token, which `GET /user` refuses).
 * Undefined when GitHub could not be asked: then nothing already written is taken as Paved's.
 */
export function writerLogin(github: GitHubClient): Promise<string | undefined> {
  let login = known.get(github);
  if (!login) {
    login = github.octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login,
      (error: { status?: number; message?: string }) => {
        if (error.status === 403) return ACTIONS_BOT;
        core.debug(`GET /user failed (${error.message}); nothing already written counts as Paved's own`);
        return undefined;
      },
    );
    known.set(github, login);
  }
  return login;
}

/** Whether `author` (a comment's or issue's `user`) is the identity Paved writes as. */
export function writtenBy(author: { login?: string } | null | undefined, login: string | undefined): boolean {
  return login !== undefined && author?.login === login;
}
