import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A status and the whole body, as a test reads an answer. */
export interface Answer {
  status: number;
  body: string;
}

/**
 * One GET on a fresh connection, bounded at 5 s: a kept-alive connection could outlive a
 * cancelled tunnel or a replaced proxy and answer for something that is gone.
 */
export function getOnce(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { timeout: 5_000, agent: false }, (res) => collect(res, resolve));
    settle(req, reject);
  });
}

/** A GET on a unix socket (an admin API), with the Host header it accepts. */
export function getOnSocket(socketPath: string, path: string, host: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions = { socketPath, path, headers: { host }, timeout: 5_000 };
    settle(
      httpRequest(options, (res) => collect(res, resolve)),
      reject,
    );
  });
}

/** An HTTPS GET to `address`:443 for `hostname`, trusting only `ca` (a proxy's own root). */
export function getTls(address: string, hostname: string, ca: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: address, port: 443, path: '/', servername: hostname, headers: { host: hostname }, ca, agent: false },
      (res) => collect(res, resolve),
    );
    req.setTimeout(5_000);
    settle(req, reject);
  });
}

function collect(res: IncomingMessage, resolve: (answer: Answer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
}

function settle(req: ReturnType<typeof httpRequest>, reject: (error: Error) => void): void {
  req.once('timeout', () => req.destroy(new Error('timed out')));
  req.once('error', reject);
  req.end();
}
