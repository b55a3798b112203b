import type { RepositoryRecord } from '../state/model.js';
import type { Store } from '../state/store.js';
import type { UrlContext } from './representations.js';

/** What a resource handler sees: the request after routing, authentication and schema validation. */
export interface RequestContext extends UrlContext {
  store: Store;
  /** Login of the token's user; becomes `creator`/`user` on what the request creates. */
  login: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  requestUrl: URL;
  /** Unknown repositories and full-length shas are created on first use (local runs without a seed). */
  autoCreate: boolean;
  /** The repository named by {owner}/{repo}; 404 when unknown. */
  repository(): RepositoryRecord;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Reply;

/** Handlers keyed by the operationId GitHub's description gives the endpoint. */
export type HandlerTable = Record<string, Handler>;

export function bodyOf<T>(ctx: RequestContext): T {
  return (ctx.body ?? {}) as T;
}
