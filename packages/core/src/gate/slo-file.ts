import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { UserError } from '../action/errors.js';
import { DEFAULT_TRAFFIC_POLICY, type TrafficPolicy } from './traffic.js';

export type Direction = 'lower' | 'higher';

export interface Objective {
  name: string;
  /** PromQL returning one series (aggregate with sum/avg/histogram_quantile). */
  query: string;
  /** Which way is better. */
  direction: Direction;
  /** Absolute bounds on the candidate's median. */
  max?: number;
  min?: number;
  /** Allowed worsening against the baseline, as a fraction (10% → 0.1). */
  maxRegression?: number;
  weight: number;
  critical: boolean;
}

/** The top-level `traffic:` key: a query for the service's requests per second, and the bounds. */
export interface TrafficSettings extends TrafficPolicy {
  /** When absent, each objective's traffic is read off its own query where it can be. */
  query?: string;
}

export interface SloFile {
  /** The path as the user gave it, for messages. */
  file: string;
  objectives: Objective[];
  traffic: TrafficSettings;
  passScore: number;
  warnScore: number;
  /**
   * The Prometheus label that carries a pod's `paved.dev/track` (canary or stable), which
   * `${track}` in a query matches on.
   */
  trackLabel: string;
}

/** What the usual `labelmap: __meta_kubernetes_pod_label_(.+)` relabelling makes of `paved.dev/track`. */
export const DEFAULT_TRACK_LABEL = 'paved_dev_track';
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A mistake in the SLO file; the message names the file, the objective, the key and its line. */
export class SloFileError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'SloFileError';
  }
}

export const TOP_KEYS = ['objectives', 'traffic', 'pass-score', 'warn-score', 'track-label'];
export const TRAFFIC_KEYS = ['query', 'min-share', 'min'];
export const OBJECTIVE_KEYS = ['name', 'query', 'direction', 'max', 'min', 'max-regression', 'weight', 'critical'];

/** Reads and validates an SLO file (YAML or JSON: YAML parses both). */
export function readSloFile(file: string, displayName = path.basename(file)): SloFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SloFileError(`Cannot read the SLO file ${displayName}: ${(error as Error).message}`);
  }
  return parseSloFile(text, displayName);
}

export function parseSloFile(text: string, file: string): SloFile {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0] as { message: string; linePos?: Array<{ line: number }> };
    const message = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:$/, '');
    const where = first.linePos?.[0] ? ` (line ${first.linePos[0].line})` : '';
    throw new SloFileError(`${file} is not valid YAML or JSON${where}: ${message}`);
  }
  const fail = (where: Array<string | number>, message: string): never => {
    throw new SloFileError(`${file}${lineOf(document, lines, where)}: ${message}`);
  };
  const root: unknown = document.toJS();
  if (!isRecord(root)) fail([], 'must be a mapping with an `objectives:` list (see the deploy-quality-gate README)');
  const top = root as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (!TOP_KEYS.includes(key))
      fail([key], `unknown key '${key}'${suggest(key, TOP_KEYS)}; allowed: ${TOP_KEYS.join(', ')}`);
  }
  const list = top.objectives;
  if (!Array.isArray(list) || list.length === 0) {
    fail(
      ['objectives'],
      'key `objectives` must be a non-empty list of objectives, each with name, query and direction',
    );
  }
  const seen = new Set<string>();
  const objectives = (list as unknown[]).map((entry, index) => {
    const label =
      isRecord(entry) && typeof entry.name === 'string' ? `objective '${entry.name}'` : `objective #${index + 1}`;
    const at = (key?: string) => (key === undefined ? ['objectives', index] : ['objectives', index, key]);
    const bad = (key: string, message: string) => fail(at(key), `${label}, key '${key}': ${message}`);
    if (!isRecord(entry)) return fail(at(), `${label} must be a mapping with name, query and direction`);
    for (const key of Object.keys(entry)) {
      if (!OBJECTIVE_KEYS.includes(key)) {
        fail(
          at(key),
          `${label}: unknown key '${key}'${suggest(key, OBJECTIVE_KEYS)}; allowed: ${OBJECTIVE_KEYS.join(', ')}`,
        );
      }
    }
    const name = entry.name;
    if (typeof name !== 'string' || name.trim() === '') return bad('name', 'required: a short name such as error-rate');
    if (seen.has(name)) bad('name', `'${name}' is used twice; names must be unique`);
    seen.add(name);
    const query = entry.query;
    if (typeof query !== 'string' || query.trim() === '') return bad('query', 'required: a PromQL expression');
    const direction = entry.direction;
    if (direction !== 'lower' && direction !== 'higher') {
      return bad('direction', `must be lower or higher (which way is better), got ${show(direction)}`);
    }
    const objective: Objective = {
      name,
      query: query.trim(),
      direction,
      weight: 1,
      critical: false,
    };
    for (const key of ['max', 'min'] as const) {
      if (entry[key] === undefined) continue;
      const value = entry[key];
      if (typeof value !== 'number' || !Number.isFinite(value)) bad(key, `must be a number, got ${show(value)}`);
      objective[key] = value as number;
    }
    if (objective.max !== undefined && objective.min !== undefined && objective.min > objective.max) {
      bad('min', `${objective.min} is above max ${objective.max}; nothing could pass`);
    }
    if (entry['max-regression'] !== undefined) {
      objective.maxRegression = parsePercentage(entry['max-regression'], (message) => bad('max-regression', message));
    }
    if (entry.weight !== undefined) {
      const weight = entry.weight;
      if (typeof weight !== 'number' || !(weight > 0) || !Number.isFinite(weight)) {
        bad('weight', `must be a positive number, got ${show(weight)}`);
      }
      objective.weight = weight as number;
    }
    if (entry.critical !== undefined) {
      if (typeof entry.critical !== 'boolean') bad('critical', `must be true or false, got ${show(entry.critical)}`);
      objective.critical = entry.critical as boolean;
    }
    if (objective.max === undefined && objective.min === undefined && objective.maxRegression === undefined) {
      fail(at(), `${label} has nothing to judge: set max, min or max-regression`);
    }
    return objective;
  });
  const score = (key: 'pass-score' | 'warn-score', fallback: number): number => {
    const value = top[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !(value >= 0 && value <= 100)) {
      fail([key], `key '${key}' must be a number from 0 to 100, got ${show(value)}`);
    }
    return value as number;
  };
  const passScore = score('pass-score', 90);
  const warnScore = score('warn-score', 75);
  if (warnScore > passScore)
    fail(
      [top['warn-score'] === undefined ? 'pass-score' : 'warn-score'],
      `key 'warn-score' (${warnScore}) must not be above pass-score (${passScore})`,
    );
  const traffic = parseTraffic(top.traffic, (key, message) => fail(key ? ['traffic', key] : ['traffic'], message));
  const trackLabel = top['track-label'] ?? DEFAULT_TRACK_LABEL;
  // The name reaches PromQL as written, so only a label name passes.
  if (typeof trackLabel !== 'string' || !LABEL_NAME.test(trackLabel) || trackLabel.startsWith('__')) {
    fail(
      ['track-label'],
      `key 'track-label' must be a Prometheus label name (letters, digits, underscores; not starting with a digit or __), ` +
        `such as ${DEFAULT_TRACK_LABEL}, got ${show(trackLabel)}`,
    );
  }
  return { file, objectives, traffic, passScore, warnScore, trackLabel: trackLabel as string };
}

