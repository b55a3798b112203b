import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { ADMIN_PREFIX, handleAdmin, type AdminTarget } from './admin.js';
import { authenticate, type AuthOptions } from './auth.js';
import { dispatch, errorReply, type ApiAnswer, type ApiDependencies } from './dispatch.js';
import { HttpError } from './errors.js';
import { answerGraphql } from './graphql.js';
import { SECONDARY_RATE_LIMIT_MESSAGE, type FaultSpec } from './faults.js';
import type { Reply } from '../resources/handler.js';

export interface ServerDependencies {
  api: () => ApiDependencies;
  admin: AdminTarget;
  auth: AuthOptions;
  /** Called after a request changed state (persistence hooks in here). */
  onMutation: () => void;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The node:http listener: admin endpoints, injected faults, authentication, then the API. */
export function createListener(deps: ServerDependencies) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    void serve(deps, request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent)
        send(response, { status: 500, body: { message: `Emulator failure: ${message}`, status: '500' } });
    });
  };
}

async function serve(deps: ServerDependencies, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const started = performance.now();
  const method = (request.method ?? 'GET').toUpperCase();
  const rawPath = request.url ?? '/';
  const url = new URL(rawPath, 'http://127.0.0.1');
  const rawBody = await readBody(request);
  if (url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
    send(response, safeAdmin(deps.admin, method, url.pathname, rawBody));
    return;
  }
  const log = (status: number, extra: { operationId?: string; fault?: string } = {}) =>
    deps.admin.log.add({
      method,
      path: rawPath,
      status,
      durationMs: Math.round(performance.now() - started),
      ...extra,
    });

  const fault = deps.admin.faults.take(method, url.pathname);
  if (fault?.kind === 'drop') {
    log(0, { fault: 'drop' });
    request.socket.destroy();
    return;
  }
  if (fault?.kind === 'delay') await delay(fault.ms);
  const faultReply = fault ? replyForFault(fault) : undefined;
  if (faultReply) {
    log(faultReply.status, { fault: fault!.kind });
    send(response, faultReply);
    return;
  }

  let answer: ApiAnswer;
  try {
    const login = authenticate(request.headers.authorization, deps.auth);
    answer =
      method === 'POST' && url.pathname === '/graphql'
        ? answerGraphql(rawBody, login)
        : dispatch(deps.api(), { method, url, login, rawBody });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    answer = errorReply(error);
  }
  if (method !== 'GET' && answer.status < 300) deps.onMutation();
  log(answer.status, { operationId: answer.operationId, fault: fault?.kind });
  send(response, answer);
}

function replyForFault(fault: FaultSpec): Reply | undefined {
  const requestId = randomUUID().toUpperCase();
  switch (fault.kind) {
    case 'status':
      return {
        status: fault.status,
        body: {
          message: fault.message ?? `Injected ${fault.status}`,
          documentation_url: 'https://docs.github.com/rest',
          status: String(fault.status),
        },
      };
    case 'secondary-rate-limit':
      return {
        status: 403,
        headers: { 'retry-after': String(fault.retryAfter ?? 60), 'x-ratelimit-remaining': '4999' },
        body: {
          message: `${SECONDARY_RATE_LIMIT_MESSAGE} ${requestId}.`,
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '403',
        },
      };
    case 'too-many-requests':
      return {
        status: 429,
        headers: { 'retry-after': String(fault.retryAfter ?? 60) },
        body: { message: 'Too Many Requests', documentation_url: 'https://docs.github.com/rest', status: '429' },
      };
    default:
      return undefined;
  }
}

function safeAdmin(admin: AdminTarget, method: string, path: string, rawBody: string): Reply {
  try {
    return handleAdmin(admin, method, path, rawBody);
  } catch (error) {
    return { status: 400, body: { message: error instanceof Error ? error.message : String(error) } };
  }
}

function send(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = {
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': randomUUID().toUpperCase(),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-used': '1',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': 'core',
    ...reply.headers,
  };
  if (reply.body === undefined || reply.status === 204) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  response.writeHead(reply.status, headers).end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
