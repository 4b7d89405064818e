import { z } from 'zod';
import { SID_PATTERNS } from './sids';

// The datasource API's shapes, shared by the wizard and the server.

export const AUTH_TYPES = ['basic', 'api-key'] as const;
export const TARGETS = ['twilio', 'emulator'] as const;

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
  authType: z.enum(AUTH_TYPES, { message: "authType must be 'basic' or 'api-key'" }),
  target: z.enum(TARGETS, { message: "target must be 'twilio' or 'emulator'" }),
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

/** A datasource as the API returns it: never a secret, only whether one is held. */
export interface Datasource {
  id: string;
  name: string;
  authType: (typeof AUTH_TYPES)[number];
  accountSid: string;
  apiKeySid?: string;
  target: (typeof TARGETS)[number];
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
