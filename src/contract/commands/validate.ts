import type { z } from 'zod';
import { COMMANDS } from './definitions';
import type { CommandContext, CommandId } from './types';

export interface FieldError {
  field: string;
  message: string;
}

export type ValidationResult =
  { ok: true; values: Record<string, unknown> } | { ok: false; errors: FieldError[] };

function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({
    field: i.path.length > 0 ? String(i.path[0]) : '',
    message: i.message,
  }));
}

// A command's schema comes from a factory that may read the context (Schedule Message checks Send
// At against the time). Building a schema costs far more than parsing with it (hundreds of µs for
// Create Message, and zod compiles a new object schema on its first parse), so a factory declared
// without a parameter, which cannot read the context, is called once and its schema kept.
const contextFree = new Map<CommandId, z.ZodType<Record<string, unknown>>>();

function schemaFor(id: CommandId, ctx: CommandContext): z.ZodType<Record<string, unknown>> {
  const factory = COMMANDS[id].schema;
  if (factory.length > 0) return factory(ctx);
  let schema = contextFree.get(id);
  if (!schema) {
    schema = factory(ctx);
    contextFree.set(id, schema);
  }
  return schema;
}

/** Validates resolved values for a command; unknown keys are dropped. */
export function validateCommand(
  id: CommandId,
  values: unknown,
  ctx: CommandContext,
): ValidationResult {
  const parsed = schemaFor(id, ctx).safeParse(values ?? {});
  return parsed.success
    ? { ok: true, values: parsed.data }
    : { ok: false, errors: toFieldErrors(parsed.error) };
}
