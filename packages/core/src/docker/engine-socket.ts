import { request } from 'node:http';

/**
 * Asks the Docker Engine API behind a unix socket for `/_ping`. True only for the engine's
 * own `200 OK`: a forward the host's sshd refuses, or anything else on the socket, is false.
 */
export async function pingEngineSocket(socketPath: string, timeoutMs = 5_000): Promise<boolean> {
  const answer = await askEngine(socketPath, { method: 'GET', path: '/_ping', timeoutMs }).catch(() => undefined);
  return answer?.status === 200 && answer.body === 'OK';
}

/** The socket path of a `unix:///path` engine endpoint, or undefined for any other form. */
export function unixEndpointPath(endpoint: string): string | undefined {
  const path = /^unix:\/\/(\/[\w./-]+)$/.exec(endpoint.trim())?.[1];
  return path && !path.includes('..') ? path : undefined;
}

/** An Engine API answer: its status and body. The engine's JSON is small; more than this is not it. */
export interface EngineAnswer {
  status: number;
  body: string;
}

const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

export interface EngineRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  timeoutMs?: number;
}

/**
 * One Engine API request behind a unix socket, on a fresh connection (none is left open to
 * hold the step). Rejects only when no answer came: the socket refused, the link dropped, the
 * timeout passed or the answer outgrew any the engine gives.
 */
export function askEngine(socketPath: string, ask: EngineRequest): Promise<EngineAnswer> {
  const { method, path } = ask;
  const timeoutMs = ask.timeoutMs ?? 30_000;
  const payload = ask.body === undefined ? undefined : Buffer.from(JSON.stringify(ask.body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        path,
        method,
        timeout: timeoutMs,
        headers: {
          Host: 'docker',
          Connection: 'close',
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES)
            res.destroy(new Error(`the answer to ${method} ${path} passed ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${path} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
