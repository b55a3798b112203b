import type { Scalar, WorkflowInputDefinition } from '../workflow/model.js';

export type InputValue = string | number | boolean;

/**
 * Checks given inputs against a workflow's `workflow_dispatch` or `workflow_call` inputs and
 * returns the `inputs` context: defaults filled in, booleans and numbers typed as GitHub does.
 */
export function resolveInputs(
  definitions: Record<string, WorkflowInputDefinition | null> | undefined,
  given: Record<string, Scalar | undefined>,
  how: { where: string; hint: (name: string) => string },
): Record<string, InputValue> {
  const declared = definitions ?? {};
  const unknown = Object.keys(given).filter((name) => !(name in declared));
  if (unknown.length > 0) {
    const known = Object.keys(declared).join(', ') || 'none';
    throw new Error(`${how.where} does not declare the input ${unknown.join(', ')} (it declares: ${known}).`);
  }
  const inputs: Record<string, InputValue> = {};
  for (const [name, definition] of Object.entries(declared)) {
    const spec = definition ?? {};
    const raw = given[name] ?? spec.default ?? undefined;
    if ((raw === undefined || raw === null || raw === '') && spec.required && given[name] === undefined) {
      throw new Error(`${how.where} requires the input '${name}': ${how.hint(name)}`);
    }
    inputs[name] = typed(name, spec, raw, how.where);
  }
  return inputs;
}

function typed(name: string, spec: WorkflowInputDefinition, raw: Scalar | undefined, where: string): InputValue {
  switch (spec.type) {
    case 'boolean': {
      if (raw === undefined || raw === null || raw === '') return false;
      if (raw === true || raw === 'true') return true;
      if (raw === false || raw === 'false') return false;
      throw new Error(`${where}: input '${name}' is a boolean; give true or false, not '${String(raw)}'.`);
    }
    case 'number': {
      if (raw === undefined || raw === null || raw === '') return 0;
      const value = Number(raw);
      if (Number.isNaN(value)) throw new Error(`${where}: input '${name}' is a number, not '${String(raw)}'.`);
      return value;
    }
    case 'choice': {
      const value = raw === undefined || raw === null ? '' : String(raw);
      const options = spec.options ?? [];
      if (value !== '' && !options.includes(value)) {
        throw new Error(`${where}: input '${name}' must be one of ${options.join(', ')}; got '${value}'.`);
      }
      return value;
    }
    default:
      return raw === undefined || raw === null ? '' : String(raw);
  }
}
