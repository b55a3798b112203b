import { BAND_SOURCE, failureRateBand, frequencyBand, leadTimeBand, restoreBand } from './bands.js';
import { parseGateStatus, type GateRecord, type GateVerdict } from './gate-status.js';
import { isFinished, isGoodEntry, wentLiveAt, type LedgerEntry } from './records.js';
import type { EnvironmentReport, FailureCause, ObjectiveCount, ReleaseRow, WeekRow } from './report.js';
import { nearestRank, spread, weekStart } from './stats.js';

const DAY = 86_400_000;

export interface Commit {
  sha: string;
  /** Committer time, epoch ms. */
  at: number;
}

export interface EnvironmentHistory {
  environment: string;
  /** Every entry read, in and before the period. */
  entries: LedgerEntry[];
  /** Commits each measured good release brought, by deployment id (from the compare API). */
  commits: ReadonlyMap<number, Commit[]>;
}

export interface AnalysisWindow {
  since: number;
  until: number;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/**
 * The good deploy each good deploy in the period is compared against: the previous good deploy of
 * the environment. Commits of a release that failed or was rolled back count from the good release
 * that finally delivered them, since they did not run successfully before it.
 */
export function comparePairs(
  entries: readonly LedgerEntry[],
  window: AnalysisWindow,
): { base?: LedgerEntry; head: LedgerEntry }[] {
  const good = entries.filter((entry) => entry.kind === 'deploy' && isGoodEntry(entry)).sort(byCreated);
  return good.map((head, index) => ({ base: good[index - 1], head })).filter((pair) => inWindow(pair.head, window));
}

function byCreated(a: LedgerEntry, b: LedgerEntry): number {
  return a.createdAt - b.createdAt || a.id - b.id;
}

function inWindow(entry: LedgerEntry, window: AnalysisWindow): boolean {
  return entry.createdAt >= window.since && entry.createdAt < window.until;
}

function failureCauses(
  entry: LedgerEntry,
  rollbacks: readonly LedgerEntry[],
  gates: readonly GateRecord[],
): FailureCause[] {
  const causes: FailureCause[] = [];
  if (rollbacks.length > 0) causes.push('rolled-back');
  if (gates.some((gate) => gate.state === 'failure' || gate.state === 'error')) causes.push('gate-failed');
  const bad = entry.statuses.filter((status) => status.state === 'failure' || status.state === 'error');
  if (wentLiveAt(entry) === undefined && bad.length > 0) causes.push('deploy-failed');
  else if (causes.length === 0 && bad.length > 0) causes.push('marked-failed');
  return causes;
}

export function analyseEnvironment(history: EnvironmentHistory, window: AnalysisWindow): EnvironmentReport {
  const all = [...history.entries].sort(byCreated);
  const rollbacksOf = new Map<number, LedgerEntry[]>();
  for (const entry of all) {
    if (entry.rollbackOf === undefined) continue;
    rollbacksOf.set(entry.rollbackOf, [...(rollbacksOf.get(entry.rollbackOf) ?? []), entry]);
  }
  const goodDeploys = all.filter((entry) => entry.kind === 'deploy' && isGoodEntry(entry));
  const inPeriod = all.filter((entry) => inWindow(entry, window));
  const deploys = inPeriod.filter((entry) => entry.kind === 'deploy');
  const finished = deploys.filter(isFinished);
  const live = deploys.filter((entry) => wentLiveAt(entry) !== undefined);

  const byCause: Record<FailureCause, number> = {
    'rolled-back': 0,
    'gate-failed': 0,
    'deploy-failed': 0,
    'marked-failed': 0,
  };
  const verdicts: Record<GateVerdict, number> = { pass: 0, warn: 0, fail: 0, inconclusive: 0 };
  const objectives = new Map<string, ObjectiveCount>();
  let unnamed = 0;
  const restoreTimes: number[] = [];
  let unrestored = 0;
  let neverLive = 0;
  let failed = 0;
  const leadTimes: number[] = [];
  const delivered = new Set<string>();
  const rows: ReleaseRow[] = [];

  const pairs = new Map(comparePairs(all, window).map((pair) => [pair.head.id, pair]));
  let unmeasuredFirstRelease: number | undefined;
  let measured = 0;

  for (const entry of inPeriod) {
    const gates = entry.statuses.map(parseGateStatus).filter((gate): gate is GateRecord => gate !== undefined);
    for (const gate of gates) {
      verdicts[gate.verdict] += 1;
      if (gate.truncated) unnamed += 1;
      for (const name of gate.failed) count(objectives, name).failed += 1;
      for (const name of gate.unjudged) count(objectives, name).unjudged += 1;
    }
    const live = wentLiveAt(entry);
    const rolledBackBy = rollbacksOf.get(entry.id) ?? [];
    const row: ReleaseRow = {
      environment: history.environment,
      deploymentId: entry.id,
      kind: entry.kind,
      version: entry.version,
      sha: entry.sha,
      createdAt: iso(entry.createdAt)!,
      ...(live === undefined ? {} : { wentLiveAt: iso(live) }),
      outcome: isFinished(entry) ? 'good' : 'unfinished',
      causes: [],
      ...(entry.rollbackOf === undefined ? {} : { rollbackOf: entry.rollbackOf }),
      rolledBackBy: rolledBackBy.map((rollback) => rollback.id),
      ...(gates.length > 0 ? { gate: gates.at(-1)!.verdict } : {}),
    };
    rows.push(row);
    if (entry.kind !== 'deploy') {
      if (row.outcome === 'good' && !isGoodEntry(entry)) row.outcome = 'failed';
      continue;
    }

    const causes = row.outcome === 'unfinished' ? [] : failureCauses(entry, rolledBackBy, gates);
    if (causes.length > 0) {
      row.outcome = 'failed';
      row.causes = causes;
      failed += 1;
      byCause[causes[0]!] += 1;
      if (live === undefined) neverLive += 1;
      else {
        const restoredAt = restoredTime(entry, live, rolledBackBy, goodDeploys);
        if (restoredAt === undefined) unrestored += 1;
        else {
          row.restoredAt = iso(restoredAt);
          row.restoreMs = restoredAt - live;
          restoreTimes.push(restoredAt - live);
        }
      }
    }

    const pair = pairs.get(entry.id);
    if (pair && live !== undefined) {
      if (!pair.base) {
        unmeasuredFirstRelease = entry.id;
        continue;
      }
      const commits = (history.commits.get(entry.id) ?? []).filter((commit) => !delivered.has(commit.sha));
      for (const commit of commits) delivered.add(commit.sha);
      const leads = commits.map((commit) => live - commit.at);
      leadTimes.push(...leads);
      row.commits = commits.length;
      if (leads.length > 0) row.leadTimeMedianMs = nearestRank(leads, 50);
      measured += 1;
    }
  }

  const days = (window.until - window.since) / DAY;
  const perDay = live.length / days;
  const rate = finished.length > 0 ? failed / finished.length : undefined;
  const lead = spread(leadTimes);
  const restore = spread(restoreTimes);
  const totalVerdicts = Object.values(verdicts).reduce((sum, n) => sum + n, 0);
  const latestDeploy = all.filter((entry) => entry.kind === 'deploy').at(-1);
  return {
    environment: history.environment,
    releases: finished.length,
    unfinished: deploys.length - finished.length,
    rollbacks: inPeriod.filter((entry) => entry.kind === 'rollback').length,
    ...(latestDeploy ? { latestDeployAt: iso(latestDeploy.createdAt) } : {}),
    frequency: { live: live.length, perDay, perWeek: perDay * 7, band: frequencyBand(perDay) },
    leadTime: {
      ...lead,
      band: leadTimeBand(lead.medianMs),
      releases: measured,
      ...(unmeasuredFirstRelease === undefined ? {} : { unmeasuredFirstRelease }),
    },
    changeFailure: { failed, rate, band: failureRateBand(rate), byCause },
    restore: { ...restore, band: restoreBand(restore.medianMs), unrestored, neverLive },
    gate: {
      verdicts,
      total: totalVerdicts,
      inconclusiveShare: totalVerdicts > 0 ? verdicts.inconclusive / totalVerdicts : undefined,
      objectives: [...objectives.values()].sort(
        (a, b) => b.failed - a.failed || b.unjudged - a.unjudged || a.name.localeCompare(b.name),
      ),
      unnamed,
    },
    weeks: weeksOf(inPeriod, rows, window),
    rows,
  };
}

/**
 * When service was restored after a bad release took traffic: the first success, after it went
 * live, of a rollback that names it or of a later good deploy (a fix forward), whichever is first.
 */
function restoredTime(
  entry: LedgerEntry,
  live: number,
  rollbacks: readonly LedgerEntry[],
  goodDeploys: readonly LedgerEntry[],
): number | undefined {
  const candidates = [
    ...rollbacks.map(wentLiveAt),
    ...goodDeploys.filter((good) => good.createdAt > entry.createdAt).map(wentLiveAt),
  ].filter((at): at is number => at !== undefined && at >= live);
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}

function count(map: Map<string, ObjectiveCount>, name: string): ObjectiveCount {
  let entry = map.get(name);
  if (!entry) {
    entry = { name, failed: 0, unjudged: 0 };
    map.set(name, entry);
  }
  return entry;
}

function weeksOf(entries: readonly LedgerEntry[], rows: readonly ReleaseRow[], window: AnalysisWindow): WeekRow[] {
  const weeks = new Map<number, WeekRow>();
  for (let start = weekStart(window.since); start < window.until; start += 7 * DAY) {
    weeks.set(start, { week: new Date(start).toISOString().slice(0, 10), releases: 0, failed: 0, rollbacks: 0 });
  }
  const rowById = new Map(rows.map((row) => [row.deploymentId, row]));
  for (const entry of entries) {
    const week = weeks.get(weekStart(entry.createdAt));
    const row = rowById.get(entry.id);
    if (!week || !row || row.outcome === 'unfinished') continue;
    if (entry.kind === 'rollback') week.rollbacks += 1;
    else {
      week.releases += 1;
      if (row.outcome === 'failed') week.failed += 1;
    }
  }
  return [...weeks.values()];
}

export { BAND_SOURCE };
