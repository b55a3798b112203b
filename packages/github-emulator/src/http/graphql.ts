import type { ApiAnswer } from './dispatch.js';

/**
 * GitHub's GraphQL endpoint, only as far as `viewer { login }`: the one question that tells any
 * token (a workflow's, an app's, a user's) which login GitHub records as the creator of what it
 * creates. Anything else is answered as GitHub answers a query it cannot resolve.
 */
export function answerGraphql(rawBody: string, login: string): ApiAnswer {
  let query = '';
  try {
    const body = JSON.parse(rawBody) as { query?: unknown };
    query = typeof body.query === 'string' ? body.query : '';
  } catch {
    return { status: 400, body: { message: 'Problems parsing JSON' }, operationId: 'graphql' };
  }
  if (/^\s*(query\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(query)) {
    return { status: 200, body: { data: { viewer: { login } } }, operationId: 'graphql' };
  }
  return {
    status: 200,
    body: { errors: [{ message: 'The emulator answers only `query { viewer { login } }`' }] },
    operationId: 'graphql',
  };
}
