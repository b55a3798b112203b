import { DOCKER_HOST_FORM } from './names.js';
/**
 * The JSON Schema of `.github/paved.yml`. It is the single source: the runtime validates with
 * it, and `npm run docs` writes it to schemas/paved.schema.json for editors.
 * Keys are the deploy inputs' names, so a value moves between file and workflow unchanged.
 */

const duration = { type: 'string', pattern: '^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$' };
const command = {
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string' }, minItems: 1 },
  ],
};

/** Settings an environment may take, and `defaults` may give for every environment. */
const environmentProperties = {
  url: {
    type: 'string',
    pattern: '^https?://\\S+$',
    description: 'URL of the environment, recorded with each deployment.',
  },
  production: { type: 'boolean', description: 'Recorded as production_environment (default: the name is production).' },
  transient: { type: 'boolean', description: 'Recorded as transient_environment: the environment goes away later.' },
  target: { enum: ['docker', 'command', 'kubernetes'], description: 'Where releases run (default docker).' },
  host: {
    type: 'string',
    pattern: '^(unix:///\\S+|ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?)$',
    description: 'Docker host: unix:///path or ssh://user@host[:port]; empty for the local socket.',
  },
  'known-hosts': { type: 'string', description: 'known_hosts lines pinning the SSH host key.' },
  hosts: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['host'],
      properties: {
        host: { type: 'string', pattern: '^ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?$' },
        'known-hosts': { type: 'string', description: "known_hosts line pinning this host's key." },
        'proxy-admin-dir': {
          type: 'string',
          pattern: '^/[\\w./-]+$',
          description: "Where this host keeps the managed proxy's admin socket (default proxy.admin-dir).",
        },
      },
    },
    description: 'A fleet: Docker hosts over SSH released to as one environment (instead of host).',
  },
  batch: {
    type: ['integer', 'string'],
    minimum: 1,
    pattern: '^([1-9]\\d*|[1-9]\\d*%)$',
    description: 'Hosts released to at a time: a count or a percentage of the hosts (default 1).',
  },
  'batch-pause': { ...duration, description: 'Pause between batches (default 0s).' },
  proxy: {
    type: 'object',
    additionalProperties: false,
    required: ['image'],
    description: 'A proxy Paved runs on each host (instead of proxy-url): Caddy pinned by digest.',
    properties: {
      image: { type: 'string', description: 'The proxy image pinned by digest: caddy@sha256:<64 hex>.' },
      'http-port': { type: 'integer', minimum: 1, maximum: 65535 },
      'https-port': { type: 'integer', minimum: 1, maximum: 65535 },
      tls: { enum: ['auto', 'internal', 'off'], description: "TLS for the url's host (default auto with a url)." },
      'admin-dir': { type: 'string', pattern: '^/[\\w./-]+$', description: 'Admin socket folder on the host.' },
      network: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$' },
      name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$' },
    },
  },
  port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Port the service listens on in the container.' },
  'health-path': { type: 'string', pattern: '^/', description: 'HTTP path answering 2xx when ready.' },
  'health-timeout': { ...duration, description: 'How long a new release may take to become healthy (default 30s).' },
  'drain-timeout': { ...duration, description: 'How long the old release drains after the switch (default 30s).' },
  'stop-timeout': {
    ...duration,
    description:
      'How long the old release may take to exit after SIGTERM before it is killed (docker stop --time; default 10s, at most 10m).',
  },
  retain: {
    type: 'integer',
    minimum: 0,
    maximum: 50,
    description: 'Earlier releases kept for fast rollback (default 5).',
  },
  'proxy-url': { type: 'string', pattern: '^https?://\\S+$', description: 'Caddy admin API URL.' },
  'proxy-route': { type: 'string', pattern: '^[A-Za-z0-9_.-]+$', description: 'The @id of the reverse_proxy handler.' },
  restart: {
    type: 'string',
    pattern: '^(no|always|unless-stopped|on-failure(:\\d+)?)$',
    description: 'Restart policy (default unless-stopped).',
  },
  memory: { type: 'string', pattern: '^\\d+(\\.\\d+)?[bkmgBKMG]?$', description: 'Memory limit, e.g. 512m.' },
  cpus: { type: ['string', 'number'], pattern: '^\\d+(\\.\\d+)?$', minimum: 0, description: 'CPU limit, e.g. 1.5.' },
  volumes: {
    type: 'array',
    items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*:/\\S*$' },
    description: 'Named volumes, name:/path, carried over between releases.',
  },
  env: {
    type: 'object',
    propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    additionalProperties: { type: ['string', 'number', 'boolean'] },
    description: 'Configuration for the service.',
  },
  migrate: { ...command, description: 'Command run once in the new image before traffic switches.' },
  'migrate-rollback': { ...command, description: 'Command that undoes migrate; rollback runs it.' },
  command: { ...command, description: 'For the command target: the deploy program and its arguments.' },
  'lock-timeout': { ...duration, description: 'A deploy lock older than this is stale (default 30m).' },
  'pushgateway-url': {
    type: 'string',
    pattern: '^https?://\\S+$',
    description: 'Pushgateway for the deployment marker.',
  },
  gate: {
    type: 'object',
    additionalProperties: false,
    description: 'deploy-quality-gate settings for this environment.',
    properties: {
      'prometheus-url': { type: 'string', pattern: '^https?://\\S+$' },
      slo: { type: 'string' },
      window: duration,
      'baseline-window': duration,
      step: duration,
      'on-inconclusive': { enum: ['fail', 'warn', 'pass'] },
    },
  },
  kubernetes: {
    type: 'object',
    additionalProperties: false,
    description: 'For the kubernetes target: the Deployment releases roll out to.',
    properties: {
      namespace: {
        type: 'string',
        pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
        description: "Namespace of the Deployment (default: the kubeconfig context's, else default).",
      },
      deployment: {
        type: 'string',
        pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
        description: 'The Deployment whose container image is set to each release.',
      },
      container: {
        type: 'string',
        pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
        description: "The container in the Deployment's pods that runs the service (default: its only container).",
      },
      service: {
        type: 'string',
        pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
        description: 'The Kubernetes Service in front of the Deployment, recorded with the release.',
      },
      strategy: {
        enum: ['rolling', 'canary'],
        description:
          'How a release rolls out (default rolling). canary: a <deployment>-canary Deployment with canary-replicas pods behind the same Service; the deploy input canary: promote rolls it out to the Deployment, a rollback removes it.',
      },
      'canary-replicas': {
        type: 'integer',
        minimum: 1,
        maximum: 1000,
        description: 'Pods of the canary Deployment (default 1).',
      },
      timeout: { ...duration, description: 'How long a rollout may take before it is undone (default 5m).' },
      context: {
        type: 'string',
        minLength: 1,
        description: 'The kubeconfig context to use (default current-context).',
      },
    },
  },
  smoke: {
    type: 'object',
    additionalProperties: false,
    description: 'smoke-test settings for this environment.',
    properties: { checks: { type: 'string' }, 'wait-timeout': duration },
  },
} as const;

