import { PlatformError } from '../action/errors.js';
import type { RegistryCredentials } from './login.js';
import type { ImageName } from './image-name.js';

/** Every manifest kind a push can leave: Docker v2 and OCI, single images and indexes (buildx attestations). */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface RemoteManifest {
  /** The registry's own `Docker-Content-Digest`. */
  digest: string;
  mediaType: string;
  /** Compressed size of config and layers (single-image manifests only). */
  size?: number;
}

export interface RegistryApiOptions {
  credentials?: RegistryCredentials;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Plain HTTP only on loopback, where docker also allows it; everything else is HTTPS. */
export function registryBaseUrl(registry: string): string {
  const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
  const bare = host.replace(/:\d+$/, '');
  const loopback = bare === 'localhost' || /^127\./.test(bare) || bare === '[::1]';
  return `${loopback ? 'http' : 'https'}://${host}`;
}

/**
 * Reads a manifest from the registry (`GET /v2/<repo>/manifests/<reference>`), following the
 * Basic or Bearer challenge a private registry answers with, as docker does.
 */
export async function fetchManifest(
  image: ImageName,
  reference: string,
  options: RegistryApiOptions = {},
): Promise<RemoteManifest> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const url = `${registryBaseUrl(image.registry)}/v2/${image.repository}/manifests/${reference}`;
  const get = (authorization?: string) =>
    doFetch(url, {
      headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) },
      signal: AbortSignal.timeout(timeoutMs),
    });
  let response = await get();
  if (response.status === 401) {
    await response.arrayBuffer();
    const authorization = await answerChallenge(response.headers.get('www-authenticate') ?? '', image, options);
    if (authorization) response = await get(authorization);
  }
  if (!response.ok) {
    await response.arrayBuffer();
    throw new PlatformError('registry', `GET ${url} answered HTTP ${response.status}`);
  }
  const digest = response.headers.get('docker-content-digest');
  const body = (await response.json()) as {
    mediaType?: string;
    config?: { size?: number };
    layers?: { size?: number }[];
  };
  if (!digest) throw new PlatformError('registry', `GET ${url} answered without a Docker-Content-Digest header`);
  const mediaType = body.mediaType ?? response.headers.get('content-type') ?? '';
  const size = body.layers
    ? body.layers.reduce((sum, layer) => sum + (layer.size ?? 0), body.config?.size ?? 0)
    : undefined;
  return { digest, mediaType, size };
}

async function answerChallenge(
  challenge: string,
  image: ImageName,
  options: RegistryApiOptions,
): Promise<string | undefined> {
  const basic = options.credentials
    ? `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`
    : undefined;
  if (/^basic/i.test(challenge)) return basic;
  if (!/^bearer/i.test(challenge)) return undefined;
  const params = Object.fromEntries(
    [...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!.toLowerCase(), m[2] ?? '']),
  );
  if (!params.realm) return undefined;
  const tokenUrl = new URL(params.realm);
  if (params.service) tokenUrl.searchParams.set('service', params.service);
  tokenUrl.searchParams.set('scope', params.scope || `repository:${image.repository}:pull`);
  const response = await (options.fetch ?? fetch)(tokenUrl, {
    headers: basic ? { authorization: basic } : {},
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  if (!response.ok) {
    await response.arrayBuffer();
    return undefined;
  }
  const body = (await response.json()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  return token ? `Bearer ${token}` : undefined;
}
