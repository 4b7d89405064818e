// Twilio's rules as its documentation states them, the emulator's own copy. The emulator stands in
// for Twilio, so it must not share the app's copy (src/contract/twilio-limits.ts and its readers):
// if it did, a mistake in our forms would pass our tests. tests/helpers/twilio-doc-cases.ts holds
// both copies to one table of documented cases; each may be fixed without the other.

/** Body: at most 1600 characters (21617). */
export const MAX_BODY_CHARACTERS = 1600;
/** MediaUrl: at most 10 per message (21623). */
export const MAX_MEDIA_URLS = 10;
/** SendAt: at least 15 minutes ahead (configurable here, as accounts differ) ... */
export const DEFAULT_SCHEDULE_MIN_SECONDS = 900;
/** ... and at most 35 days (35114). */
export const SCHEDULE_MAX_DAYS = 35;
export const SCHEDULE_MAX_SECONDS = SCHEDULE_MAX_DAYS * 24 * 60 * 60;
/** PageSize: Twilio's default, and its maximum (20007). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
/** StatusCallback: at most 4000 characters. */
export const MAX_CALLBACK_URL_LENGTH = 4000;

// Addresses: an E.164 number (a plus, a country code that does not start with 0, at most 15
// digits), or the same behind `whatsapp:` for the WhatsApp channel.

export type Channel = 'sms' | 'whatsapp';
export interface Address {
  channel: Channel;
  number: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const WHATSAPP = 'whatsapp:';

export function parseAddress(value: string): Address | null {
  const whatsapp = value.startsWith(WHATSAPP);
  const number = whatsapp ? value.slice(WHATSAPP.length) : value;
  return E164.test(number) ? { channel: whatsapp ? 'whatsapp' : 'sms', number } : null;
}

// SIDs: a two-letter prefix and 32 hex digits, either case.

const sid = (prefix: string) => new RegExp(`^(?:${prefix})[0-9a-fA-F]{32}$`);

export const SID_PATTERNS = {
  account: sid('AC'),
  apiKey: sid('SK'),
  message: sid('SM|MM'),
  messagingService: sid('MG'),
} as const;

// Segments, as Twilio's message-segment-calculator counts them: GSM-7 when every character is in
// the GSM 03.38 basic or extension table (an extension character takes two septets), UCS-2 (UTF-16
// code units) otherwise. One segment holds 160 septets or 70 units; once a message needs more,
// each segment loses room to the concatenation header and holds 153 or 67, and a character (a
// whole grapheme, such as an emoji with its skin tone) never straddles two segments.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const SEGMENT_SIZE = {
  'GSM-7': { single: 160, concatenated: 153 },
  'UCS-2': { single: 70, concatenated: 67 },
} as const;

export type Encoding = keyof typeof SEGMENT_SIZE;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function countSegments(body: string): { encoding: Encoding; segments: number } {
  const chars = Array.from(body);
  const encoding: Encoding = chars.every((c) => GSM_BASIC.includes(c) || GSM_EXTENSION.includes(c))
    ? 'GSM-7'
    : 'UCS-2';
  const size = (text: string) =>
    encoding === 'UCS-2'
      ? text.length
      : Array.from(text).reduce((n, c) => n + (GSM_EXTENSION.includes(c) ? 2 : 1), 0);
  const total = size(body);
  if (total === 0) return { encoding, segments: 0 };
  if (total <= SEGMENT_SIZE[encoding].single) return { encoding, segments: 1 };
  const room = SEGMENT_SIZE[encoding].concatenated;
  let segments = 1;
  let used = 0;
  for (const { segment } of graphemes.segment(body)) {
    const n = size(segment);
    if (used + n > room) {
      segments += 1;
      used = 0;
    }
    used += n;
  }
  return { encoding, segments };
}

// Content limits.

export function bodyWithinLimit(body: string): boolean {
  return Array.from(body).length <= MAX_BODY_CHARACTERS;
}

export function mediaCountWithinLimit(count: number): boolean {
  return count <= MAX_MEDIA_URLS;
}

// URLs: Twilio fetches media and posts callbacks over http(s) only; a callback's host may not hold
// an underscore.

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function isStatusCallbackUrl(value: string): boolean {
  return (
    value.length <= MAX_CALLBACK_URL_LENGTH &&
    isHttpUrl(value) &&
    !new URL(value).hostname.includes('_')
  );
}

// Scheduling: SendAt is ISO 8601 with a zone, at least the minimum lead and at most 35 days ahead.

const ISO_8601_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The send time in epoch ms, or null when it is malformed or outside the window. */
export function parseSendAt(value: string, now: number, minSeconds: number): number | null {
  const at = ISO_8601_WITH_ZONE.test(value) ? Date.parse(value) : NaN;
  const lead = (at - now) / 1000;
  return Number.isNaN(at) || lead < minSeconds || lead > SCHEDULE_MAX_SECONDS ? null : at;
}

// Paging.

/** PageSize as Twilio reads it: a whole number from 1; above the maximum is its own error. */
export function readPageSize(raw: string): number | 'invalid' | 'too-large' {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return 'invalid';
  return Number(raw) > MAX_PAGE_SIZE ? 'too-large' : Number(raw);
}
