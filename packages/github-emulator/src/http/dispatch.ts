import type { HandlerTable, Reply } from '../resources/handler.js';
import type { Router } from '../openapi/router.js';
import type { SchemaCompiler } from '../openapi/schemas.js';
import type { OpenApiDocument } from '../openapi/spec.js';
import { responseViolation, validateRequest } from '../openapi/validation.js';
import type { Store } from '../state/store.js';
import { HttpError, notFound } from './errors.js';

export interface ApiDependencies {
  document: OpenApiDocument;
  compiler: SchemaCompiler;
  router: Router;
  handlers: HandlerTable;
  store: Store;
  baseUrl: string;
  autoCreate: boolean;
  /** In strict mode a response that breaks GitHub's schema becomes a 500 naming the violation. */
  strict: boolean;
  onViolation: (violation: string) => void;
}

export interface ApiRequest {
  method: string;
  url: URL;
  login: string;
  rawBody: string;
}

export interface ApiAnswer extends Reply {
  operationId?: string;
}

/** Routes, validates, runs the handler and checks its answer against GitHub's description. */
export function dispatch(deps: ApiDependencies, request: ApiRequest): ApiAnswer {
  const match = deps.router.match(request.method, request.url.pathname.replace(/\/+$/, '') || '/');
  if (!match || match === 'method-not-allowed') throw notFound();
  const { route, pathParameters } = match;
  const operationId = route.operation.operationId;
  const body = parseJsonBody(request.rawBody);
  const validated = validateRequest(deps.compiler, route, pathParameters, request.url.searchParams, body);
  const handler = deps.handlers[operationId];
  if (!handler) throw notFound();
  let reply: Reply;
  try {
    reply = handler({
      store: deps.store,
      baseUrl: deps.baseUrl,
      login: request.login,
      path: validated.path,
      query: validated.query,
      body: validated.body,
      requestUrl: new URL(request.url.pathname + request.url.search, deps.baseUrl),
      autoCreate: deps.autoCreate,
      repository: () => {
        const owner = String(validated.path.owner);
        const name = String(validated.path.repo);
        const existing = deps.store.findRepository(owner, name);
        if (existing) return existing;
        if (deps.autoCreate) return deps.store.createRepository(owner, name);
        return deps.store.requireRepository(owner, name);
      },
    });
  } catch (error) {
    if (error instanceof HttpError) return checked(deps, route, operationId, errorReply(error));
    throw error;
  }
  return checked(deps, route, operationId, reply);
}

export function errorReply(error: HttpError): Reply {
  return { status: error.status, body: error.body, headers: error.headers };
}

function checked(
  deps: ApiDependencies,
  route: Parameters<typeof responseViolation>[2],
  operationId: string,
  reply: Reply,
): ApiAnswer {
  if (reply.body === undefined) return { ...reply, operationId };
  const violation = responseViolation(deps.document, deps.compiler, route, reply.status, reply.body);
  if (!violation) return { ...reply, operationId };
  const message = `Emulator response for ${operationId} (${reply.status}) breaks GitHub's schema: ${violation}`;
  deps.onViolation(message);
  if (!deps.strict) return { ...reply, operationId };
  return {
    status: 500,
    body: { message, documentation_url: 'https://docs.github.com/rest', status: '500' },
    operationId,
  };
}

function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'Problems parsing JSON');
  }
}
