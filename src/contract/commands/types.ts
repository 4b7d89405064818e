import type { z } from 'zod';
import { COMMAND_LABELS } from './labels';

export type CommandId = keyof typeof COMMAND_LABELS;

// Object.keys types its answer as string[]; the keys of COMMAND_LABELS are exactly the ids.
export const COMMAND_IDS = Object.keys(COMMAND_LABELS) as readonly CommandId[];

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && (COMMAND_IDS as readonly string[]).includes(value);
}

export type FieldKind =
  | 'address'
  | 'sid'
  | 'text'
  | 'multiline'
  | 'datetime'
  | 'date'
  | 'number'
  | 'url'
  | 'url-list'
  | 'select'
  /** A switch whose "on" sends the empty string: Update Message's Body, which only redacts. */
  | 'redact';

/** How the form shows a param; its name and whether it is required come from the command's schema. */
export interface FieldSpec {
  /** The label as Twilio names the field. */
  label: string;
  help: string;
  kind: FieldKind;
  placeholder?: string;
  options?: { value: string; label: string }[];
}

export interface FieldDefinition<Name extends string = string> extends FieldSpec {
  /** The resolved value's key in params (camelCase); Twilio's wire name lives only on the server. */
  name: Name;
  required: boolean;
}

/** What validation needs to know besides the values: the time, and the scheduling window's lower bound. */
export interface CommandContext {
  now: number;
  scheduleMinSeconds: number;
}

/** What code that runs a command needs of its schema: parsing resolved values into its params. */
export interface ParamsSchema<Params> {
  safeParse(input: unknown): z.ZodSafeParseResult<Params>;
}

export interface CommandDefinition<
  Id extends CommandId = CommandId,
  Params = Record<string, unknown>,
> {
  id: Id;
  /** The name in the Commands dropdown. */
  label: string;
  description: string;
  /** A send creates a message: it is never retried on its own. */
  sends: boolean;
  /** The form's fields in order: the params a person fills in, named as in the schema. */
  fields: FieldDefinition[];
  /** Whether the schema reads the context (the time); if not, one schema serves every call. */
  readsContext: boolean;
  /** The schema of the resolved values, which the UI and the server both apply; a new one per call. */
  schema(ctx: CommandContext): ParamsSchema<Params>;
}
