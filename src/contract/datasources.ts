import { z } from 'zod';
import type { Versioned } from './versions';
import { SID_PATTERNS } from './sids';

// The datasource API's shapes, shared by the wizard and the server.

export const AUTH_TYPES = ['basic', 'api-key'] as const;
export const TARGETS = ['twilio', 'emulator'] as const;

export const authTypeSchema = z.enum(AUTH_TYPES, {
  message: "authType must be 'basic' or 'api-key'",
});
export const targetSchema = z.enum(TARGETS, { message: "target must be 'twilio' or 'emulator'" });
/** How a datasource signs in: the Account SID and Auth Token, or an API key's SID and secret. */
export type AuthType = z.infer<typeof authTypeSchema>;
/** Where a datasource connects: Twilio, or the built-in emulator. */
export type Target = z.infer<typeof targetSchema>;

const text = (label: string, max: number) =>
  z
    .string({ message: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be ${max} characters or fewer`);

export const datasourceNameSchema = text('Name', 100);
export const accountSidSchema = z
  .string({ message: 'Account SID is required' })
  .trim()
  .regex(
    SID_PATTERNS.account,
    'Account SID must be AC followed by 32 hex digits; find it on the Twilio Console home page',
  );
export const authTokenSchema = z
  .string({ message: 'Auth Token is required' })
  .trim()
  .regex(
    /^[0-9a-fA-F]{32}$/,
    'Auth Token must be 32 hex digits; find it under Account Info in the Twilio Console',
  );
export const apiKeySidSchema = z
  .string({ message: 'API Key SID is required' })
  .trim()
  .regex(
    SID_PATTERNS.apiKey,
    'API Key SID must be SK followed by 32 hex digits (Console > Account > API keys & tokens)',
  );
export const apiKeySecretSchema = z
  .string({ message: 'API Key Secret is required' })
  .trim()
  .regex(
    /^[A-Za-z0-9]{16,128}$/,
    'API Key Secret must be the letters and digits shown once when the key was created',
  );

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const maybe = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

const fields = {
  name: datasourceNameSchema,
  authType: authTypeSchema,
  target: targetSchema,
  accountSid: maybe(accountSidSchema),
  authToken: maybe(authTokenSchema),
  apiKeySid: maybe(apiKeySidSchema),
  apiKeySecret: maybe(apiKeySecretSchema),
};

/** A new datasource, or one to test before it is saved. */
export const datasourceInputSchema = z.strictObject({
  ...fields,
  authType: fields.authType.default('basic'),
  target: fields.target.default('twilio'),
});
export type DatasourceInput = z.infer<typeof datasourceInputSchema>;

/** A change to a datasource: any field; a secret left out keeps the saved one. */
export const datasourcePatchSchema = z.strictObject({
  name: fields.name.optional(),
  authType: fields.authType.optional(),
  target: fields.target.optional(),
  accountSid: fields.accountSid,
  authToken: fields.authToken,
  apiKeySid: fields.apiKeySid,
  apiKeySecret: fields.apiKeySecret,
});
export type DatasourcePatch = z.infer<typeof datasourcePatchSchema>;

const need = <T extends z.ZodType>(schema: T, needed: boolean) =>
  needed ? schema : schema.optional();

/** The variants of one way of signing in: Twilio needs what `shape(true)` asks; the emulator less. */
const byTarget = <A extends AuthType, S extends z.ZodRawShape>(
  authType: A,
  shape: (twilio: boolean) => S,
) =>
  z.discriminatedUnion('target', [
    z.object({ target: z.literal('twilio'), authType: z.literal(authType), ...shape(true) }),
    z.object({ target: z.literal('emulator'), authType: z.literal(authType), ...shape(false) }),
  ]);

const connectionSchema = (secretSaved: boolean) =>
  z.discriminatedUnion('authType', [
    byTarget('basic', (twilio) => ({
      accountSid: need(accountSidSchema, twilio),
      authToken: need(authTokenSchema, twilio && !secretSaved),
    })),
    byTarget('api-key', (twilio) => ({
      accountSid: need(accountSidSchema, twilio),
      apiKeySid: need(apiKeySidSchema, twilio),
      apiKeySecret: need(apiKeySecretSchema, twilio && !secretSaved),
    })),
  ]);

const connectionSchemas = { unsaved: connectionSchema(false), saved: connectionSchema(true) };

/**
 * What a complete datasource is, by where it connects and how it signs in: Twilio needs the
 * Account SID, for an API key its SID, and the secret unless one is saved (and still fits); the
 * built-in emulator supplies whatever is left out. A value that is given is checked either way.
 * Values left out are undefined; fields of the other way of signing in are ignored.
 */
export const datasourceConnectionSchema = (secretSaved: boolean) =>
  secretSaved ? connectionSchemas.saved : connectionSchemas.unsaved;
export type DatasourceConnection = z.infer<ReturnType<typeof datasourceConnectionSchema>>;

/** A datasource as the API returns it: never a secret, only whether one is held. */
export interface Datasource extends Versioned {
  id: string;
  name: string;
  authType: AuthType;
  accountSid: string;
  apiKeySid?: string;
  target: Target;
  hasSecret: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TestResult {
  ok: boolean;
  account?: {
    sid: string;
    friendlyName: string | null;
    status: string | null;
    type: string | null;
  };
  /** On a trial account only verified caller IDs can receive messages. */
  verifiedCallerIds?: string[];
  note?: string;
  error?: { code: number | string; message: string; moreInfo?: string | null; status?: number };
}
