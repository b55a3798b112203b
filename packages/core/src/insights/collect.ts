import { UserError } from '../action/errors.js';
import { analyseEnvironment, comparePairs, type AnalysisWindow, type Commit } from './analyse.js';
import { BAND_SOURCE } from './bands.js';
import { isGoodEntry, validateDeployment, validateStatus, type LedgerEntry, type LedgerStatus } from './records.js';
import type { InsightsReport } from './report.js';
import { commitOf, type LedgerSource } from './source.js';

export interface ReportRequest {
  source: LedgerSource;
  environments: string[];
  window: AnalysisWindow & { text: string };
  /** Requests in flight at once for statuses and comparisons (default 8). */
  concurrency?: number;
  now?: number;
  log?: { info(message: string): void; warning(message: string): void };
}

const PER_PAGE = 100;
/** Comparisons with more commits than this are read in part and said so: nobody ships 5,000 commits at once twice. */
const MAX_COMPARE_PAGES = 50;

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface Tally {
  malformed: number;
  notPaved: number;
  pages: number;
  warnings: string[];
}

async function readStatuses(source: LedgerSource, id: number, tally: Tally): Promise<LedgerStatus[]> {
  const byId = new Map<number, LedgerStatus>();
  for (let page = 1; ; page++) {
    const raw = await source.statuses(id, page, PER_PAGE);
    for (const item of raw) {
      const status = validateStatus(item, id);
      if (status.ok) byId.set(status.value.id, status.value);
      else {
        tally.malformed += 1;
        tally.warnings.push(`Ignored ${status.reason}`);
      }
    }
    if (raw.length < PER_PAGE) break;
  }
  // Oldest first; ids order statuses recorded within the same second.
  return [...byId.values()].sort((a, b) => a.at - b.at || a.id - b.id);
}

/**
 * Every deployment of the environment from the newest back to the period's start, and on until a
 * good deploy before it (the base the period's first release is compared with). Pages are read by
 * number; a deployment recorded while reading shifts the list by one, so ids are deduplicated.
 */
async function readEnvironment(request: ReportRequest, environment: string, tally: Tally): Promise<LedgerEntry[]> {
  const { source, window } = request;
  const entries = new Map<number, LedgerEntry>();
  const seen = new Set<number>();
  for (let page = 1; ; page++) {
    const raw = await source.deployments(environment, page, PER_PAGE);
    tally.pages += 1;
    const fresh: Omit<LedgerEntry, 'statuses'>[] = [];
    let oldest = Infinity;
    for (const item of raw) {
      const deployment = validateDeployment(item);
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'number') {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      if (!deployment.ok) {
        if (deployment.paved) {
          tally.malformed += 1;
          tally.warnings.push(`Ignored ${deployment.reason}`);
        } else tally.notPaved += 1;
        continue;
      }
      if (deployment.value.environment !== environment) continue;
      oldest = Math.min(oldest, deployment.value.createdAt);
      // Later records stay: a rollback after the period's end still restores a release inside it.
      fresh.push(deployment.value);
    }
    const statuses = await mapLimit(fresh, request.concurrency ?? 8, (deployment) =>
      readStatuses(source, deployment.id, tally),
    );
    fresh.forEach((deployment, index) => entries.set(deployment.id, { ...deployment, statuses: statuses[index]! }));
    if (raw.length < PER_PAGE) break;
    const baseFound = [...entries.values()].some(
      (entry) => entry.kind === 'deploy' && entry.createdAt < window.since && isGoodEntry(entry),
    );
    if (oldest < window.since && baseFound) break;
  }
  return [...entries.values()];
}

