import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { KubeconfigError } from './errors.js';

/** Everything needed to talk to one cluster as one user, resolved from a kubeconfig's context. */
export interface KubeConnection {
  context: string;
  /** https://host:port, without a trailing slash. */
  server: string;
  caPem?: string;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
  clientCertPem?: string;
  clientKeyPem?: string;
  token?: string;
  /** The context's namespace, when it names one. */
  namespace?: string;
  /** Credential values to mask in logs. */
  secrets: string[];
}

export interface LoadKubeconfigOptions {
  /** Use this context instead of current-context. */
  context?: string;
  /** Names the kubeconfig in errors, e.g. "input 'kubeconfig'". */
  source?: string;
}

type Entry = Record<string, unknown>;

/** Parses kubeconfig text (YAML or JSON); file references are resolved against `baseDir`. */
export async function parseKubeconfig(
  text: string,
  options: LoadKubeconfigOptions & { baseDir?: string } = {},
): Promise<KubeConnection> {
  const source = options.source ?? 'kubeconfig';
  const fail = (problem: string): never => {
    throw new KubeconfigError(source, problem);
  };
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const where = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    fail(`does not parse as YAML${where ? ` (line ${where})` : ''}: ${firstLine((error as Error).message)}`);
  }
  if (!isEntry(document))
    return fail('is not a YAML mapping (expected apiVersion: v1, kind: Config, clusters, users, contexts)');
  if (document.kind !== undefined && document.kind !== 'Config')
    fail(`has kind '${String(document.kind)}', expected 'Config'`);

  const contextName = options.context ?? stringField(document['current-context']);
  if (!contextName) fail('has no current-context and no context was chosen: set current-context or name a context');
  const context = named(document.contexts, 'contexts', contextName as string, 'context', fail);
  const clusterName = stringField(context.cluster) ?? fail(`context '${contextName}' names no cluster`);
  const userName = stringField(context.user) ?? fail(`context '${contextName}' names no user`);
  const cluster = named(document.clusters, 'clusters', clusterName as string, 'cluster', fail);
  const user = named(document.users, 'users', userName as string, 'user', fail);

  const server = stringField(cluster.server) ?? fail(`cluster '${clusterName}' has no server`);
  let serverUrl: URL;
  try {
    serverUrl = new URL(server as string);
  } catch {
    return fail(`cluster '${clusterName}' has server '${server}', which is not a URL (expected https://host:port)`);
  }
  if (serverUrl.protocol !== 'https:') fail(`cluster '${clusterName}' server '${server}' must use https://`);
  if (cluster['proxy-url'] !== undefined) fail(`cluster '${clusterName}' sets proxy-url, which Paved does not support`);

  const read = async (field: string, owner: Entry, what: string): Promise<string | undefined> => {
    const inline = stringField(owner[`${field}-data`]);
    if (inline) return decodeBase64(inline, `${what} ${field}-data`, fail);
    const file = stringField(owner[field]);
    if (!file) return undefined;
    const resolved = path.resolve(options.baseDir ?? process.cwd(), file);
    try {
      return await readFile(resolved, 'utf8');
    } catch (error) {
      return fail(`${what} ${field} '${file}' cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
  };

  for (const unsupported of ['exec', 'auth-provider'] as const) {
    if (user[unsupported] !== undefined) {
      fail(
        `user '${userName}' authenticates with ${unsupported}, which Paved does not run on the runner: ` +
          'use a kubeconfig with a token or a client certificate (e.g. a ServiceAccount token)',
      );
    }
  }
  if (user.username !== undefined || user.password !== undefined) {
    fail(`user '${userName}' uses basic auth (username/password), which Kubernetes no longer accepts`);
  }

  const caPem = await read('certificate-authority', cluster, `cluster '${clusterName}'`);
  const clientCertPem = await read('client-certificate', user, `user '${userName}'`);
  const clientKeyPem = await read('client-key', user, `user '${userName}'`);
  let token = stringField(user.token);
  const tokenFile = stringField(user.tokenFile);
  if (!token && tokenFile) {
    try {
      token = (await readFile(path.resolve(options.baseDir ?? process.cwd(), tokenFile), 'utf8')).trim();
    } catch (error) {
      fail(
        `user '${userName}' tokenFile '${tokenFile}' cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
  }
  if (Boolean(clientCertPem) !== Boolean(clientKeyPem)) {
    fail(`user '${userName}' has a client certificate without its key (or a key without its certificate)`);
  }
  if (!token && !clientCertPem) {
    fail(
      `user '${userName}' has no credentials: expected token, tokenFile or client-certificate-data and client-key-data`,
    );
  }
  if (caPem !== undefined && !caPem.includes('-----BEGIN CERTIFICATE-----')) {
    fail(`cluster '${clusterName}' certificate-authority is not a PEM certificate`);
  }

  const namespace = stringField(context.namespace);
  const tlsServerName = stringField(cluster['tls-server-name']);
  return {
    context: contextName as string,
    server: server.replace(/\/+$/, ''),
    ...(caPem ? { caPem } : {}),
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    ...(tlsServerName ? { tlsServerName } : {}),
    ...(clientCertPem ? { clientCertPem } : {}),
    ...(clientKeyPem ? { clientKeyPem } : {}),
    ...(token ? { token } : {}),
    ...(namespace ? { namespace } : {}),
    secrets: [token, clientKeyPem].filter((value): value is string => Boolean(value)),
  };
}

/** Reads a kubeconfig file; relative certificate paths in it are relative to the file. */
export async function loadKubeconfigFile(file: string, options: LoadKubeconfigOptions = {}): Promise<KubeConnection> {
  const source = options.source ?? `file ${file}`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new KubeconfigError(source, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  return parseKubeconfig(text, { ...options, source, baseDir: path.dirname(path.resolve(file)) });
}

export interface TemporaryKubeconfig {
  path: string;
  /** Removes the file and its folder; safe to call twice. */
  remove(): Promise<void>;
}

/**
 * Writes kubeconfig text 0600 in a fresh 0700 folder under RUNNER_TEMP, for a tool that wants a
 * file. Prefer `withTemporaryKubeconfig`, which removes it on every path.
 */
export async function writeTemporaryKubeconfig(
  text: string,
  tempRoot = process.env.RUNNER_TEMP || tmpdir(),
): Promise<TemporaryKubeconfig> {
  const dir = await mkdtemp(path.join(tempRoot, 'paved-kube-'));
  const file = path.join(dir, 'kubeconfig');
  await writeFile(file, text, { mode: 0o600 });
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function withTemporaryKubeconfig<T>(
  text: string,
  use: (file: string) => Promise<T>,
  tempRoot?: string,
): Promise<T> {
  const written = await writeTemporaryKubeconfig(text, tempRoot);
  try {
    return await use(written.path);
  } finally {
    await written.remove();
  }
}

function named(list: unknown, listName: string, name: string, kind: string, fail: (problem: string) => never): Entry {
  if (!Array.isArray(list)) return fail(`has no ${listName} list`);
  const item = list.find((entry) => isEntry(entry) && entry.name === name) as Entry | undefined;
  if (!item) {
    const known = list.map((entry) => (isEntry(entry) ? String(entry.name) : '?')).join(', ') || 'none';
    return fail(`has no ${kind} named '${name}' in ${listName} (has: ${known})`);
  }
  const body = item[kind] ?? {};
  if (!isEntry(body)) return fail(`${kind} '${name}' has no '${kind}:' mapping`);
  return body;
}

function decodeBase64(value: string, what: string, fail: (problem: string) => never): string {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return fail(`${what} is not base64`);
  return Buffer.from(compact, 'base64').toString('utf8');
}

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
