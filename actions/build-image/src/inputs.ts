import type { InputReader } from '@paved/core/action';

export const LATEST_MODES = ['auto', 'true', 'false'] as const;
export const NETWORKS = ['default', 'host', 'none'] as const;

export interface Inputs {
  image?: string;
  context: string;
  file?: string;
  target?: string;
  'build-args': string[];
  secrets: string[];
  platforms: string[];
  'cache-from': string[];
  'cache-to': string[];
  tags: string[];
  latest: (typeof LATEST_MODES)[number];
  labels: string[];
  annotations: string[];
  provenance?: string;
  sbom: boolean;
  network?: (typeof NETWORKS)[number];
  push: boolean;
  load: boolean;
  username?: string;
  password?: string;
  'push-retries': number;
}

// Lower-case repository path with an optional registry host (and port) in front.
const IMAGE_NAME =
  /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

export function readInputs(read: InputReader): Inputs {
  const context = read.path('context', { default: '.', mustExist: 'directory', required: true });
  return {
    image: read.string('image', {
      pattern: IMAGE_NAME,
      form: 'an image name without tag, lower-case, like ghcr.io/acme/shop',
    }),
    context,
    file: read.path('file', { mustExist: 'file' }),
    target: read.string('target', { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, form: 'a build stage name' }),
    'build-args': read.list('build-args', { comma: false }),
    secrets: read.secretList('secrets'),
    platforms: read.list('platforms'),
    'cache-from': read.list('cache-from', { comma: false }),
    'cache-to': read.list('cache-to', { comma: false }),
    tags: read.list('tags', { comma: false }),
    latest: read.enum('latest', LATEST_MODES, { default: 'auto' }),
    labels: read.list('labels', { comma: false }),
    annotations: read.list('annotations', { comma: false }),
    provenance: read.string('provenance'),
    sbom: read.boolean('sbom', { default: false }),
    network: read.enum('network', NETWORKS),
    push: read.boolean('push', { default: true }),
    load: read.boolean('load', { default: false }),
    username: read.string('username'),
    password: read.secret('password'),
    'push-retries': read.integer('push-retries', { default: 4, min: 0, max: 10 }),
  };
}
