import http from 'node:http';
import type net from 'node:net';
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';

const SERVICE = 'github.actions.results.api.v1.ArtifactService';

export interface ArtifactRecord {
  id: number;
  name: string;
  runId: string;
  jobId: string;
  blob: string;
  finalized: boolean;
  size?: number;
  hash?: string;
}

export interface ArtifactService {
  /** ACTIONS_RESULTS_URL for @actions/artifact. */
  url: string;
  /** ACTIONS_RUNTIME_TOKEN: a JWT whose scp names this run and job, as the runner's does. */
  token: string;
  artifacts(): ArtifactRecord[];
  /** The uploaded bytes of a finalized artifact (a zip unless uploaded raw). */
  download(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** A runtime token shaped like the runner's: the artifact client reads the run and job ids from `scp`. */
function runtimeToken(runId: string, jobId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.GenericRead Actions.Results:${runId}:${jobId}` })}.`;
}

/**
 * A stand-in for GitHub's artifact service v4, the Twirp JSON API @actions/artifact calls at
 * ACTIONS_RESULTS_URL: CreateArtifact hands out a SAS URL to upload to, FinalizeArtifact checks
 * the blob is there and records its size and hash. Blobs live in Azurite.
 */
export async function startArtifactService(options: {
  blobEndpoint: string;
  account: string;
  accountKey: string;
}): Promise<ArtifactService> {
  const container = 'actions-artifacts';
  const runId = 'b5a3f1de-0c1e-4c55-9f43-2a3a7b0c1d01';
  const jobId = '6f0e2c9a-7d41-4b1e-8a53-0e5c2f9b7a02';
  const token = runtimeToken(runId, jobId);
  const credential = new StorageSharedKeyCredential(options.account, options.accountKey);
  const containerClient = new BlobServiceClient(options.blobEndpoint, credential).getContainerClient(container);
  await containerClient.createIfNotExists();
  const artifacts: ArtifactRecord[] = [];
  let nextId = 1;

  const methods: Record<string, (body: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
    async CreateArtifact(body) {
      const name = String(body.name ?? '');
      if (body.workflow_run_backend_id !== runId || body.workflow_job_run_backend_id !== jobId) {
        return Promise.reject(Object.assign(new Error('unknown run or job'), { status: 400 }));
      }
      if (artifacts.some((a) => a.name === name)) {
        return Promise.reject(Object.assign(new Error(`an artifact named ${name} exists`), { status: 409 }));
      }
      const id = nextId++;
      const blob = `${runId}/${id}-${name}`;
      artifacts.push({ id, name, runId, jobId, blob, finalized: false });
      const sas = generateBlobSASQueryParameters(
        {
          containerName: container,
          blobName: blob,
          permissions: BlobSASPermissions.parse('cw'),
          expiresOn: new Date(Date.now() + 3_600_000),
          protocol: SASProtocol.HttpsAndHttp,
        },
        credential,
      ).toString();
      return { ok: true, signed_upload_url: `${options.blobEndpoint}/${container}/${blob}?${sas}` };
    },
    async FinalizeArtifact(body) {
      const artifact = artifacts.find((a) => a.name === body.name && !a.finalized);
      if (!artifact) return Promise.reject(Object.assign(new Error('no artifact to finalize'), { status: 404 }));
      if (!(await containerClient.getBlobClient(artifact.blob).exists())) {
        return Promise.reject(Object.assign(new Error('nothing was uploaded'), { status: 400 }));
      }
      artifact.finalized = true;
      artifact.size = Number(body.size ?? 0);
      artifact.hash = typeof body.hash === 'string' ? body.hash : undefined;
      return { ok: true, artifact_id: String(artifact.id) };
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const route = /^\/twirp\/([^/]+)\/([^/?]+)$/.exec(req.url ?? '');
      const reply = (status: number, body: Record<string, unknown>) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const handler = route?.[1] === SERVICE ? methods[route[2] ?? ''] : undefined;
      if (req.method !== 'POST' || !handler) return reply(404, { code: 'bad_route', msg: `no ${req.url}` });
      if (req.headers.authorization !== `Bearer ${token}`) return reply(401, { code: 'unauthenticated', msg: 'token' });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        return reply(400, { code: 'malformed', msg: 'the body is not JSON' });
      }
      handler(body).then(
        (result) => reply(200, result),
        (error: Error & { status?: number }) =>
          reply(error.status ?? 500, { code: 'invalid_argument', msg: error.message }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    artifacts: () => artifacts.map((a) => ({ ...a })),
    async download(name) {
      const artifact = artifacts.find((a) => a.name === name && a.finalized);
      if (!artifact) throw new Error(`no finalized artifact named ${name}`);
      return containerClient.getBlobClient(artifact.blob).downloadToBuffer();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
