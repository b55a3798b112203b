import { data } from '@actions/expressions';
import {
  evaluateCondition,
  evaluateExpression,
  evaluateTemplate,
  type ExpressionContext,
  type FunctionDefinition,
  type JobStatus,
} from '@paved/action-runner';
import type { Scalar } from '../workflow/model.js';

export type { ExpressionContext, JobStatus };

/** Where an expression sits, so an evaluation error points at it. */
export type Where = string;

const WHOLE_EXPRESSION = /^\s*\$\{\{((?:(?!\}\}).)*)\}\}\s*$/s;

function explain(where: Where, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`${where}: ${message}`);
}

/** A string with `${{ }}` parts substituted; YAML numbers and booleans as their text. */
export function evaluateString(
  value: Scalar | undefined,
  context: ExpressionContext,
  functions: FunctionDefinition[],
  where: Where,
): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return String(value);
  try {
    return evaluateTemplate(value, context, 'success', functions);
  } catch (error) {
    throw explain(where, error);
  }
}

/**
 * A value that keeps its type when it is one whole expression, as `with:` of a reusable
 * workflow call needs: `${{ inputs.flag }}` stays a boolean.
 */
export function evaluateValue(
  value: Scalar | undefined,
  context: ExpressionContext,
  functions: FunctionDefinition[],
  where: Where,
): string | number | boolean {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return value;
  const whole = WHOLE_EXPRESSION.exec(value);
  if (!whole) return evaluateString(value, context, functions, where);
  try {
    const result = evaluateExpression((whole[1] ?? '').trim(), context, 'success', functions);
    if (result.kind === data.Kind.Boolean) return (result as data.BooleanData).value;
    if (result.kind === data.Kind.Number) return (result as data.NumberData).value;
    return result.coerceString();
  } catch (error) {
    throw explain(where, error);
  }
}

export function evaluateStrings(
  values: Record<string, Scalar> | undefined,
  context: ExpressionContext,
  functions: FunctionDefinition[],
  where: Where,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([key, value]) => [
      key,
      evaluateString(value, context, functions, `${where}.${key}`),
    ]),
  );
}

/** An `if:`; without a status function it means `success() && (...)`, as on GitHub. */
export function evaluateIf(
  condition: Scalar | undefined,
  context: ExpressionContext,
  status: JobStatus,
  functions: FunctionDefinition[],
  where: Where,
): boolean {
  const text = condition === undefined || condition === null ? undefined : String(condition);
  try {
    return evaluateCondition(text, context, status, functions);
  } catch (error) {
    throw explain(`${where} if`, error);
  }
}

/** `continue-on-error` and similar flags: a boolean or an expression. */
export function evaluateFlag(
  value: Scalar | undefined,
  context: ExpressionContext,
  functions: FunctionDefinition[],
  where: Where,
): boolean {
  const result = evaluateValue(value ?? false, context, functions, where);
  return result === true || result === 'true';
}
