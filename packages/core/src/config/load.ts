import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import { UserError } from '../action/errors.js';
import { FORMS, PAVED_CONFIG_SCHEMA } from './schema.js';

export interface EnvironmentSettings {
  url?: string;
  production?: boolean;
  transient?: boolean;
  target?: 'docker' | 'command' | 'kubernetes';
  host?: string;
  'known-hosts'?: string;
  hosts?: FleetHostSettings[];
  batch?: number | string;
  'batch-pause'?: string;
  proxy?: ProxySettings;
  port?: number;
  'health-path'?: string;
  'health-timeout'?: string;
  'drain-timeout'?: string;
  'stop-timeout'?: string;
  retain?: number;
  'proxy-url'?: string;
  'proxy-route'?: string;
  restart?: string;
  memory?: string;
  cpus?: string | number;
  volumes?: string[];
  env?: Record<string, string | number | boolean>;
  migrate?: string | string[];
  'migrate-rollback'?: string | string[];
  command?: string | string[];
  'lock-timeout'?: string;
  'pushgateway-url'?: string;
  gate?: Record<string, string>;
  smoke?: Record<string, string>;
  kubernetes?: KubernetesSettings;
}

/** The `kubernetes:` block of an environment, as written. */
export interface KubernetesSettings {
  namespace?: string;
  deployment?: string;
  container?: string;
  service?: string;
  strategy?: 'rolling' | 'canary';
  'canary-replicas'?: number;
  timeout?: string;
  context?: string;
}

/** One host of a fleet, as the file lists it. */
export interface FleetHostSettings {
  host: string;
  'known-hosts'?: string;
  'proxy-admin-dir'?: string;
}

/** The proxy Paved manages on each host, as the file describes it. */
export interface ProxySettings {
  image: string;
  'http-port'?: number;
  'https-port'?: number;
  tls?: 'auto' | 'internal' | 'off';
  'admin-dir'?: string;
  network?: string;
  name?: string;
}

export interface PavedConfig {
  /** Where it was read from, relative to the workspace, for error messages. */
  file: string;
  service?: string;
  defaults: EnvironmentSettings;
  environments: Record<string, EnvironmentSettings>;
}

let validate: ReturnType<Ajv['compile']> | undefined;

/**
 * Reads and validates `.github/paved.yml`. Returns undefined when the file does not exist
 * (a workflow may give everything as inputs); any other problem is one error naming the file,
 * the key path and what was expected.
 */
export function loadPavedConfig(file: string, workspace: string): PavedConfig | undefined {
  const shown = path.relative(workspace, file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`${shown}: cannot be read (${(error as Error).message})`);
  }
  const document = parseDocument(text);
  const [yamlError] = document.errors;
  if (yamlError) {
    const [line, col] = yamlError.linePos?.[0] ? [yamlError.linePos[0].line, yamlError.linePos[0].col] : [0, 0];
    // The parser's message repeats the position and adds a code frame; keep the sentence only.
    const reason = (yamlError.message.split('\n')[0] ?? '')
      .replace(/ at line \d+, column \d+:?$/, '')
      .replace(/\.$/, '');
    throw new UserError(`${shown} line ${line}, column ${col}: ${reason}. Fix the YAML syntax.`);
  }
  const data: unknown = document.toJS();
  validate ??= new Ajv({ allErrors: true, allowUnionTypes: true, strict: false }).compile(PAVED_CONFIG_SCHEMA);
  if (!validate(data)) throw new UserError(`${shown}: ${describeSchemaError(validate.errors ?? [], data)}`);
  const config = data as {
    service?: string;
    defaults?: EnvironmentSettings;
    environments: Record<string, EnvironmentSettings>;
  };
  return { file: shown, service: config.service, defaults: config.defaults ?? {}, environments: config.environments };
}

function keyPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
}

function valueAt(data: unknown, instancePath: string): unknown {
  let value = data;
  for (const part of instancePath.split('/').slice(1)) {
    value = (value as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

/** One sentence for the most specific schema error. */
function describeSchemaError(errors: ErrorObject[], data: unknown): string {
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  const error = specific.sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0];
  if (!error) return 'does not match the expected form';
  const where = keyPath(error.instancePath);
  const key =
    where
      .split('.')
      .pop()
      ?.replace(/\[\d+\]$/, '') ?? '';
  const got = JSON.stringify(valueAt(data, error.instancePath));
  const at = where ? `${where} ` : '';
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknown = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(allowedKeys(error.schemaPath)).join(', ');
      return `${where ? `${where}: ` : ''}unknown key '${unknown}'${allowed ? ` (expected one of: ${allowed})` : ''}`;
    }
    case 'required':
      return `${where ? `${where}: ` : ''}missing required key '${(error.params as { missingProperty: string }).missingProperty}'`;
    case 'pattern':
      return `${at}must be ${FORMS[key] ?? `a value matching ${(error.params as { pattern: string }).pattern}`}, got ${got}`;
    case 'enum':
      return `${at}must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}, got ${got}`;
    case 'type':
      if (['migrate', 'migrate-rollback', 'command'].includes(key) || error.schemaPath.includes('oneOf')) {
        return `${at}must be a command line or a list of arguments, got ${got}`;
      }
      return `${at}must be ${article((error.params as { type: string | string[] }).type)}, got ${got}`;
    case 'minimum':
    case 'maximum':
      return `${at}${error.message ?? 'is out of range'}, got ${got}`;
    case 'minProperties':
      return `${at}must define at least one environment`;
    case 'propertyNames':
      return `${at}has an invalid name ${JSON.stringify((error.params as { propertyName?: string }).propertyName ?? '')}`;
    default:
      return `${at}${error.message ?? 'is invalid'}, got ${got}`;
  }
}

function article(type: string | string[]): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => (t === 'integer' || t === 'object' || t === 'array' ? `an ${t}` : `a ${t}`)).join(' or ');
}

function allowedKeys(schemaPath: string): Record<string, unknown> {
  // schemaPath looks like #/properties/environments/additionalProperties/additionalProperties
  let node: unknown = PAVED_CONFIG_SCHEMA;
  for (const part of schemaPath.replace(/^#\//, '').split('/').slice(0, -1)) {
    node = (node as Record<string, unknown>)[part];
  }
  return ((node as { properties?: Record<string, unknown> })?.properties ?? {}) as Record<string, unknown>;
}
