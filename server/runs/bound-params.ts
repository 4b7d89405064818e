import { evaluateTemplate, scanTemplate } from '../../src/bindings';
import { COMMANDS } from '../../src/contract/commands/definitions';
import { resolveParams, type TextResolver } from '../../src/contract/commands/resolve-params';
import type { CommandId } from '../../src/contract/commands/types';
import { HttpError } from '../http-errors';

// A saved query run from the app (POST /api/queries/:id/run): the browser resolves the {{ }}
// bindings and sends the values. A field whose saved text holds no binding is fixed by the
// builder; the server resolves it exactly as the browser does, and a submitted value must equal
// it. So an operator changes only what the builder bound to widgets.

/** Whether a saved field text holds a {{ }} binding (and so takes its value from the page). */
function isBound(text: unknown): boolean {
  return (
    typeof text === 'string' &&
    scanTemplate(text).segments.some((segment) => segment.kind === 'binding')
  );
}

/** The browser's resolver on a text without bindings: no scope is read. */
const resolveFixed: TextResolver = (text) => {
  const result = evaluateTemplate(text, {});
  const first = result.errors[0];
  return first ? { value: undefined, error: first.message } : { value: result.value };
};

/**
 * Not given: the browser's resolveParams leaves an empty field out, and the commands' schemas
 * read an empty text as not given. A switch is the exception: its "on" is the empty string.
 */
const absent = (v: unknown) => v === undefined || v === null || v === '';

function sameValue(a: unknown, b: unknown): boolean {
  if (absent(a) || absent(b)) return absent(a) && absent(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameValue(item, b[i]))
    );
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) =>
      sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    );
  }
  return Object.is(a, b);
}

export class FieldNotBoundError extends HttpError {
  constructor(label: string, field: string) {
    super(
      403,
      'field_not_bound',
      `${label} is not bound to the app: its saved value is fixed, so it cannot be changed when the query runs`,
      field,
    );
  }
}

/**
 * The values to run a saved query with: the submitted ones for bound fields, the saved ones for
 * fixed fields. A submitted value that differs from a fixed one, or names no field of the
 * command, is refused with 403 field_not_bound.
 */
export function boundParams(
  query: { command: CommandId; params: Record<string, unknown> },
  submitted: Record<string, unknown>,
): Record<string, unknown> {
  const { fields } = COMMANDS[query.command];
  const fixedFields = fields.filter((f) => !isBound(query.params[f.name]));
  const fixed = resolveParams(fixedFields, query.params, resolveFixed);
  const error = fixed.errors[0];
  if (error) throw new HttpError(400, 'invalid_params', error.message, error.field);

  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(submitted)) {
    const field = byName.get(name);
    if (!field) {
      if (absent(value)) continue;
      throw new FieldNotBoundError(name, name);
    }
    if (!fixedFields.includes(field)) continue;
    const same =
      field.kind === 'redact'
        ? (value ?? undefined) === fixed.values[name]
        : sameValue(value, fixed.values[name]);
    if (!same) throw new FieldNotBoundError(field.label, name);
  }
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const value = fixedFields.includes(field) ? fixed.values[field.name] : submitted[field.name];
    if (value !== undefined) values[field.name] = value;
  }
  return values;
}
