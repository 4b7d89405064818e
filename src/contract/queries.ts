import { z } from 'zod';
import type { Versioned } from './versions';
import { COMMAND_IDS } from './commands/types';
import { reachableName } from './names';

// The saved-query API's shapes. A query's name is an identifier because bindings refer to it:
// {{ListMessages.data.messages}}.

export const QUERY_NAME_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export const queryNameSchema = reachableName(
  z
    .string({ message: 'Name is required' })
    .trim()
    .min(1, 'Name is required')
    .max(64, 'Name must be 64 characters or fewer')
    .regex(
      QUERY_NAME_PATTERN,
      'Name must start with a letter or _ and hold only letters, digits and _ (it is used in {{ }} bindings)',
    ),
);

export const DEFAULT_TIMEOUT_MS = 15_000;
export const MAX_TIMEOUT_MS = 60_000;

const settingsFields = {
  runOnPageLoad: z.boolean({ message: 'runOnPageLoad must be true or false' }),
  confirmBeforeRun: z.boolean({ message: 'confirmBeforeRun must be true or false' }),
  timeoutMs: z
    .number({ message: 'timeoutMs must be a number of milliseconds' })
    .int('timeoutMs must be a whole number of milliseconds')
    .min(1000, 'timeoutMs must be at least 1000 (1 second)')
    .max(MAX_TIMEOUT_MS, `timeoutMs must be at most ${MAX_TIMEOUT_MS} (60 seconds)`),
};

export const querySettingsSchema = z.strictObject({
  runOnPageLoad: settingsFields.runOnPageLoad.default(false),
  confirmBeforeRun: settingsFields.confirmBeforeRun.default(false),
  timeoutMs: settingsFields.timeoutMs.default(DEFAULT_TIMEOUT_MS),
});
export type QuerySettings = z.infer<typeof querySettingsSchema>;

/** Field texts as typed, bindings included: strings, or lists of strings for multi-value fields. */
export const queryParamsSchema = z.record(
  z.string().max(64),
  z.union([
    z.string().max(10_000),
    z.array(z.string().max(4000)).max(50),
    z.number(),
    z.boolean(),
    z.null(),
  ]),
  { message: 'params must be an object of field texts' },
);

const commandSchema = z.enum(COMMAND_IDS, {
  message: `command must be one of ${COMMAND_IDS.join(', ')}`,
});

export const queryInputSchema = z.strictObject({
  name: queryNameSchema,
  datasourceId: z
    .string({ message: 'datasourceId is required' })
    .min(1, 'datasourceId is required'),
  command: commandSchema,
  params: queryParamsSchema.default({}),
  settings: querySettingsSchema.default({
    runOnPageLoad: false,
    confirmBeforeRun: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
  }),
});
export type QueryInput = z.infer<typeof queryInputSchema>;

export const queryPatchSchema = z.strictObject({
  name: queryNameSchema.optional(),
  datasourceId: z.string().min(1).optional(),
  command: commandSchema.optional(),
  params: queryParamsSchema.optional(),
  // No defaults here: a settings field left out of a PATCH keeps its saved value.
  settings: z.strictObject(settingsFields).partial().optional(),
});
export type QueryPatch = z.infer<typeof queryPatchSchema>;

export interface SavedQuery extends Versioned {
  id: string;
  name: string;
  datasourceId: string;
  command: (typeof COMMAND_IDS)[number];
  params: Record<string, unknown>;
  settings: QuerySettings;
  createdAt: string;
  updatedAt: string;
}

export const executeRequestSchema = z.strictObject({
  command: commandSchema,
  params: z.record(z.string(), z.unknown(), { message: 'params must be an object' }).default({}),
  timeoutMs: settingsFields.timeoutMs.optional(),
});

/**
 * POST /api/queries/:id/run: the resolved values of the saved query's fields, by field name. The
 * server takes the datasource, command and timeout from the saved query.
 */
export const queryRunRequestSchema = z.strictObject({
  params: z.record(z.string(), z.unknown(), { message: 'params must be an object' }).default({}),
});

/** What POST /api/datasources/:id/execute (and /api/queries/:id/run) answers when the call reached Twilio. */
export interface ExecuteResult {
  ok: boolean;
  status: number;
  durationMs: number;
  request: { method: string; path: string; params: Record<string, unknown> };
  data?: unknown;
  error?: { code: number | null; message: string; moreInfo: string | null };
}
