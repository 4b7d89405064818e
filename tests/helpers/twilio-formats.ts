// Twilio's custom OpenAPI formats (twilio_api_v2010.json), implemented from what Twilio sends, so
// that contract tests check them instead of ignoring them as unknown.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC_2822 = new RegExp(
  `^(${DAYS.join('|')}), (\\d{2}) (${MONTHS.join('|')}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) ([+-])(\\d{2})(\\d{2})$`,
);

/**
 * Twilio's RFC 2822 dates, exactly as Twilio writes them: 'Thu, 24 Aug 2023 05:01:45 +0000'.
 * The text must match the layout, Date.parse must accept it, and the fields must name a real
 * instant (no 31 Feb, no 25:00, a weekday that fits the date).
 */
export function isRfc2822DateTime(value: string): boolean {
  const m = RFC_2822.exec(value);
  if (!m) return false;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  const [, day, date, month, year, hh, mm, ss, sign, offH, offM] = m;
  if (Number(offM) > 59) return false;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
  const local = new Date(ms + offsetMinutes * 60_000);
  return (
    local.getUTCFullYear() === Number(year) &&
    MONTHS[local.getUTCMonth()] === month &&
    local.getUTCDate() === Number(date) &&
    local.getUTCHours() === Number(hh) &&
    local.getUTCMinutes() === Number(mm) &&
    local.getUTCSeconds() === Number(ss) &&
    DAYS[local.getUTCDay()] === day
  );
}

/** E.164 (+ then up to 15 digits, no leading 0), optionally behind a channel prefix such as whatsapp:. */
export const PHONE_NUMBER_PATTERN = /^(?:whatsapp:)?\+[1-9]\d{1,14}$/;
const RELATIVE_TWILIO_URI = /^\/[^\s]*$/;

/** Twilio's string formats, as Ajv formats. */
export const STRING_FORMATS: Record<string, (value: string) => boolean> = {
  'date-time-rfc-2822': isRfc2822DateTime,
  'phone-number': (v) => PHONE_NUMBER_PATTERN.test(v),
  currency: (v) => /^[A-Z]{3}$/.test(v),
  'http-method': (v) => /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(v),
  'iso-country-code': (v) => /^[A-Z]{2}$/.test(v),
};

/** Twilio's object formats. Ajv's `format` keyword only looks at strings, so these run as a keyword. */
export const OBJECT_FORMATS: Record<string, (value: Record<string, unknown>) => boolean> = {
  // subresource_uris: names to paths relative to the API host, e.g. { media: '/2010-04-01/…/Media.json' }
  'uri-map': (v) =>
    Object.values(v).every((u) => typeof u === 'string' && RELATIVE_TWILIO_URI.test(u)),
  // capabilities: { voice, sms, mms, fax } flags
  'phone-number-capabilities': (v) => Object.values(v).every((f) => typeof f === 'boolean'),
};

/** Formats that come with ajv-formats (full mode) and are used by this spec. */
const AJV_FORMATS = ['uri', 'uri-reference', 'date', 'date-time', 'int64'];

export function isKnownFormat(format: string): boolean {
  return format in STRING_FORMATS || format in OBJECT_FORMATS || AJV_FORMATS.includes(format);
}
