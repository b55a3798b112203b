import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';

/** Job status seen by the status functions success(), failure(), cancelled() and always(). */
export type JobStatus = 'success' | 'failure' | 'cancelled';

export type ExpressionContext = Record<string, unknown>;

const CONTEXTS = [
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
];

/** Converts plain JSON into the expression library's data model. */
export function toExpressionData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function statusFunctions(status: JobStatus): Map<string, FunctionDefinition> {
  const fn = (name: string, result: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(result()) },
  ];
  return new Map([
    fn('success', () => status === 'success'),
    fn('failure', () => status === 'failure'),
    fn('cancelled', () => status === 'cancelled'),
    fn('always', () => true),
  ]);
}

/**
 * Evaluates one expression (without `${{ }}`) and returns its data. `extraFunctions` adds
 * functions the library lacks (e.g. hashFiles) or replaces the status functions, as a workflow
 * runner must at job level, where success() and failure() look at the needed jobs.
 */
export function evaluateExpression(
  expression: string,
  context: ExpressionContext,
  status: JobStatus = 'success',
  extraFunctions: FunctionDefinition[] = [],
): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const functions = statusFunctions(status);
  for (const definition of extraFunctions) functions.set(definition.name.toLowerCase(), definition);
  const parser = new Parser(
    lexed.tokens,
    CONTEXTS,
    [...functions.values()].map(({ name, minArgs, maxArgs }) => ({ name, minArgs, maxArgs })),
  );
  const dictionary = new data.Dictionary(
    ...Object.entries(context).map(([key, value]) => ({ key, value: toExpressionData(value) })),
  );
  return new Evaluator(parser.parse(), dictionary, functions).evaluate();
}

/** Replaces every `${{ expr }}` in a string with the expression's value, as the runner does for inputs. */
export function evaluateTemplate(
  text: string,
  context: ExpressionContext,
  status?: JobStatus,
  extraFunctions?: FunctionDefinition[],
): string {
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, expression: string) =>
    evaluateExpression(expression.trim(), context, status, extraFunctions).coerceString(),
  );
}

/**
 * Evaluates an `if:`/`post-if:` condition. As on GitHub, a condition without a status
 * function is implicitly `success() && (...)`.
 */
export function evaluateCondition(
  condition: string | undefined,
  context: ExpressionContext,
  status: JobStatus,
  extraFunctions?: FunctionDefinition[],
): boolean {
  const text = (condition ?? '')
    .trim()
    .replace(/^\$\{\{(.*)\}\}$/s, '$1')
    .trim();
  if (text === '') return status === 'success';
  const usesStatus = /\b(success|failure|cancelled|always)\s*\(/i.test(text);
  const expression = usesStatus ? text : `success() && (${text})`;
  return truthy(evaluateExpression(expression, context, status, extraFunctions));
}
