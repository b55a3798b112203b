import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The parts of GitHub's OpenAPI 3.0 description the emulator reads. */
export interface OpenApiSchema {
  [keyword: string]: unknown;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
  'x-multi-segment'?: boolean;
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: OpenApiSchema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: OpenApiSchema }> }>;
  externalDocs?: { url?: string };
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation | unknown>>;
  components: {
    schemas: Record<string, OpenApiSchema>;
    parameters: Record<string, OpenApiParameter>;
    responses: Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }>;
  };
}

let loading: Promise<OpenApiDocument> | undefined;

/** Where @octokit/openapi keeps the description of api.github.com (not the 73 MB dereferenced one). */
export function githubDescriptionPath(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@octokit/openapi/package.json');
  return packageJson.replace(/package\.json$/, 'generated/api.github.com.json');
}

/** Loads the 13 MB description once per process; every emulator instance shares it. */
export function loadGitHubDescription(): Promise<OpenApiDocument> {
  loading ??= readFile(githubDescriptionPath(), 'utf8').then((text) => JSON.parse(text) as OpenApiDocument);
  return loading;
}

/** Follows a local `#/components/...` reference inside the description. */
export function resolveLocalRef<T>(document: OpenApiDocument, value: T | { $ref: string }): T {
  if (value && typeof value === 'object' && '$ref' in value && typeof value.$ref === 'string') {
    const parts = value.$ref.replace(/^#\//, '').split('/');
    let node: unknown = document;
    for (const part of parts) node = (node as Record<string, unknown>)[part];
    if (node === undefined) throw new Error(`Unresolvable reference ${value.$ref}`);
    return node as T;
  }
  return value as T;
}
