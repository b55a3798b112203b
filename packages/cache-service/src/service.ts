import { createHash } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';

const SERVICE = 'github.actions.results.api.v1.CacheService';

/** One cache entry as GitHub keeps it: immutable once finalized, scoped to a ref. */
export interface CacheServiceEntry {
  id: number;
  key: string;
  version: string;
  scope: string;
  blob: string;
  finalized: boolean;
  sizeBytes?: number;
  /** Order of finalization: "newest first" for prefix matches. */
  createdAt: number;
}

export interface CacheServiceRequest {
  method: string;
  status: number;
  key?: string;
  /** The key the lookup answered with, for GetCacheEntryDownloadURL hits. */
  matchedKey?: string;
}

export interface CacheServiceOptions {
  /** Azurite blob endpoint (http://127.0.0.1:<port>/<account>), account and key. */
  blobEndpoint: string;
  account: string;
  accountKey: string;
  /** The runtime token the service accepts (ACTIONS_RUNTIME_TOKEN). */
  token?: string;
  container?: string;
  /** The ref the job runs on: new entries get this scope. */
  scope?: string;
  /** Scopes a lookup may read, in order; GitHub lets a branch read its own, then the default branch's. */
  readScopes?: string[];
}

export interface CacheService {
  /** Base URL to give @actions/cache as ACTIONS_RESULTS_URL (ends with /). */
  url: string;
  token: string;
  entries(): CacheServiceEntry[];
  requests: CacheServiceRequest[];
  /** Switches the ref jobs run on, e.g. to test that a feature branch reads main's entries. */
  setScope(scope: string, readScopes?: string[]): void;
  close(): Promise<void>;
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A stand-in for GitHub's cache service v2, the Twirp JSON API @actions/cache v4+ calls at
 * ACTIONS_RESULTS_URL: CreateCacheEntry hands out a SAS URL to upload to, FinalizeCacheEntryUpload
 * commits the entry, GetCacheEntryDownloadURL finds one (exact key, then prefix matches newest
 * first, for the key and then each restore key) and hands out a read SAS URL. Blobs live in Azurite.
 */
export async function startCacheService(options: CacheServiceOptions): Promise<CacheService> {
  const container = options.container ?? 'actions-cache';
  const token = options.token ?? 'paved-runtime-token';
  const credential = new StorageSharedKeyCredential(options.account, options.accountKey);
  const blobService = new BlobServiceClient(options.blobEndpoint, credential);
  const containerClient = blobService.getContainerClient(container);
  await containerClient.createIfNotExists();
  let scope = options.scope ?? 'refs/heads/main';
  let readScopes = options.readScopes ?? [scope];
  const entries: CacheServiceEntry[] = [];
  const requests: CacheServiceRequest[] = [];
  let nextId = 1;
  let clock = 0;

  const sasUrl = (blob: string, permissions: string): string => {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: container,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + 60 * 60 * 1000),
        protocol: SASProtocol.HttpsAndHttp,
      },
      credential,
    ).toString();
    return `${options.blobEndpoint}/${container}/${encodeURIComponent(blob)}?${sas}`;
  };

  const methods: Record<string, (body: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
    async CreateCacheEntry(body) {
      const key = validKey(body.key);
      const version = validVersion(body.version);
      if (entries.some((e) => e.key === key && e.version === version && e.scope === scope)) {
        throw new TwirpError(409, 'already_exists', 'cache entry with the same key, version, and scope already exists');
      }
      const id = nextId++;
      const blob = `${id}-${createHash('sha256').update(`${scope}|${key}|${version}`).digest('hex').slice(0, 16)}`;
      entries.push({ id, key, version, scope, blob, finalized: false, createdAt: 0 });
      return { ok: true, signed_upload_url: sasUrl(blob, 'cw') };
    },
    async FinalizeCacheEntryUpload(body) {
      const key = validKey(body.key);
      const version = validVersion(body.version);
      const entry = entries.find((e) => e.key === key && e.version === version && e.scope === scope && !e.finalized);
      if (!entry) throw new TwirpError(404, 'not_found', `no cache entry reserved for key ${key}`);
      const exists = await containerClient.getBlobClient(entry.blob).exists();
      if (!exists) throw new TwirpError(400, 'failed_precondition', `nothing was uploaded for key ${key}`);
      entry.finalized = true;
      entry.sizeBytes = Number(body.size_bytes ?? 0);
      entry.createdAt = ++clock;
      return { ok: true, entry_id: String(entry.id) };
    },
    async GetCacheEntryDownloadURL(body) {
      const key = validKey(body.key);
      const version = validVersion(body.version);
      const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys.map(String) : [];
      const entry = findEntry(entries, [key, ...restoreKeys], version, readScopes);
      if (!entry) return { ok: false, signed_download_url: '', matched_key: '' };
      return { ok: true, signed_download_url: sasUrl(entry.blob, 'r'), matched_key: entry.key };
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = /^\/twirp\/([^/]+)\/([^/?]+)$/.exec(req.url ?? '');
      const record: CacheServiceRequest = { method: method?.[2] ?? req.url ?? '', status: 200 };
      requests.push(record);
      const reply = (status: number, body: Record<string, unknown>) => {
        record.status = status;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      void (async () => {
        try {
          if (req.method !== 'POST' || !method || method[1] !== SERVICE || !methods[method[2] ?? '']) {
            throw new TwirpError(404, 'bad_route', `no handler for ${req.method} ${req.url}`);
          }
          if (req.headers.authorization !== `Bearer ${token}`) {
            throw new TwirpError(401, 'unauthenticated', 'invalid or missing runtime token');
          }
          let body: Record<string, unknown>;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
          } catch {
            throw new TwirpError(400, 'malformed', 'the body is not JSON');
          }
          record.key = typeof body.key === 'string' ? body.key : undefined;
          const result = await (
            methods[method[2] ?? ''] as (b: Record<string, unknown>) => Promise<Record<string, unknown>>
          )(body);
          if (typeof result.matched_key === 'string' && result.matched_key) record.matchedKey = result.matched_key;
          reply(200, result);
        } catch (error) {
          if (error instanceof TwirpError) reply(error.status, { code: error.code, msg: error.message });
          else reply(500, { code: 'internal', msg: (error as Error).message });
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    entries: () => entries.map((e) => ({ ...e })),
    requests,
    setScope(next, nextRead) {
      scope = next;
      readScopes = nextRead ?? [next];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * GitHub's lookup: for each key in order (the primary key, then the restore keys), an exact
 * match, then the newest entry whose key starts with it; each scope is searched in turn.
 */
export function findEntry(
  entries: readonly CacheServiceEntry[],
  keys: readonly string[],
  version: string,
  scopes: readonly string[],
): CacheServiceEntry | undefined {
  for (const scope of scopes) {
    const usable = entries
      .filter((e) => e.finalized && e.version === version && e.scope === scope)
      .sort((a, b) => b.createdAt - a.createdAt);
    for (const key of keys) {
      const match = usable.find((e) => e.key === key) ?? usable.find((e) => e.key.startsWith(key));
      if (match) return match;
    }
  }
  return undefined;
}

function validKey(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TwirpError(400, 'invalid_argument', 'key is required');
  if (value.length > 512 || value.includes(',')) {
    throw new TwirpError(400, 'invalid_argument', 'key must be at most 512 characters without commas');
  }
  return value;
}

function validVersion(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TwirpError(400, 'invalid_argument', 'version is required');
  return value;
}
