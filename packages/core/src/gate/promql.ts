import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { parseDuration } from '../action/duration.js';

/**
 * PromQL read as a syntax tree (the Prometheus project's own lezer grammar), so the gate finds
 * range selectors, ratios and histograms by what they are, never by matching text.
 */
export interface PromqlTree {
  text: string;
  tree: Tree;
}

export function parsePromql(text: string): PromqlTree {
  return { text, tree: parser.parse(text) };
}

/** Where the grammar gave up, as a sentence, or undefined when the query parses. */
export function promqlSyntaxError(text: string): string | undefined {
  const { tree } = parsePromql(text);
  let at: number | undefined;
  tree.iterate({
    enter(node) {
      if (at !== undefined) return false;
      if (node.type.isError) at = node.from;
      return undefined;
    },
  });
  if (at === undefined) return undefined;
  const near = text.slice(at, at + 20).trim();
  return at >= text.length
    ? 'the query ends too early (an unclosed bracket or a missing operand?)'
    : `the query does not parse at character ${at + 1} (near '${near}')`;
}

/** Every node named `name`, in document order. */
export function nodesNamed(root: SyntaxNode, name: string): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const cursor = root.cursor();
  do {
    if (cursor.name === name) found.push(cursor.node);
  } while (cursor.next() && cursor.from < root.to);
  return found.filter((node) => node.from >= root.from && node.to <= root.to);
}

/** The expression children of a node (operators, modifiers and punctuation left out). */
export function expressionChildren(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (EXPRESSIONS.has(child.name)) children.push(child);
  }
  return children;
}

const EXPRESSIONS = new Set([
  'AggregateExpr',
  'BinaryExpr',
  'FunctionCall',
  'MatrixSelector',
  'NumberDurationLiteral',
  'OffsetExpr',
  'ParenExpr',
  'StringLiteral',
  'SubqueryExpr',
  'UnaryExpr',
  'VectorSelector',
  'StepInvariantExpr',
]);

/** The name of a function call (`rate`, `histogram_quantile`). */
export function functionName(call: SyntaxNode, text: string): string | undefined {
  const identifier = call.getChild('FunctionIdentifier');
  return identifier ? text.slice(identifier.from, identifier.to) : undefined;
}

/** A function call's arguments. */
export function functionArguments(call: SyntaxNode): SyntaxNode[] {
  const body = call.getChild('FunctionCallBody');
  return body ? expressionChildren(body) : [];
}

/** The range of a matrix selector (`[1m]`) or a subquery (`[10m:30s]`), in ms. */
export function rangeOf(node: SyntaxNode, text: string): number | undefined {
  const duration = node.getChild('DurationExpr');
  if (!duration) return undefined;
  return promqlDuration(text.slice(duration.from, duration.to));
}

/** PromQL durations (`90s`, `1h30m`, `2w`, `1y`) in ms; undefined for anything else. */
export function promqlDuration(text: string): number | undefined {
  const normalised = text
    .trim()
    .replace(/(\d+)w/g, (_, n: string) => `${Number(n) * 7}d`)
    .replace(/(\d+)y/g, (_, n: string) => `${Number(n) * 365}d`);
  return parseDuration(normalised);
}

/** The longest range selector or subquery range in a query, in ms. */
export function longestRange(query: string): number | undefined {
  const { tree, text } = parsePromql(query);
  let longest: number | undefined;
  for (const name of ['MatrixSelector', 'SubqueryExpr']) {
    for (const node of nodesNamed(tree.topNode, name)) {
      const ms = rangeOf(node, text);
      if (ms !== undefined && (longest === undefined || ms > longest)) longest = ms;
    }
  }
  return longest;
}
