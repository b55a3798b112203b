import type { InputReader } from '../action/index.js';
import { DOCKER_HOST_FORM } from './names.js';

export const TARGET_KINDS = ['docker', 'command', 'kubernetes'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * Target settings a workflow may give as inputs to deploy and rollback. Every field is
 * optional: an empty input means "take it from the environment's entry in the config file".
 */
export interface TargetOverrides {
  target?: TargetKind;
  host?: string;
  'ssh-key'?: string;
  'known-hosts'?: string;
  service?: string;
  port?: number;
  'health-path'?: string;
  'health-timeout'?: number;
  'drain-timeout'?: number;
  'proxy-url'?: URL;
  'proxy-route'?: string;
  command?: string;
  url?: URL;
  'lock-timeout'?: number;
  /** For the kubernetes target: kubeconfig text (a secret); without it, the runner's current context. */
  kubeconfig?: string;
}

// No tcp://: the Docker API in clear would carry the release's secrets over the network and
// give root on the host to whoever reaches the port. SSH is the way to a remote engine.
const DOCKER_HOST = /^(unix:\/\/\/\S+|ssh:\/\/[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\d{1,5})?)$/;
const SERVICE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const HTTP_PATH = /^\/[\x21-\x7e]*$/;

export function readTargetOverrides(read: InputReader): TargetOverrides {
  const overrides: TargetOverrides = {
    target: read.enum('target', TARGET_KINDS),
    host: read.string('host', {
      pattern: DOCKER_HOST,
      form: DOCKER_HOST_FORM,
    }),
    'ssh-key': read.secret('ssh-key'),
    'known-hosts': read.string('known-hosts'),
    service: read.string('service', {
      pattern: SERVICE,
      form: 'a service name of lower-case letters, digits, ".", "_" and "-" (at most 63)',
    }),
    port: read.integer('port', { min: 1, max: 65535 }),
    'health-path': read.string('health-path', { pattern: HTTP_PATH, form: 'an HTTP path starting with / like /up' }),
    'health-timeout': read.duration('health-timeout', { min: '1s' }),
    'drain-timeout': read.duration('drain-timeout', { min: '0s' }),
    'proxy-url': read.url('proxy-url'),
    'proxy-route': read.string('proxy-route', { pattern: /^[A-Za-z0-9_.-]+$/, form: 'a Caddy @id like web' }),
    command: read.string('command'),
    url: read.url('url'),
    'lock-timeout': read.duration('lock-timeout', { min: '1m' }),
    kubeconfig: read.secret('kubeconfig'),
  };
  // known-hosts may also come from the config file (per host, for a fleet): resolveEnvironment checks it.
  return overrides;
}
