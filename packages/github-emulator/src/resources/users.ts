import { HttpError } from '../http/errors.js';
import type { HandlerTable } from './handler.js';
import { simpleUser } from './representations.js';

const EPOCH = '2011-01-25T18:44:36Z';

export const userHandlers: HandlerTable = {
  /**
   * Who the token belongs to. GitHub refuses installation tokens (GITHUB_TOKEN, a GitHub App's):
   * they act as `<app>[bot]` but cannot read `/user`; the emulator's bot logins answer the same.
   */
  'users/get-authenticated': (ctx) => {
    if (ctx.login.endsWith('[bot]')) {
      throw new HttpError(403, 'Resource not accessible by integration', {
        documentationUrl: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
      });
    }
    return {
      status: 200,
      body: {
        ...simpleUser(ctx, ctx.login),
        user_view_type: 'private',
        name: null,
        company: null,
        blog: '',
        location: null,
        email: null,
        hireable: null,
        bio: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: EPOCH,
        updated_at: EPOCH,
        private_gists: 0,
        total_private_repos: 0,
        owned_private_repos: 0,
        disk_usage: 0,
        collaborators: 0,
        two_factor_authentication: true,
      },
    };
  },
};
