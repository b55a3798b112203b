import type { ResolvedEnvironment } from '../../config/resolve.js';
import type { ManagedProxySpec } from '../../proxy/index.js';
import type { DockerHost } from './host.js';
import type { Placement } from './placement.js';
import type { Switcher } from './switcher.js';

/**
 * The environment's settings the docker target uses, as config resolved them. Behind a proxy
 * `port` is the port inside the container (bridge networks); without one, the public port.
 */
export type DockerTargetSettings = Pick<
  ResolvedEnvironment,
  | 'service'
  | 'port'
  | 'healthPath'
  | 'healthTimeoutMs'
  | 'drainTimeoutMs'
  | 'stopTimeoutSeconds'
  | 'retain'
  | 'proxyUrl'
  | 'proxyRoute'
  | 'restart'
  | 'memory'
  | 'cpus'
  | 'volumes'
  | 'env'
  | 'migrate'
> & {
  environment: string;
  secrets: Record<string, string>;
  /** Where the env file is written for the moment docker reads it (RUNNER_TEMP). */
  tempDir?: string;
  /** The proxy Paved runs on the host (instead of an existing one at proxyUrl). */
  managedProxy?: ManagedProxySpec;
};

/** Used when no port is configured: the common default of Node, Rails and friends. */
export const DEFAULT_PORT = 3000;
export const DEFAULT_HEALTH_PATH = '/up';

/** One connected host as a release on it sees it: its engine, settings, where releases go, its proxy. */
export interface HostScope {
  readonly host: DockerHost;
  readonly settings: DockerTargetSettings;
  readonly placement: Placement;
  /** Absent when the environment has no proxy: a release then replaces the old one with downtime. */
  readonly proxy?: Switcher;
}
