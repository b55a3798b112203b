// The platforms a repository's Paved files name, checked where this machine can reach them:
// each environment's Docker host (SSH host key against known-hosts, or the local socket), its
// URL, Prometheus answering every SLO query, and the registry. Unreachable is a warning, not
// an error: the runner may reach what this machine cannot.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { bindQueryVariables } from '@paved/core/gate';
import type { PavedConfig } from '@paved/core/config';
import type { SloFile } from '@paved/core/gate';
import type { Finding } from './files.js';

export interface PlatformContext {
  config: PavedConfig;
  slo?: SloFile;
  prometheusUrl?: string;
  /** Image name without tag; its registry is checked. */
  image?: string;
  /** known_hosts lines from PAVED_KNOWN_HOSTS, used when an environment pins none. */
  knownHosts?: string;
}

/**
 * A check of the platforms; the deploy quality gate's preflight plugs in here as one more
 * function of this type, so `paved check` runs whatever the gate itself would verify.
 */
export type PlatformCheck = (context: PlatformContext) => Promise<Finding[]>;

const TIMEOUT_MS = 5_000;

async function httpAnswer(url: string): Promise<number | string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    return (error as Error).message;
  }
}

function dockerPing(socketPath: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/_ping', timeout: TIMEOUT_MS }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => resolve(error.message));
  });
}

function keyscan(host: string, port: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('ssh-keyscan', ['-T', '5', '-p', port, '--', host], { timeout: 15_000 }, (error, stdout) =>
      error && !stdout ? reject(error) : resolve(stdout),
    );
  });
}

const keyOf = (line: string) => line.trim().split(/\s+/).slice(1, 3).join(' ');

export const hostCheck: PlatformCheck = async ({ config, knownHosts }) => {
  const findings: Finding[] = [];
  for (const [name, environment] of Object.entries(config.environments)) {
    const host = environment.host ?? config.defaults.host;
    const subject = `environment ${name}: host`;
    if (!host) continue;
    if (host.startsWith('unix://')) {
      const socket = host.slice('unix://'.length);
      const answer = existsSync(socket) ? await dockerPing(socket) : 'no such socket';
      findings.push(
        answer === 200
          ? { severity: 'ok', subject, message: `Docker engine answers at ${host}` }
          : { severity: 'warning', subject, message: `Docker engine at ${host} not reachable here (${answer}).` },
      );
      continue;
    }
    const ssh = /^ssh:\/\/[^@]+@([^:]+)(?::(\d+))?$/.exec(host);
    if (!ssh) continue;
    const pinned = (environment['known-hosts'] ?? config.defaults['known-hosts'] ?? knownHosts ?? '')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    if (pinned.length === 0) {
      findings.push({
        severity: 'error',
        subject,
        message: `${host} has no pinned host key: set known-hosts in .github/paved.yml or the PAVED_KNOWN_HOSTS variable (ssh-keyscan output, checked out of band).`,
      });
      continue;
    }
    let scanned: string;
    try {
      scanned = await keyscan(ssh[1]!, ssh[2] ?? '22');
    } catch (error) {
      findings.push({
        severity: 'warning',
        subject,
        message: `${host} not reachable here: ${(error as Error).message}`,
      });
      continue;
    }
    const offered = new Set(scanned.split('\n').filter(Boolean).map(keyOf));
    const matches = pinned.some((line) => offered.has(keyOf(line)));
    findings.push(
      matches
        ? { severity: 'ok', subject, message: `${host} offers a pinned host key` }
        : {
            severity: 'error',
            subject,
            message: `${host} offers no key listed in known-hosts: the pin is stale or this is not the host you meant.`,
          },
    );
  }
  return findings;
};

export const urlCheck: PlatformCheck = async ({ config }) => {
  const findings: Finding[] = [];
  for (const [name, environment] of Object.entries(config.environments)) {
    const url = environment.url ?? config.defaults.url;
    if (!url) continue;
    const answer = await httpAnswer(url);
    findings.push(
      typeof answer === 'number'
        ? { severity: 'ok', subject: `environment ${name}: url`, message: `${url} answers HTTP ${answer}` }
        : {
            severity: 'warning',
            subject: `environment ${name}: url`,
            message: `${url} not reachable here (${answer})`,
          },
    );
  }
  return findings;
};

interface PromAnswer {
  status: string;
  error?: string;
  data?: { result?: unknown[] };
}

export const prometheusCheck: PlatformCheck = async ({ config, slo, prometheusUrl }) => {
  if (!slo) return [];
  if (!prometheusUrl) {
    return [
      {
        severity: 'warning',
        subject: 'Prometheus',
        message: 'no URL to check the SLO queries against: pass --prometheus-url or set PAVED_PROMETHEUS_URL.',
      },
    ];
  }
  const findings: Finding[] = [];
  for (const environment of Object.keys(config.environments)) {
    const bound = bindQueryVariables(slo, { environment });
    for (const objective of bound.objectives) {
      const subject = `Prometheus: ${objective.name} (${environment})`;
      const url = `${prometheusUrl.replace(/\/$/, '')}/api/v1/query?query=${encodeURIComponent(objective.query)}`;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        const answer = (await response.json()) as PromAnswer;
        if (answer.status !== 'success') {
          findings.push({
            severity: 'error',
            subject,
            message: `Prometheus refused the query: ${answer.error ?? response.status}`,
          });
        } else {
          const series = answer.data?.result?.length ?? 0;
          findings.push(
            series > 0
              ? { severity: 'ok', subject, message: `the query returns ${series} series` }
              : {
                  severity: 'warning',
                  subject,
                  message: 'the query is valid but returns no data yet (no traffic, or no release deployed there).',
                },
          );
        }
      } catch (error) {
        findings.push({
          severity: 'warning',
          subject,
          message: `${prometheusUrl} not reachable here: ${(error as Error).message}`,
        });
        return findings;
      }
    }
  }
  return findings;
};

export const registryCheck: PlatformCheck = async ({ image }) => {
  if (!image) return [];
  const registry = image.split('/')[0] ?? '';
  if (!/[.:]/.test(registry) && registry !== 'localhost') return [];
  const scheme = /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(registry) ? 'http' : 'https';
  const answer = await httpAnswer(`${scheme}://${registry}/v2/`);
  // 401 is a registry asking for the login the build job performs.
  return [
    answer === 200 || answer === 401
      ? { severity: 'ok', subject: `registry ${registry}`, message: `answers the registry API (HTTP ${answer})` }
      : { severity: 'warning', subject: `registry ${registry}`, message: `not reachable here (${answer})` },
  ];
};

export const PLATFORM_CHECKS: PlatformCheck[] = [hostCheck, urlCheck, prometheusCheck, registryCheck];
