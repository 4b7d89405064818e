import type { z } from 'zod';
import { COMMANDS } from './definitions';
import type { CommandContext, CommandId } from './types';

export interface FieldError {
  field: string;
  message: string;
}

export type ValidationResult =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; errors: FieldError[] };

function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.length > 0 ? String(i.path[0]) : '', message: i.message }));
}

/** Validates resolved values for a command; unknown keys are dropped. */
export function validateCommand(id: CommandId, values: unknown, ctx: CommandContext): ValidationResult {
  const parsed = COMMANDS[id].schema(ctx).safeParse(values ?? {});
  return parsed.success ? { ok: true, values: parsed.data } : { ok: false, errors: toFieldErrors(parsed.error) };
}
