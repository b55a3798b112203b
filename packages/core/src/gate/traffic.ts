import type { SyntaxNode } from '@lezer/common';
import {
  expressionChildren,
  functionArguments,
  functionName,
  nodesNamed,
  parsePromql,
  promqlSyntaxError,
  rangeOf,
} from './promql.js';

/**
 * The traffic an objective's value rests on, in requests per second: the SLO file's `traffic:`
 * query, or one read off the objective's own query — the denominator of a ratio, or the
 * `+Inf` bucket (the count) of the histogram under a `histogram_quantile`.
 */
export interface TrafficSignal {
  query: string;
  source: 'slo-file' | 'ratio-denominator' | 'histogram-count';
}

/** How much traffic the candidate needs, against the baseline's and in absolute terms. */
export interface TrafficPolicy {
  /** Share of the baseline's traffic the candidate must keep (0.25 = a quarter). */
  minShare: number;
  /** Absolute floor, requests per second. */
  min: number;
}

export const DEFAULT_TRAFFIC_POLICY: TrafficPolicy = { minShare: 0.25, min: 0 };

const COUNTING = new Set(['rate', 'irate', 'increase']);

/** The traffic an objective's query carries, when its syntax tree shows one. */
export function inferTraffic(query: string): TrafficSignal | undefined {
  // A query that does not parse carries no traffic; Prometheus's own error about it says more.
  if (promqlSyntaxError(query)) return undefined;
  const { tree, text } = parsePromql(query);
  const top = tree.topNode;
  for (const call of nodesNamed(top, 'FunctionCall')) {
    if (functionName(call, text) !== 'histogram_quantile') continue;
    const histogram = functionArguments(call)[1];
    const count = histogram && histogramCount(histogram, text);
    if (count) return { query: count, source: 'histogram-count' };
  }
  for (const ratio of nodesNamed(top, 'BinaryExpr')) {
    if (!ratio.getChild('Div')) continue;
    const operands = expressionChildren(ratio);
    const denominator = operands[operands.length - 1];
    const rate = denominator && requestRate(denominator, text);
    if (rate) return { query: rate, source: 'ratio-denominator' };
  }
  return undefined;
}

/**
 * A denominator counts requests when it is built on rate/irate/increase of a counter; increase
 * is turned into a per-second rate so that every signal is in requests per second.
 */
function requestRate(node: SyntaxNode, text: string): string | undefined {
  const calls = nodesNamed(node, 'FunctionCall').filter((call) => COUNTING.has(functionName(call, text) ?? ''));
  if (calls.length === 0) return undefined;
  const expression = text.slice(node.from, node.to);
  const increases = calls.filter((call) => functionName(call, text) === 'increase');
  // Summed, so that a denominator kept by label still gives one total per moment.
  const total =
    node.name === 'AggregateExpr' && !node.getChild('AggregateModifier') ? expression : `sum(${expression})`;
  if (increases.length === 0) return total;
  const ranges = new Set(
    increases.map((call) => {
      const selector = functionArguments(call)[0];
      return selector?.name === 'MatrixSelector' ? rangeOf(selector, text) : undefined;
    }),
  );
  const [range] = [...ranges];
  // Mixed or unknown ranges have no single per-second form; better no signal than a wrong one.
  if (ranges.size !== 1 || range === undefined || calls.length !== increases.length) return undefined;
  return `${total} / ${range / 1000}`;
}

/**
 * The request count of the histogram under histogram_quantile: a classic histogram's `_bucket`
 * selector narrowed to `le="+Inf"`, summed over the remaining labels; a native histogram
 * through histogram_count.
 */
function histogramCount(node: SyntaxNode, text: string): string | undefined {
  if (!nodesNamed(node, 'FunctionCall').some((call) => COUNTING.has(functionName(call, text) ?? ''))) return undefined;
  const selectors = nodesNamed(node, 'VectorSelector');
  const buckets = selectors.filter((selector) => {
    const identifier = selector.getChild('Identifier');
    return identifier !== null && text.slice(identifier.from, identifier.to).endsWith('_bucket');
  });
  const expression = text.slice(node.from, node.to);
  if (buckets.length === 0) return `histogram_count(${expression})`;
  if (buckets.length !== 1) return undefined;
  const selector = buckets[0] as SyntaxNode;
  const matchers = selector.getChild('LabelMatchers');
  if (matchers && nodesNamed(matchers, 'LabelName').some((name) => text.slice(name.from, name.to) === 'le')) {
    return undefined;
  }
  // Splice the matcher into the selector at its place in the tree.
  let at: number;
  let insert: string;
  if (matchers) {
    at = matchers.to - 1;
    const inside = text.slice(matchers.from + 1, at).trim();
    insert = inside === '' ? 'le="+Inf"' : inside.endsWith(',') ? ' le="+Inf"' : ', le="+Inf"';
  } else {
    const identifier = selector.getChild('Identifier') as SyntaxNode;
    at = identifier.to;
    insert = '{le="+Inf"}';
  }
  const offset = node.from;
  const narrowed = `${expression.slice(0, at - offset)}${insert}${expression.slice(at - offset)}`;
  return `sum(${narrowed})`;
}