async function readCommits(source: LedgerSource, base: string, head: string, tally: Tally): Promise<Commit[]> {
  const commits = new Map<string, Commit>();
  for (let page = 1; page <= MAX_COMPARE_PAGES; page++) {
    let answer;
    try {
      answer = await source.compare(base, head, page, PER_PAGE);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 404 && status !== 422) throw error;
      // History rewritten since the release: its commits cannot be listed any more.
      tally.warnings.push(
        `Lead time skips ${head.slice(0, 7)}: GitHub cannot compare it with ${base.slice(0, 7)} (${status})`,
      );
      return [];
    }
    const { total, commits: raw } = answer;
    for (const item of raw) {
      const commit = commitOf(item);
      if (commit) commits.set(commit.sha, commit);
      else {
        tally.malformed += 1;
        tally.warnings.push(
          `Ignored a commit of ${base.slice(0, 7)}...${head.slice(0, 7)} without a sha and committer date`,
        );
      }
    }
    if (raw.length < PER_PAGE || commits.size >= total) return [...commits.values()];
  }
  tally.warnings.push(
    `${base.slice(0, 7)}...${head.slice(0, 7)} brought more than ${MAX_COMPARE_PAGES * PER_PAGE} commits; lead time counts the first ${commits.size}`,
  );
  return [...commits.values()];
}

/** Says why there is nothing to report, so an empty ledger never reads as a healthy one. */
async function explainEmpty(source: LedgerSource, environment: string): Promise<UserError> {
  const any = await source.deployments(undefined, 1, PER_PAGE);
  if (any.length === 0) {
    return new UserError(
      `${source.repository} has no deployments recorded, so there is nothing to report (an empty report would look ` +
        'like perfect health). Deploy with paved/deploy, which records every release, then run the report again.',
    );
  }
  const known = new Set(await source.environments());
  for (const item of any) {
    const name = (item as { environment?: unknown }).environment;
    if (typeof name === 'string') known.add(name);
  }
  const list = [...known].sort().join(', ') || 'none';
  if (!known.has(environment)) {
    return new UserError(
      `Environment '${environment}' is unknown in ${source.repository}: it has no deployments and no such ` +
        `environment exists. Known environments: ${list}. Check 'environments' for a typo.`,
    );
  }
  return new UserError(
    `Environment '${environment}' of ${source.repository} has no deployments recorded, so there is nothing to ` +
      `report for it. Environments with deployments: ${list}.`,
  );
}

/** Reads the ledger of each environment, compares consecutive good releases, and computes the report. */
export async function buildInsightsReport(request: ReportRequest): Promise<InsightsReport> {
  const { source, window } = request;
  const tally: Tally = { malformed: 0, notPaved: 0, pages: 0, warnings: [] };
  const environments = [];
  for (const environment of request.environments) {
    const notPavedBefore = tally.notPaved;
    const entries = await readEnvironment(request, environment, tally);
    if (entries.length === 0) {
      if (tally.notPaved > notPavedBefore) {
        throw new UserError(
          `Environment '${environment}' of ${source.repository} has ${tally.notPaved - notPavedBefore} deployment(s), none ` +
            'recorded by Paved (no image digest in the payload), so there is nothing to report. Deploy with paved/deploy.',
        );
      }
      if (tally.malformed > 0) {
        throw new UserError(
          `Every deployment of '${environment}' in ${source.repository} was malformed (${tally.malformed}): ` +
            `nothing trustworthy to report. First: ${tally.warnings[0] ?? ''}`,
        );
      }
      throw await explainEmpty(source, environment);
    }
    const pairs = comparePairs(entries, window).filter((pair) => pair.base);
    const commits = await mapLimit(pairs, request.concurrency ?? 8, (pair) =>
      readCommits(source, pair.base!.sha, pair.head.sha, tally),
    );
    const byRelease = new Map(pairs.map((pair, index) => [pair.head.id, commits[index]!]));
    environments.push(analyseEnvironment({ environment, entries, commits: byRelease }, window));
    request.log?.info(`${environment}: ${entries.length} deployments read, ${pairs.length} releases compared`);
  }
  if (tally.malformed > 0) {
    request.log?.warning(
      `Ignored ${tally.malformed} malformed record(s) in the deployment ledger; the first: ${tally.warnings[0]}`,
    );
  }
  return {
    repository: source.repository,
    period: {
      since: new Date(window.since).toISOString(),
      until: new Date(window.until).toISOString(),
      text: window.text,
      days: (window.until - window.since) / 86_400_000,
    },
    generatedAt: new Date(request.now ?? Date.now()).toISOString(),
    environments,
    api: { requests: source.stats.requests, retries: source.stats.retries, pages: tally.pages },
    ignored: { malformed: tally.malformed, notPaved: tally.notPaved },
    warnings: tally.warnings.slice(0, 50),
    bandSource: BAND_SOURCE,
  };
}
