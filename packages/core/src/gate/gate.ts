import * as core from '@actions/core';
import { formatDuration } from '../action/duration.js';
import { UserError } from '../action/errors.js';
import { GateCannotJudgeError } from './errors.js';
import { steadyBaselines } from './steady-baseline.js';
import { cannotJudge, fetchWindow, type RangeQuerier } from './window-fetch.js';
import {
  judgeObjectives,
  MIN_POINTS,
  type Comparison,
  type JudgeStage,
  type ObjectiveResult,
  type TrafficData,
  type WindowData,
} from './judge.js';
import type { Objective, SloFile } from './slo-file.js';
import { inferTraffic, type TrafficSignal } from './traffic.js';
import { decideGate, decidedEarly, type GateDecision } from './verdict.js';

export type { RangeQuerier } from './window-fetch.js';

export interface GateOptions {
  /** The objectives as the candidate's queries: for a canary, `${track}` bound to the canary. */
  slo: SloFile;
  /**
   * The release under judgement is a canary: its objectives are compared with the stable pods'
   * over the same window (the same SLO file with `${track}` bound to stable, objectives in the same
   * order) instead of with the service before the deploy.
   */
  canary?: { stable: SloFile };
  prometheus: RangeQuerier;
  deployedAt: Date;
  baselineWindowMs: number;
  /**
   * How much further back than the baseline window the gate may look for a steady baseline when
   * the one right before the deploy is mostly disturbance; 0 never looks back.
   */
  lookbackMs?: number;
  windowMs: number;
  stepMs: number;
  earlyExit: boolean;
  /** How often to look while the window fills; default the step, at least 2 s, at most 30 s. */
  pollIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** How messages name an input: the repository variable a template set it from, or the input. */
  describeInput?: (input: string) => string;
}

export interface ObjectiveWindows {
  baseline: WindowData;
  candidate: WindowData;
}

export interface GateEvaluation {
  decision: GateDecision;
  comparison: Comparison;
  objectives: ObjectiveResult[];
  windows: Record<string, ObjectiveWindows>;
  stoppedEarly: boolean;
  /** How many times the data were judged (1 when the window was already past). */
  looks: number;
  deployedAt: Date;
  decidedAt: Date;
  baselineRange: { start: Date; end: Date };
  candidateRange: { start: Date; end: Date };
}

/**
 * Judges a release. When the candidate window is already over it evaluates once; otherwise it
 * looks at the data as they arrive (every poll interval, a bounded number of times) and,
 * with early exit on, stops as soon as failed objectives decide the gate. Passing is only
 * ever decided on the full window.
 */
