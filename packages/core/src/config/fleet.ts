import { parseDuration } from '../action/duration.js';
import { UserError } from '../action/errors.js';
import type { EnvironmentSettings, ProxySettings } from './load.js';

/** One host of a fleet with the line pinning its SSH host key. */
export interface ResolvedFleetHost {
  host: string;
  knownHosts: string;
  /** Where this host keeps the proxy's admin socket, when it differs from proxy.admin-dir. */
  proxyAdminDir?: string;
}

/** How many hosts a release goes to at a time: a count, or a share of the fleet. */
export type BatchSize = { count: number } | { percent: number };

export interface ResolvedFleet {
  hosts: ResolvedFleetHost[];
  batch: BatchSize;
  batchPauseMs: number;
}

/**
 * The fleet an environment lists, checked before anything connects: every host once, each with
 * its own known-hosts line, a batch from one host to all of them, and a managed proxy (one
 * admin URL cannot switch several hosts). Every refusal names the key.
 */
export function resolveFleet(file: EnvironmentSettings, where: string): ResolvedFleet | undefined {
  if (!file.hosts) {
    if (file.batch !== undefined || file['batch-pause'] !== undefined) {
      throw new UserError(`${where}.batch needs ${where}.hosts: batches are for a fleet of several hosts`);
    }
    return undefined;
  }
  if (file.host) {
    throw new UserError(`${where} gives both host and hosts: list every host under hosts, or give one host`);
  }
  if (file['proxy-url'] || !file.proxy) {
    throw new UserError(
      `${where}.hosts needs ${where}.proxy (the proxy Paved runs on each host) instead of proxy-url: ` +
        'one admin URL cannot switch several hosts',
    );
  }
  const seen = new Map<string, number>();
  const hosts = file.hosts.map((entry, index) => {
    const key = `${where}.hosts[${index}]`;
    const host = entry.host.trim();
    const normal = host.toLowerCase().replace(/:22$/, '');
    const earlier = seen.get(normal);
    if (earlier !== undefined) {
      throw new UserError(`${key}.host lists ${host} again (already ${where}.hosts[${earlier}]): list each host once`);
    }
    seen.set(normal, index);
    const knownHosts = entry['known-hosts']?.trim();
    if (!knownHosts) {
      throw new UserError(
        `${key}.known-hosts is missing for ${host}: add the host's line (ssh-keyscan -t ed25519 <host>), ` +
          'so its key is pinned before Paved connects',
      );
    }
    return { host, knownHosts, proxyAdminDir: entry['proxy-admin-dir'] };
  });
  return {
    hosts,
    batch: batchSize(file.batch ?? 1, `${where}.batch`),
    batchPauseMs: parseDuration(file['batch-pause'] ?? '0s') ?? 0,
  };
}

function batchSize(value: number | string, key: string): BatchSize {
  const text = String(value).trim();
  const match = /^([1-9]\d*)(%?)$/.exec(text);
  if (!match) throw new UserError(`${key} must be a number of hosts (1 or more) or a percentage like 50%, got ${text}`);
  const number = Number(match[1]);
  if (!match[2]) return { count: number };
  if (number > 100) throw new UserError(`${key} must be a percentage from 1% to 100%, got ${text}`);
  return { percent: number };
}

/** How many hosts go in each batch for a fleet of `hosts`. */
export function hostsPerBatch(batch: BatchSize, hosts: number): number {
  const size = 'count' in batch ? batch.count : Math.ceil((hosts * batch.percent) / 100);
  return Math.max(1, Math.min(hosts, size));
}

export type { ProxySettings };
