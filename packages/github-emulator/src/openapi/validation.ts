import { validationFailed } from '../http/errors.js';
import type { Route } from './router.js';
import type { SchemaCompiler, SchemaError } from './schemas.js';
import { resolveLocalRef, type OpenApiDocument, type OpenApiSchema } from './spec.js';

export interface ValidatedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/** Checks path, query and body against the operation in GitHub's description; 422 in GitHub's shape otherwise. */
export function validateRequest(
  compiler: SchemaCompiler,
  route: Route,
  pathParameters: Record<string, string>,
  searchParams: URLSearchParams,
  body: unknown,
): ValidatedRequest {
  const operationId = route.operation.operationId;
  const documentationUrl = route.operation.externalDocs?.url;
  const path: Record<string, unknown> = { ...pathParameters };
  const query: Record<string, unknown> = {};
  for (const parameter of route.parameters) {
    if (parameter.in === 'query' && searchParams.has(parameter.name))
      query[parameter.name] = searchParams.get(parameter.name);
  }
  for (const [location, values] of [
    ['path', path],
    ['query', query],
  ] as const) {
    const schema = parametersSchema(route, location);
    const validate = compiler.compile(`${operationId}:${location}`, schema, true);
    // Coercion rewrites `values` in place: "42" becomes 42 where the schema says integer.
    if (!validate(values)) {
      if (location === 'path') throw validationFailed('Not Found', undefined, documentationUrl);
      throw validationFailed(
        invalidRequestMessage(validate.errors ?? []),
        toFieldErrors(validate.errors ?? []),
        documentationUrl,
      );
    }
  }
  const bodySchema = route.operation.requestBody?.content?.['application/json']?.schema;
  if (bodySchema) {
    // A required body that is absent is judged as `{}`, so GitHub's "\"ref\" wasn't supplied." comes out.
    const candidate = body === undefined && route.operation.requestBody?.required === true ? {} : body;
    if (candidate !== undefined) {
      const validate = compiler.compile(`${operationId}:body`, bodySchema);
      if (!validate(candidate)) {
        throw validationFailed(
          invalidRequestMessage(validate.errors ?? []),
          toFieldErrors(validate.errors ?? []),
          documentationUrl,
        );
      }
      body = candidate;
    }
  }
  return { path, query, body };
}

/** Names the first violation of the response schema, or undefined when the response conforms. */
export function responseViolation(
  document: OpenApiDocument,
  compiler: SchemaCompiler,
  route: Route,
  status: number,
  body: unknown,
): string | undefined {
  const declared = route.operation.responses[String(status)];
  if (!declared) {
    // Errors the description does not list (401, 409 without content, 5xx) keep GitHub's generic shape.
    return status >= 400
      ? undefined
      : `status ${status} is not a documented response of ${route.operation.operationId}`;
  }
  const response = resolveLocalRef<{ content?: Record<string, { schema?: OpenApiSchema }> }>(document, declared);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return undefined;
  const validate = compiler.compile(`${route.operation.operationId}:response:${status}`, schema);
  if (validate(body)) return undefined;
  const errors = validate.errors ?? [];
  const named = errors
    .slice(0, 8)
    .map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'} (${error.schemaPath})`);
  return [...named, ...(errors.length > 8 ? [`and ${errors.length - 8} more`] : [])].join('; ');
}

function parametersSchema(route: Route, location: 'path' | 'query'): OpenApiSchema {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const parameter of route.parameters) {
    if (parameter.in !== location) continue;
    properties[parameter.name] = parameter.schema ?? {};
    if (parameter.required) required.push(parameter.name);
  }
  return { type: 'object', properties, required };
}

function fieldOf(error: SchemaError): string {
  if (error.keyword === 'required') return String((error.params as { missingProperty?: string }).missingProperty);
  return error.instancePath.replace(/^\//, '').replace(/\//g, '.');
}

/** Mirrors GitHub's wording, e.g. `Invalid request.\n\n"ref" wasn't supplied.` */
function invalidRequestMessage(errors: SchemaError[]): string {
  const lines = relevantErrors(errors).map((error) => {
    if (error.keyword === 'required') return `"${fieldOf(error)}" wasn't supplied.`;
    if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      return `For 'properties/${fieldOf(error)}', ${JSON.stringify(error.data)} is not a member of ${JSON.stringify(allowed)}.`;
    }
    return `For 'properties/${fieldOf(error)}', ${JSON.stringify(error.data)} ${error.message ?? 'is invalid'}.`;
  });
  return `Invalid request.\n\n${[...new Set(lines)].join('\n')}`;
}

function toFieldErrors(errors: SchemaError[]): unknown[] {
  return relevantErrors(errors).map((error) => ({
    field: fieldOf(error),
    code: error.keyword === 'required' ? 'missing_field' : 'invalid',
    message: error.message ?? 'is invalid',
  }));
}

/** oneOf failures repeat every branch's complaint; keep the specific ones. */
function relevantErrors(errors: SchemaError[]): SchemaError[] {
  const specific = errors.filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf');
  return specific.length > 0 ? specific : errors;
}
