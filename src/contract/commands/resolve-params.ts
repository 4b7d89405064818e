import type { FieldDefinition } from './types';

// From what the form holds (texts, switches) to the values a command takes. Every text goes
// through `resolveText`, which is where {{ }} bindings are evaluated; a field that is exactly one
// binding may resolve to a number or an array.

export type RawParams = Record<string, unknown>;

/** Evaluates a field's text; an error may say where in the text it is (offsets, 0-based). */
export type TextResolver = (
  text: string,
  field: string,
) => { value: unknown; error?: string; position?: number; end?: number };

export const plainText: TextResolver = (text) => ({ value: text });

export interface ResolvedParams {
  values: Record<string, unknown>;
  errors: { field: string; message: string }[];
}

export function resolveParams(
  fields: FieldDefinition[],
  raw: RawParams,
  resolveText: TextResolver = plainText,
): ResolvedParams {
  const values: Record<string, unknown> = {};
  const errors: ResolvedParams['errors'] = [];
  for (const field of fields) {
    const input = raw[field.name];
    if (field.kind === 'redact') {
      if (input === true) values[field.name] = '';
      continue;
    }
    if (typeof input !== 'string' || input.trim() === '') continue;
    const { value, error } = resolveText(input, field.name);
    if (error) {
      errors.push({ field: field.name, message: error });
      continue;
    }
    if (field.kind === 'url-list' && typeof value === 'string') {
      values[field.name] = value
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (typeof value === 'string' && field.kind !== 'multiline') {
      values[field.name] = value.trim();
    } else {
      values[field.name] = value;
    }
  }
  return { values, errors };
}
