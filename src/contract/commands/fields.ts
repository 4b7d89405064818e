import { z } from 'zod';
import { parseAddress } from '../addresses';
import { SID_PATTERNS } from '../sids';
import {
  MAX_BODY_CHARACTERS,
  MAX_MEDIA_URLS,
  MAX_PAGE_SIZE,
  MAX_URL_LENGTH,
} from '../twilio-limits';

// Field-level rules of the command contract: what Twilio accepts for each kind of value, with
// messages that say what is wrong and how to write it instead.

/** An optional text field: a form's empty string counts as not given. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const trimmed = z.string().trim();

/** A string that, when missing, reads "<label> is required" rather than zod's "expected string". */
export const requiredString = (label: string, invalid: string) =>
  z.string({
    error: (issue) =>
      issue.input === undefined || issue.input === null ? `${label} is required` : invalid,
  });

export const addressField = (label: string) => {
  const format = `${label} must be an E.164 number such as +15558675310, or whatsapp:+15558675310`;
  return requiredString(label, format)
    .trim()
    .min(1, `${label} is required`)
    .refine((v) => parseAddress(v) !== null, { message: format });
};

export const sidField = (kind: keyof typeof SID_PATTERNS, label: string, example: string) => {
  const format = `${label} must look like ${example} (2 letters and 32 hex digits)`;
  return requiredString(label, format)
    .trim()
    .min(1, `${label} is required`)
    .regex(SID_PATTERNS[kind], format);
};

export const accountSidField = optional(
  sidField('account', 'Twilio Account SID', 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'),
);

export const messageSidField = sidField(
  'message',
  'Message SID',
  'SMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
);

export const messagingServiceSidField = sidField(
  'messagingService',
  'Messaging Service SID',
  'MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
);

export const httpUrlField = (label: string) =>
  trimmed.max(MAX_URL_LENGTH, `${label} must be ${MAX_URL_LENGTH} characters or fewer`).refine(
    (v) => {
      try {
        const url = new URL(v);
        return (
          (url.protocol === 'http:' || url.protocol === 'https:') &&
          url.hostname !== '' &&
          !url.hostname.includes('_')
        );
      } catch {
        return false;
      }
    },
    {
      message: `${label} must be a full http:// or https:// URL, such as https://example.com/status`,
    },
  );

export const bodyField = z.string().refine((v) => Array.from(v).length <= MAX_BODY_CHARACTERS, {
  message: `Body must be ${MAX_BODY_CHARACTERS} characters or fewer (Twilio error 21617)`,
});

/** Media URLs: an array, or one URL per line / comma-separated text as typed into a field. */
export const mediaUrlField = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[\n,]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z
    .array(httpUrlField('Media URL'))
    .max(MAX_MEDIA_URLS, `Media URL takes at most ${MAX_MEDIA_URLS} URLs`),
);

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export const dateField = (label: string) =>
  trimmed.refine(
    (v) => {
      const m = DATE_ONLY.exec(v);
      if (!m) return false;
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
    },
    { message: `${label} must be a date as YYYY-MM-DD, for example 2024-01-31` },
  );

export const pageSizeField = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
  z
    .number({ message: `PageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
    .int(`PageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .min(1, 'PageSize must be at least 1')
    .max(MAX_PAGE_SIZE, `PageSize must be ${MAX_PAGE_SIZE} or less (Twilio error 20007)`),
);

/** Same channel on both ends: WhatsApp to WhatsApp, SMS to SMS (Twilio error 21910). */
export function sameChannel(to: string | undefined, from: string | undefined): boolean {
  if (!to || !from) return true;
  return parseAddress(to)?.channel === parseAddress(from)?.channel;
}