/** `traffic: <query>` or a mapping with query, min-share and min; absent means inferred, default bounds. */
function parseTraffic(value: unknown, fail: (key: string | undefined, message: string) => never): TrafficSettings {
  const settings: TrafficSettings = { ...DEFAULT_TRAFFIC_POLICY };
  if (value === undefined || value === null) return settings;
  if (typeof value === 'string') {
    if (value.trim() === '')
      fail(undefined, "key 'traffic' must be a PromQL query or a mapping with query, min-share, min");
    return { ...settings, query: value.trim() };
  }
  if (!isRecord(value)) {
    return fail(
      undefined,
      `key 'traffic' must be a PromQL query (requests per second) or a mapping, got ${show(value)}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!TRAFFIC_KEYS.includes(key))
      fail(key, `traffic: unknown key '${key}'${suggest(key, TRAFFIC_KEYS)}; allowed: ${TRAFFIC_KEYS.join(', ')}`);
  }
  if (value.query !== undefined) {
    if (typeof value.query !== 'string' || value.query.trim() === '')
      fail('query', "traffic, key 'query': must be a PromQL query returning requests per second");
    settings.query = (value.query as string).trim();
  }
  if (value['min-share'] !== undefined) {
    settings.minShare = parsePercentage(value['min-share'], (message) =>
      fail('min-share', `traffic, key 'min-share': ${message}`),
    );
    if (settings.minShare > 1) fail('min-share', "traffic, key 'min-share' must be at most 100%");
  }
  if (value.min !== undefined) {
    if (typeof value.min !== 'number' || !(value.min >= 0) || !Number.isFinite(value.min))
      fail('min', `traffic, key 'min': must be requests per second (a number, 0 or more), got ${show(value.min)}`);
    settings.min = value.min as number;
  }
  return settings;
}

/** `10%` → 0.1. A bare number is refused: 10 and 0.1 would both be plausible readings. */
function parsePercentage(value: unknown, bad: (message: string) => never): number {
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value) : null;
  if (!match) return bad(`must be a percentage such as 10%, got ${show(value)}`);
  return Number(match[1]) / 100;
}

function lineOf(document: Document, lines: LineCounter, where: Array<string | number>): string {
  for (let depth = where.length; depth > 0; depth--) {
    const node = document.getIn(where.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    const parent = depth > 1 ? document.getIn(where.slice(0, depth - 1), true) : document.contents;
    // A key's own line is where its pair starts; fall back to the value's line.
    const key = where[depth - 1];
    if (isMap(parent) && typeof key === 'string') {
      const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
      if (range) return ` (line ${lines.linePos(range[0]).line})`;
    }
    if (isSeq(parent) && node?.range) return ` (line ${lines.linePos(node.range[0]).line})`;
  }
  return '';
}

function suggest(key: string, allowed: string[]): string {
  const normal = key.toLowerCase().replace(/_/g, '-');
  const match = allowed.find((candidate) => candidate === normal);
  return match ? ` (did you mean '${match}'?)` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}