export const PAVED_CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Paved environment configuration (.github/paved.yml)',
  type: 'object',
  additionalProperties: false,
  required: ['environments'],
  properties: {
    service: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$',
      description: 'Service name used for containers and labels (default: the repository name).',
    },
    defaults: {
      type: 'object',
      additionalProperties: false,
      properties: environmentProperties,
      description: 'Settings every environment starts from.',
    },
    environments: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$' },
      additionalProperties: { type: 'object', additionalProperties: false, properties: environmentProperties },
      description: 'Each environment, by the name workflows deploy to.',
    },
  },
} as const;

/** How each pattern-checked value is described to a person, by property name. */
export const FORMS: Record<string, string> = {
  'health-timeout': 'a duration like 30s or 5m',
  'drain-timeout': 'a duration like 30s or 5m',
  'stop-timeout': 'a duration like 10s or 1m',
  'lock-timeout': 'a duration like 30s or 5m',
  window: 'a duration like 30s or 5m',
  'baseline-window': 'a duration like 30s or 5m',
  step: 'a duration like 30s or 5m',
  'wait-timeout': 'a duration like 30s or 5m',
  timeout: 'a duration like 30s or 5m',
  namespace: 'a Kubernetes name: lower-case letters, digits and "-"',
  deployment: 'a Kubernetes name: lower-case letters, digits, "-" and "."',
  container: 'a Kubernetes name: lower-case letters, digits and "-"',
  host: DOCKER_HOST_FORM,
  batch: 'a number of hosts like 2 or a percentage from 1% to 100% like 50%',
  'batch-pause': 'a duration like 30s or 5m',
  'admin-dir': 'an absolute path like /run/paved-proxy',
  'proxy-admin-dir': 'an absolute path like /run/paved-proxy',
  network: 'a Docker network name',
  name: 'a Docker container name',
  'health-path': 'an HTTP path starting with /',
  'proxy-route': 'a Caddy @id like web',
  restart: 'a restart policy: no, always, unless-stopped or on-failure[:N]',
  memory: 'a memory size like 512m or 2g',
  cpus: 'a number of CPUs like 0.5 or 2',
  volumes: 'a named volume like data:/var/lib/app',
  service: 'lower-case letters, digits, ".", "_" and "-" (at most 63)',
  url: 'an http or https URL',
  'proxy-url': 'an http or https URL like http://127.0.0.1:2019',
  'pushgateway-url': 'an http or https URL',
  'prometheus-url': 'an http or https URL',
};
