import type { z } from 'zod';
import { COMMAND_REGISTRY, type CommandParams } from './definitions';
import type { CommandContext, CommandId, ParamsSchema } from './types';

export interface FieldError {
  field: string;
  message: string;
}

export type ValidationResult<Values = Record<string, unknown>> =
  { ok: true; values: Values } | { ok: false; errors: FieldError[] };

function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({
    field: i.path.length > 0 ? String(i.path[0]) : '',
    message: i.message,
  }));
}

// Building a schema costs far more than parsing with it (hundreds of µs for Create Message, and
// zod compiles a new object schema on its first parse), so the schema of a command that does not
// read the context is built once and kept; Schedule Message checks Send At against each call's time.
const kept = new Map<CommandId, ParamsSchema<unknown>>();

function schemaFor<C extends CommandId>(
  id: C,
  ctx: CommandContext,
): ParamsSchema<CommandParams<C>> {
  const definition = COMMAND_REGISTRY[id];
  if (definition.readsContext) return definition.schema(ctx);
  let schema = kept.get(id) as ParamsSchema<CommandParams<C>> | undefined;
  if (!schema) {
    schema = definition.schema(ctx);
    kept.set(id, schema);
  }
  return schema;
}

/** Validates resolved values for a command; unknown keys are dropped. */
export function validateCommand<C extends CommandId>(
  id: C,
  values: unknown,
  ctx: CommandContext,
): ValidationResult<CommandParams<C>> {
  const parsed = schemaFor(id, ctx).safeParse(values ?? {});
  return parsed.success
    ? { ok: true, values: parsed.data }
    : { ok: false, errors: toFieldErrors(parsed.error) };
}
