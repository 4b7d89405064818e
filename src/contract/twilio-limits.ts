// Twilio's limits as the app applies them in its forms and its relay: the one place in src/ that
// states them. The emulator keeps its own copy (server/emulator/twilio-rules.ts), and
// tests/helpers/twilio-doc-cases.ts holds both to the cases Twilio documents.

/** Body: at most 1600 characters (Twilio error 21617). */
export const MAX_BODY_CHARACTERS = 1600;
/** MediaUrl: at most 10 per message (21623). */
export const MAX_MEDIA_URLS = 10;
/** A URL Twilio is given (StatusCallback, MediaUrl): at most 4000 characters. */
export const MAX_URL_LENGTH = 4000;

/** SendAt: by default at least 15 minutes ahead (an emulator may be configured otherwise)... */
export const DEFAULT_SCHEDULE_MIN_SECONDS = 900;
/** ... and at most 35 days ahead (35114). */
export const SCHEDULE_MAX_DAYS = 35;
export const SCHEDULE_MAX_SECONDS = SCHEDULE_MAX_DAYS * 24 * 60 * 60;

/** PageSize: what Twilio sends when none is given, and the most it accepts (20007). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/**
 * Code units an SMS segment holds (septets for GSM-7, UTF-16 units for UCS-2): one segment alone,
 * or each part of a concatenated message, which loses room to the concatenation header.
 */
export const SEGMENT_UNITS = {
  single: { 'GSM-7': 160, 'UCS-2': 70 },
  concatenated: { 'GSM-7': 153, 'UCS-2': 67 },
} as const;
