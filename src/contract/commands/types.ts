import type { z } from 'zod';

export const COMMAND_IDS = [
  'create-message',
  'schedule-message',
  'list-messages',
  'fetch-message',
  'delete-message',
  'update-message',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

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

export interface FieldDefinition {
  /** The resolved value's key in params (camelCase); Twilio's wire name lives only on the server. */
  name: string;
  /** The label as Twilio names the field. */
  label: string;
  help: string;
  kind: FieldKind;
  required: boolean;
  placeholder?: string;
  options?: { value: string; label: string }[];
}

/** What validation needs to know besides the values: the time, and the scheduling window's lower bound. */
export interface CommandContext {
  now: number;
  scheduleMinSeconds: number;
}

export interface CommandDefinition {
  id: CommandId;
  /** The name in the Commands dropdown. */
  label: string;
  description: string;
  /** A send creates a message: it is never retried on its own. */
  sends: boolean;
  fields: FieldDefinition[];
  /** The schema of the resolved values, which the UI and the server both apply. */
  schema(ctx: CommandContext): z.ZodType<Record<string, unknown>>;
}