export async function evaluateGate(options: GateOptions): Promise<GateEvaluation> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deployed = options.deployedAt.getTime();
  const name = options.describeInput ?? ((input: string) => `input '${input}'`);
  if (deployed > now() + 60_000) {
    throw new UserError(
      `${name('deployed-at')} ${options.deployedAt.toISOString()} is in the future (now ${new Date(now()).toISOString()}): ` +
        "pass the time the release took traffic, e.g. the deploy step's deployed-at output.",
    );
  }
  // The first candidate point is one step after the deploy: a point at the deploy itself only sees the old release.
  const candidateRange = { start: new Date(deployed + options.stepMs), end: new Date(deployed + options.windowMs) };
  const stable = options.canary?.stable;
  const comparison: Comparison = stable ? 'canary-vs-stable' : 'before-after';
  if (stable) assertSameObjectives(options.slo, stable);
  const baselineRange = stable
    ? candidateRange
    : { start: new Date(deployed - options.baselineWindowMs), end: new Date(deployed) };
  // Prometheus needs a scrape or two after a moment before its data are complete.
  const settleMs = Math.min(options.stepMs, 15_000);
  const readyAt = candidateRange.end.getTime() + settleMs;
  const poll = options.pollIntervalMs ?? Math.min(30_000, Math.max(2_000, options.stepMs));
  let baselines: Promise<Map<string, WindowData>> | undefined;
  const trafficBaselines = new Map<string, Promise<WindowData>>();
  const signals = new Map(
    options.slo.objectives.map((objective) => [objective.name, trafficSignal(options.slo, objective)]),
  );
  const stableObjectives = new Map(stable?.objectives.map((objective) => [objective.name, objective]));
  let looks = 0;

  await probe(options.prometheus, now(), options.stepMs, name);

  const look = async (stage: JudgeStage, candidateEnd: Date) => {
    looks++;
    const windows: Record<string, ObjectiveWindows> = {};
    const trafficCandidates = new Map<string, Promise<WindowData>>();
    const once = (cache: Map<string, Promise<WindowData>>, key: string, fetch: () => Promise<WindowData>) => {
      let pending = cache.get(key);
      if (!pending) {
        pending = fetch().catch((error: unknown) => {
          cache.delete(key);
          throw error;
        });
        cache.set(key, pending);
      }
      return pending;
    };
    const data = await Promise.all(
      options.slo.objectives.map(async (objective) => {
        const signal = signals.get(objective.name);
        const control = stableObjectives.get(objective.name);
        const [baseline, candidate, traffic] = await Promise.all([
          control
            ? // The stable pods over the very window the canary has had so far.
              fetchWindow(
                options.prometheus,
                stableSide(control),
                candidateRange.start,
                candidateEnd,
                options.stepMs,
                name,
              )
            : (baselines ??= steadyBaselines(options, baselineRange, name).catch((error: unknown) => {
                // A failed look is asked again next time, not remembered.
                baselines = undefined;
                throw error;
              })).then((found) => found.get(objective.name) as WindowData),
          fetchWindow(options.prometheus, objective, candidateRange.start, candidateEnd, options.stepMs, name),
          signal
            ? fetchTraffic(
                signal,
                candidateEnd,
                objective.name,
                stable && control ? trafficSignal(stable, control) : undefined,
              )
            : undefined,
        ]);
        windows[objective.name] = { baseline, candidate };
        return { objective, baseline, candidate, ...(traffic ? { traffic } : {}) };
      }),
    );
    // One disturbance mask for all objectives: a disturbance is a time range, not a property of one query.
    return { objectives: judgeObjectives(data, stage, comparison), windows };

    async function fetchTraffic(
      signal: TrafficSignal,
      end: Date,
      of: string,
      stableSignal?: TrafficSignal,
    ): Promise<TrafficData> {
      const named = (query: string, side = '') => ({
        name: `${signal.source === 'slo-file' ? 'traffic' : `traffic of '${of}'`}${side}`,
        query,
      });
      const asObjective = named(signal.query, stableSignal ? ' (canary)' : '');
      const [baseline, candidate] = await Promise.all([
        stableSignal
          ? // The stable side grows with the canary's window, so it is asked at every look.
            once(trafficCandidates, `stable ${stableSignal.query}`, () =>
              fetchWindow(
                options.prometheus,
                named(stableSignal.query, ' (stable)'),
                candidateRange.start,
                end,
                options.stepMs,
                name,
              ),
            )
          : once(trafficBaselines, signal.query, () =>
              fetchWindow(
                options.prometheus,
                asObjective,
                baselineRange.start,
                baselineRange.end,
                options.stepMs,
                name,
              ),
            ),
        once(trafficCandidates, signal.query, () =>
          fetchWindow(options.prometheus, asObjective, candidateRange.start, end, options.stepMs, name),
        ),
      ]);
      return { signal, policy: options.slo.traffic, baseline, candidate };
    }
  };

  const finish = (
    decision: GateDecision,
    judged: { objectives: ObjectiveResult[]; windows: Record<string, ObjectiveWindows> },
    stoppedEarly: boolean,
  ): GateEvaluation => ({
    decision,
    comparison,
    ...judged,
    stoppedEarly,
    looks,
    deployedAt: options.deployedAt,
    decidedAt: new Date(now()),
    baselineRange,
    candidateRange,
  });

  if (now() < readyAt) {
    core.info(
      `The candidate window ends at ${candidateRange.end.toISOString()}: waiting ${formatDuration(readyAt - now())}` +
        (options.earlyExit ? ', failing early if a regression is overwhelming.' : ' (early exit is off).'),
    );
    // Bounded: at most one look per poll interval until the window is over.
    const maxLooks = Math.ceil((readyAt - now()) / poll) + 1;
    let unanswered = 0;
    for (let index = 0; index < maxLooks && now() < readyAt; index++) {
      const firstUseful = deployed + options.stepMs * (MIN_POINTS + 1);
      if (options.earlyExit && now() >= firstUseful) {
        let judged: Awaited<ReturnType<typeof look>> | undefined;
        try {
          judged = await look('early', new Date(Math.min(now(), candidateRange.end.getTime())));
          unanswered = 0;
        } catch (error) {
          // A blip is survivable while the window fills; a Prometheus gone for several looks is not.
          if (!(error instanceof GateCannotJudgeError) || error.problem !== 'prometheus') throw error;
          unanswered++;
          if (unanswered >= MAX_UNANSWERED_LOOKS) throw error;
          core.warning(`${error.message} (look ${looks}; the gate gives up after ${MAX_UNANSWERED_LOOKS} in a row)`);
        }
        if (judged) {
          const early = decidedEarly(judged.objectives, options.slo);
          if (early) return finish(early, judged, true);
          core.debug(`Look ${looks}: ${judged.objectives.map((o) => `${o.name} ${o.status}`).join(', ')}`);
        }
      }
      const wait = Math.max(0, Math.min(poll, readyAt - now()));
      if (wait > 0) await sleep(wait);
    }
  }
  const judged = await look('final', candidateRange.end);
  return finish(decideGate(judged.objectives, options.slo), judged, false);
}

/** The stable side's query, named so that messages say which side a problem is on. */
function stableSide(objective: Objective): Pick<Objective, 'name' | 'query'> {
  return { name: `${objective.name} (stable)`, query: objective.query };
}

/** The two sides come from one SLO file; anything else is a bug in the caller. */
function assertSameObjectives(candidate: SloFile, stable: SloFile): void {
  const names = (slo: SloFile) => slo.objectives.map((objective) => objective.name).join('\n');
  if (names(candidate) !== names(stable)) {
    throw new Error('The canary and stable sides of the gate must have the same objectives, in the same order');
  }
}

/** Looks in a row that Prometheus may fail to answer while the window fills. */
const MAX_UNANSWERED_LOOKS = 3;

/** The SLO file's traffic query for every objective, or the one each objective's query carries. */
export function trafficSignal(slo: SloFile, objective: Objective): TrafficSignal | undefined {
  if (slo.traffic.query) return { query: slo.traffic.query, source: 'slo-file' };
  return inferTraffic(objective.query);
}

/**
 * Asks Prometheus something trivial before anything else, so a wrong URL or a Prometheus that is
 * down ends the gate at once (after the client's bounded retries), not after the whole window.
 */
async function probe(
  prometheus: RangeQuerier,
  nowMs: number,
  stepMs: number,
  name: (input: string) => string,
): Promise<void> {
  try {
    await prometheus.queryRange('vector(1)', new Date(nowMs - stepMs), new Date(nowMs), stepMs);
  } catch (error) {
    throw cannotJudge(error, 'a test query (vector(1))', name);
  }
}
