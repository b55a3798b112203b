import { HttpError } from './errors.js';

export interface AuthOptions {
  /** token → login. When set, only these tokens are accepted (401 Bad credentials otherwise). */
  tokens?: Record<string, string>;
  /** Login for any token when `tokens` is not set. */
  defaultLogin: string;
}

/** Returns the login behind the request's token, as GitHub does for `token X` and `Bearer X`. */
export function authenticate(authorization: string | undefined, options: AuthOptions): string {
  const token = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new HttpError(401, 'Requires authentication');
  if (!options.tokens) return options.defaultLogin;
  const login = options.tokens[token];
  if (!login) throw new HttpError(401, 'Bad credentials');
  return login;
}
