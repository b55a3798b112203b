import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awaitReady, startDaemon, type Daemon } from '../process/daemon.js';
import { freePort } from '../process/free-port.js';
import { httpStatus } from '../process/http-probe.js';
import { cleanOnFailure, removeStateDir, serviceDir } from '../process/state-dir.js';
import { waitUntil } from '../process/wait-until.js';
import { writeHistoryBlocks } from './backfill.js';
import { prometheusConfig, type ScrapeJob } from './scrape-config.js';

export interface PrometheusOptions {
  dir?: string;
  port?: number;
  /** Global scrape and evaluation interval; default 1 s. */
  scrapeIntervalSeconds?: number;
  /** Initial scrape jobs; default none. */
  jobs?: ScrapeJob[];
  /** OpenMetrics text back-filled before start (see toOpenMetrics). */
  history?: string;
  timeoutMs?: number;
}

export interface ActiveTarget {
  job: string;
  address: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

export interface PromSample {
  metric: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}

export interface Prometheus {
  readonly url: string;
  readonly port: number;
  /** PID of the current process (changes when backfill() restarts it). */
  readonly pid: number;
  readonly logFile: string;
  /** State folder, removed by stop(). */
  readonly dir: string;
  readonly configFile: string;
  readonly tsdbPath: string;
  readonly scrapeIntervalSeconds: number;
  /** Rewrites the scrape jobs, reloads, and waits until every target has been scraped once. */
  setScrapeJobs(jobs: ScrapeJob[], options?: { timeoutMs?: number }): Promise<ActiveTarget[]>;
  activeTargets(): Promise<ActiveTarget[]>;
  query(expr: string, time?: Date): Promise<PromSample[]>;
  queryRange(expr: string, start: Date, end: Date, stepSeconds: number): Promise<PromSample[]>;
  /** Back-fills OpenMetrics history and restarts Prometheus on the same port so it loads it. */
  backfill(openMetrics: string): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts Prometheus with the lifecycle API on, its TSDB in a temporary folder. */
export async function startPrometheus(options: PrometheusOptions = {}): Promise<Prometheus> {
  const dir = await serviceDir(options.dir, 'prometheus');
  return cleanOnFailure(dir, () => launchPrometheus(options, dir));
}

async function launchPrometheus(options: PrometheusOptions, dir: string): Promise<Prometheus> {
  const port = options.port ?? (await freePort());
  const scrapeIntervalSeconds = options.scrapeIntervalSeconds ?? 1;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const url = `http://127.0.0.1:${port}`;
  const configFile = join(dir, 'prometheus.yml');
  const tsdbPath = join(dir, 'tsdb');
  const logFile = join(dir, 'prometheus.log');
  await mkdir(tsdbPath, { recursive: true });
  await writeFile(configFile, prometheusConfig(scrapeIntervalSeconds, options.jobs ?? []));
  if (options.history) await writeHistoryBlocks(options.history, dir, tsdbPath);

  const launch = async (): Promise<Daemon> => {
    const daemon = startDaemon({
      name: 'prometheus',
      command: 'prometheus',
      args: [
        `--config.file=${configFile}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--storage.tsdb.path=${tsdbPath}`,
        '--web.enable-lifecycle',
        // Back-filled history may be days old; keep it.
        '--storage.tsdb.retention.time=30d',
      ],
      logFile,
    });
    await awaitReady(daemon, async () => (await httpStatus(`${url}/-/ready`)) === 200, timeoutMs);
    return daemon;
  };
  let daemon = await launch();

  const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path} failed: ${body.error ?? response.status}`);
    return body.data;
  };

  const activeTargets = async (): Promise<ActiveTarget[]> => {
    const data = await api<{
      activeTargets: Array<{
        labels: Record<string, string>;
        discoveredLabels: Record<string, string>;
        health: ActiveTarget['health'];
        lastError: string;
      }>;
    }>('/api/v1/targets?state=active');
    return data.activeTargets.map((target) => ({
      job: target.labels.job ?? '',
      address: target.discoveredLabels.__address__ ?? '',
      health: target.health,
      lastError: target.lastError,
    }));
  };

  let currentJobs: ScrapeJob[] = options.jobs ?? [];
  const waitForScrapes = (jobs: ScrapeJob[], timeoutMs?: number): Promise<ActiveTarget[]> => {
    const wanted = jobs.flatMap((job) => job.targets.map((address) => ({ job: job.jobName, address })));
    return waitUntil(
      async () => {
        const active = await activeTargets();
        const scraped = wanted.every((want) =>
          active.some((t) => t.job === want.job && t.address === want.address && t.health !== 'unknown'),
        );
        return scraped ? active : undefined;
      },
      {
        what: `Prometheus to scrape ${wanted.map((w) => `${w.job}/${w.address}`).join(', ')}`,
        timeoutMs: timeoutMs ?? Math.max(10_000, scrapeIntervalSeconds * 5_000),
        intervalMs: 200,
      },
    );
  };

  return {
    url,
    port,
    get pid() {
      return daemon.pid;
    },
    logFile,
    dir,
    configFile,
    tsdbPath,
    scrapeIntervalSeconds,
    activeTargets,
    setScrapeJobs: async (jobs, waitOptions = {}) => {
      await writeFile(configFile, prometheusConfig(scrapeIntervalSeconds, jobs));
      const reload = await fetch(`${url}/-/reload`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      if (!reload.ok) {
        throw new Error(
          `Prometheus refused the new config (HTTP ${reload.status}): ${await reload.text()}. See ${logFile}.`,
        );
      }
      currentJobs = jobs;
      return waitForScrapes(jobs, waitOptions.timeoutMs);
    },
    query: async (expr, time) => {
      const params = new URLSearchParams({ query: expr });
      if (time) params.set('time', String(time.getTime() / 1000));
      return (await api<{ result: PromSample[] }>(`/api/v1/query?${params}`)).result;
    },
    queryRange: async (expr, start, end, stepSeconds) => {
      const params = new URLSearchParams({
        query: expr,
        start: String(start.getTime() / 1000),
        end: String(end.getTime() / 1000),
        step: String(stepSeconds),
      });
      return (await api<{ result: PromSample[] }>(`/api/v1/query_range?${params}`)).result;
    },
    backfill: async (openMetrics) => {
      await daemon.stop();
      const blocks = await writeHistoryBlocks(openMetrics, dir, tsdbPath);
      daemon = await launch();
      // A fresh start discovers its targets again; callers expect scraping to carry on.
      await waitForScrapes(currentJobs);
      return blocks;
    },
    stop: async () => {
      await daemon.stop();
      await removeStateDir(dir);
    },
  };
}
