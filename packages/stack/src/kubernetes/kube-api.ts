import { request } from 'node:https';

export interface KubeCredentials {
  /** https://127.0.0.1:PORT */
  server: string;
  caPem: string;
  certPem?: string;
  keyPem?: string;
  token?: string;
}

export interface KubeResponse<T = unknown> {
  status: number;
  body: T;
}

export type PatchType = 'merge' | 'strategic' | 'json';

const PATCH_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

/** A bare JSON client for the test cluster's API, over HTTPS with the cluster CA pinned. */
export interface KubeApi {
  readonly server: string;
  request<T = unknown>(method: string, path: string, body?: unknown, patchType?: PatchType): Promise<KubeResponse<T>>;
  /** GET that throws unless 200. */
  get<T = unknown>(path: string): Promise<T>;
  /** POST that throws unless 201/200 (409 Conflict is accepted when `allowExisting`). */
  create<T = unknown>(path: string, body: unknown, options?: { allowExisting?: boolean }): Promise<T>;
  patch<T = unknown>(path: string, body: unknown, patchType?: PatchType): Promise<T>;
  delete(path: string): Promise<void>;
}

export function kubeApi(credentials: KubeCredentials, timeoutMs = 30_000): KubeApi {
  const url = new URL(credentials.server);
  const call = <T>(method: string, path: string, body?: unknown, patchType?: PatchType): Promise<KubeResponse<T>> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: Record<string, string> = { accept: 'application/json' };
      if (payload) {
        headers['content-type'] = method === 'PATCH' ? PATCH_TYPES[patchType ?? 'merge'] : 'application/json';
        headers['content-length'] = String(payload.length);
      }
      if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers,
          ca: credentials.caPem,
          cert: credentials.certPem,
          key: credentials.keyPem,
          timeout: timeoutMs,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // Not JSON (e.g. /readyz answers "ok"); keep the text.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });

  const expect = async <T>(method: string, path: string, ok: number[], body?: unknown, patchType?: PatchType) => {
    const response = await call<T>(method, path, body, patchType);
    if (!ok.includes(response.status)) {
      const message = (response.body as { message?: string } | undefined)?.message ?? JSON.stringify(response.body);
      throw new Error(`${method} ${path} answered ${response.status}: ${message}`);
    }
    return response.body;
  };

  return {
    server: credentials.server,
    request: call,
    get: (path) => expect('GET', path, [200]),
    create: (path, body, options = {}) =>
      expect('POST', path, options.allowExisting ? [200, 201, 409] : [200, 201], body),
    patch: (path, body, patchType) => expect('PATCH', path, [200], body, patchType),
    delete: async (path) => {
      await expect('DELETE', path, [200, 202, 404]);
    },
  };
}
