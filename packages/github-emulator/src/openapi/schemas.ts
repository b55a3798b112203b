import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument, OpenApiSchema } from './spec.js';

const COMPONENT_BASE = 'https://emulator.invalid/github/schemas/';

export type CompiledSchema = ValidateFunction;
export type SchemaError = ErrorObject;

/**
 * Compiles pieces of GitHub's description on demand. Component schemas are registered with Ajv only
 * when an operation first needs them, because converting and compiling all ~1,000 of them would cost
 * seconds at every start.
 */
export class SchemaCompiler {
  private readonly strictAjv: Ajv;
  private readonly coercingAjv: Ajv;
  private readonly registered = new Set<string>();
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.strictAjv = createAjv(false);
    this.coercingAjv = createAjv(true);
  }

  /** A validator for `schema` (taken from the description); `coerce` turns query/path strings into numbers. */
  compile(cacheKey: string, schema: OpenApiSchema, coerce = false): ValidateFunction {
    const key = `${coerce ? 'coerce' : 'strict'}:${cacheKey}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const converted = this.convert(schema);
    this.registerPending();
    const ajv = coerce ? this.coercingAjv : this.strictAjv;
    const validate = ajv.compile(converted as object);
    this.cache.set(key, validate);
    return validate;
  }

  private pending = new Set<string>();

  private registerPending(): void {
    // Both Ajv instances need the same components; register the whole closure in each.
    const queue = [...this.pending];
    this.pending.clear();
    while (queue.length > 0) {
      const name = queue.pop()!;
      for (const instance of [this.strictAjv, this.coercingAjv]) {
        const id = `${instance === this.strictAjv ? 's' : 'c'}:${name}`;
        if (this.registered.has(id)) continue;
        this.registered.add(id);
        const source = this.document.components.schemas[name];
        if (!source) throw new Error(`GitHub's description has no schema named ${name}`);
        instance.addSchema(this.convert(source) as object, COMPONENT_BASE + name);
      }
      queue.push(...this.pending);
      this.pending.clear();
    }
  }

  /** OpenAPI 3.0 → JSON Schema: `nullable` becomes a null type, local refs become absolute ids. */
  private convert(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map((item) => this.convert(item));
    if (!schema || typeof schema !== 'object') return schema;
    const source = schema as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(source)) {
      if (keyword === 'example' || keyword === 'examples' || keyword === 'nullable') continue;
      if (keyword === '$ref' && typeof value === 'string') {
        const name = value.replace('#/components/schemas/', '');
        if (!this.registered.has(`s:${name}`)) this.pending.add(name);
        result.$ref = COMPONENT_BASE + name;
        continue;
      }
      result[keyword] =
        keyword === 'properties' && value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([name, property]) => [name, this.convert(property)]))
          : this.convert(value);
    }
    if (source.nullable !== true) return result;
    if (typeof result.type === 'string') {
      result.type = [result.type, 'null'];
      if (Array.isArray(result.enum) && !result.enum.includes(null)) result.enum = [...result.enum, null];
      return result;
    }
    return { anyOf: [result, { type: 'null' }] };
  }
}

function createAjv(coerceTypes: boolean): Ajv {
  // strict: false because the description carries OpenAPI-only keywords (discriminator, x-github, readOnly).
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    verbose: true,
    coerceTypes,
    useDefaults: false,
    logger: false,
  });
  addFormatsModule.default(ajv);
  // GitHub returns "" for unset URLs (target_url, environment_url) in fields its description types as
  // `format: uri`; accept that so real GitHub payloads would pass too.
  ajv.addFormat('uri', { type: 'string', validate: (value: string) => value === '' || isAbsoluteUri(value) });
  return ajv;
}

function isAbsoluteUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(value);
}
