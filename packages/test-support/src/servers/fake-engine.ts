import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { temporaryDirectory } from '../workspace/index.js';

/** A request the fake engine was asked, with its body as sent. */
export interface EngineAsk {
  method: string;
  url: string;
  body: string;
}

/**
 * A Docker Engine stand-in on a unix socket: what it answers is the test's. It records every
 * request, so a test can compare what the docker CLI sends with what Paved sends.
 */
export async function fakeEngine(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ server: Server; socket: string; asked: string[]; requests: EngineAsk[] }> {
  const socket = path.join(temporaryDirectory('paved-engine-'), 'docker.sock');
  const asked: string[] = [];
  const requests: EngineAsk[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      asked.push(req.url ?? '');
      requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return { server, socket, asked, requests };
}

export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}
