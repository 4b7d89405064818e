// Cases from Twilio's documentation, the one table that both copies of Twilio's rules answer to:
// the emulator's (server/emulator/twilio-rules.ts) and the app's (src/contract). Only cases where
// Twilio is clear belong here; where the app is knowingly stricter than Twilio (a SendAt with an
// offset instead of Z, an underscore in a media URL's host) the case is left out, so each copy
// stays free to be fixed alone.
//
// Sources:
//   E.164 and WhatsApp addresses  https://www.twilio.com/docs/glossary/what-e164
//                                 https://www.twilio.com/docs/whatsapp/api (whatsapp:+14155238886)
//   SIDs                          https://www.twilio.com/docs/glossary/what-is-a-sid
//   Segments and encodings        https://www.twilio.com/docs/glossary/what-sms-character-limit
//                                 https://www.twilio.com/docs/glossary/what-is-gsm-7-character-encoding
//                                 https://www.twilio.com/docs/glossary/what-is-ucs-2-character-encoding
//   Body, MediaUrl, callbacks     https://www.twilio.com/docs/messaging/api/message-resource
//                                 (errors 21617, 21623, 21620)
//   Scheduling window             https://www.twilio.com/docs/api/errors/35114 ("between 900 seconds
//                                 and 35 days (3024000 seconds) in the future, inclusive", as the
//                                 app and emulator apply it today), .../messaging/features/message-scheduling
//   PageSize                      https://www.twilio.com/docs/usage/twilios-response#paging (error 20007)

export interface AddressCase {
  value: string;
  expected: { channel: 'sms' | 'whatsapp'; number: string } | null;
}

export const ADDRESS_CASES: AddressCase[] = [
  { value: '+14155552671', expected: { channel: 'sms', number: '+14155552671' } },
  { value: '+442071838750', expected: { channel: 'sms', number: '+442071838750' } },
  { value: '+551155256325', expected: { channel: 'sms', number: '+551155256325' } },
  // 15 digits, E.164's maximum.
  { value: '+123456789012345', expected: { channel: 'sms', number: '+123456789012345' } },
  { value: 'whatsapp:+14155238886', expected: { channel: 'whatsapp', number: '+14155238886' } },
  { value: '4155552671', expected: null },
  { value: '+1 415 555 2671', expected: null },
  { value: '+1-415-555-2671', expected: null },
  { value: '(415) 555-2671', expected: null },
  { value: '+014155552671', expected: null },
  { value: '+1234567890123456', expected: null },
  { value: 'whatsapp:4155238886', expected: null },
  { value: 'whatsapp:', expected: null },
  { value: '', expected: null },
];

export type SidKind = 'account' | 'apiKey' | 'message' | 'messagingService';

export interface SidCase {
  kind: SidKind;
  value: string;
  valid: boolean;
}

const HEX = '0123456789abcdef0123456789abcdef';

export const SID_CASES: SidCase[] = [
  { kind: 'account', value: `AC${HEX}`, valid: true },
  { kind: 'account', value: `AC${HEX.toUpperCase()}`, valid: true },
  { kind: 'account', value: `SK${HEX}`, valid: false },
  { kind: 'account', value: `AC${HEX.slice(1)}`, valid: false },
  { kind: 'account', value: `AC${HEX}0`, valid: false },
  { kind: 'account', value: `AC${HEX.slice(1)}g`, valid: false },
  { kind: 'account', value: `ac${HEX}`, valid: false },
  { kind: 'apiKey', value: `SK${HEX}`, valid: true },
  { kind: 'apiKey', value: `AC${HEX}`, valid: false },
  { kind: 'message', value: `SM${HEX}`, valid: true },
  { kind: 'message', value: `MM${HEX}`, valid: true },
  { kind: 'message', value: `MG${HEX}`, valid: false },
  { kind: 'message', value: `SM${HEX} `, valid: false },
  { kind: 'messagingService', value: `MG${HEX}`, valid: true },
  { kind: 'messagingService', value: `MG${HEX.slice(2)}`, valid: false },
  { kind: 'messagingService', value: `PN${HEX}`, valid: false },
];

export interface SegmentCase {
  name: string;
  body: string;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}

export const SEGMENT_CASES: SegmentCase[] = [
  { name: 'an empty body', body: '', encoding: 'GSM-7', segments: 0 },
  { name: 'plain text', body: 'Hello from Twilio', encoding: 'GSM-7', segments: 1 },
  { name: '160 GSM-7 characters', body: 'a'.repeat(160), encoding: 'GSM-7', segments: 1 },
  { name: '161 GSM-7 characters (153 + 8)', body: 'a'.repeat(161), encoding: 'GSM-7', segments: 2 },
  { name: '306 GSM-7 characters (2 x 153)', body: 'a'.repeat(306), encoding: 'GSM-7', segments: 2 },
  { name: '307 GSM-7 characters', body: 'a'.repeat(307), encoding: 'GSM-7', segments: 3 },
  { name: '459 GSM-7 characters (3 x 153)', body: 'a'.repeat(459), encoding: 'GSM-7', segments: 3 },
  { name: 'GSM-7 accents and Greek', body: 'Ça va? ÄÖÑÜ ΔΦΓΛΩ', encoding: 'GSM-7', segments: 1 },
  {
    name: 'extension characters take two septets',
    body: '^{}\\[~]|€',
    encoding: 'GSM-7',
    segments: 1,
  },
  { name: '80 euro signs (160 septets)', body: '€'.repeat(80), encoding: 'GSM-7', segments: 1 },
  { name: '81 euro signs (162 septets)', body: '€'.repeat(81), encoding: 'GSM-7', segments: 2 },
  {
    name: '159 characters and one extension character (161 septets)',
    body: 'a'.repeat(159) + '€',
    encoding: 'GSM-7',
    segments: 2,
  },
  {
    name: 'an extension character is not split across segments',
    // 306 septets would fit two segments, but the euro sign does not fit the first one's last septet.
    body: 'a'.repeat(152) + '€' + 'a'.repeat(152),
    encoding: 'GSM-7',
    segments: 3,
  },
  { name: 'a smart quote forces UCS-2', body: '“Hi”', encoding: 'UCS-2', segments: 1 },
  { name: 'a backtick is not GSM-7', body: '`', encoding: 'UCS-2', segments: 1 },
  { name: 'an emoji forces UCS-2', body: 'Hello 😀', encoding: 'UCS-2', segments: 1 },
  { name: '70 UCS-2 characters', body: 'ж'.repeat(70), encoding: 'UCS-2', segments: 1 },
  { name: '71 UCS-2 characters (67 + 4)', body: 'ж'.repeat(71), encoding: 'UCS-2', segments: 2 },
  { name: '134 UCS-2 characters (2 x 67)', body: 'ж'.repeat(134), encoding: 'UCS-2', segments: 2 },
  { name: '135 UCS-2 characters', body: 'ж'.repeat(135), encoding: 'UCS-2', segments: 3 },
  { name: '35 emoji (70 UTF-16 units)', body: '😀'.repeat(35), encoding: 'UCS-2', segments: 1 },
  { name: '36 emoji (72 UTF-16 units)', body: '😀'.repeat(36), encoding: 'UCS-2', segments: 2 },
  {
    name: 'an emoji is not split across segments',
    // 134 units would fit two segments, but the surrogate pair does not fit the first one's last unit.
    body: 'ж'.repeat(66) + '😀' + 'ж'.repeat(66),
    encoding: 'UCS-2',
    segments: 3,
  },
  {
    name: 'an emoji with a skin tone moves whole to the next segment',
    // Twilio's calculator splits by grapheme: 👍🏽 is one character of 4 UTF-16 units.
    body: 'Ж'.repeat(65) + '👍🏽' + 'Ж'.repeat(65),
    encoding: 'UCS-2',
    segments: 3,
  },
  { name: 'Chinese text', body: '你好，世界', encoding: 'UCS-2', segments: 1 },
];

export const BODY_LENGTH_CASES: { name: string; body: string; ok: boolean }[] = [
  { name: '1600 characters', body: 'a'.repeat(1600), ok: true },
  { name: '1601 characters', body: 'a'.repeat(1601), ok: false },
  { name: '1600 non-GSM characters', body: 'ж'.repeat(1600), ok: true },
  { name: '1601 non-GSM characters', body: 'ж'.repeat(1601), ok: false },
];

export const MEDIA_COUNT_CASES: { count: number; ok: boolean }[] = [
  { count: 1, ok: true },
  { count: 10, ok: true },
  { count: 11, ok: false },
];

/** URLs Twilio fetches media from or posts callbacks to: http(s) with a host. */
export const URL_CASES: { url: string; ok: boolean }[] = [
  { url: 'https://example.com/status', ok: true },
  { url: 'http://example.com:8080/callbacks?x=1', ok: true },
  { url: 'https://demo.twilio.com/owl.png', ok: true },
  { url: 'ftp://example.com/owl.png', ok: false },
  { url: 'example.com/owl.png', ok: false },
  { url: '/relative/path', ok: false },
  { url: 'https://', ok: false },
  { url: 'not a url', ok: false },
];

/** Status callbacks only: "URLs must contain a valid hostname (underscores are not permitted)". */
export const CALLBACK_URL_CASES: { url: string; ok: boolean }[] = [
  { url: 'https://my_host.example.com/status', ok: false },
  { url: `https://example.com/${'a'.repeat(4000 - 'https://example.com/'.length)}`, ok: true },
  { url: `https://example.com/${'a'.repeat(4001 - 'https://example.com/'.length)}`, ok: false },
];

/** A SendAt as Twilio's docs write it, YYYY-MM-DDTHH:MM:SSZ, `seconds` from `now`. */
export const sendAtIn = (now: number, seconds: number) =>
  new Date(now + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface SendAtCase {
  name: string;
  sendAt(now: number): string;
  ok: boolean;
}

const DAY = 24 * 60 * 60;

/** Checked against each copy's default minimum lead time. */
export const SEND_AT_CASES: SendAtCase[] = [
  { name: 'exactly 900 seconds ahead', sendAt: (now) => sendAtIn(now, 900), ok: true },
  { name: '899 seconds ahead', sendAt: (now) => sendAtIn(now, 899), ok: false },
  { name: 'an hour ahead', sendAt: (now) => sendAtIn(now, 3600), ok: true },
  { name: 'exactly 35 days ahead', sendAt: (now) => sendAtIn(now, 35 * DAY), ok: true },
  { name: '35 days and a second ahead', sendAt: (now) => sendAtIn(now, 35 * DAY + 1), ok: false },
  { name: 'in the past', sendAt: (now) => sendAtIn(now, -3600), ok: false },
  { name: 'with milliseconds', sendAt: (now) => new Date(now + 3_600_000).toISOString(), ok: true },
  {
    name: 'a date and time without T or zone',
    sendAt: (now) => sendAtIn(now, 3600).replace('T', ' ').replace('Z', ''),
    ok: false,
  },
  { name: 'a date alone', sendAt: (now) => sendAtIn(now, 2 * DAY).slice(0, 10), ok: false },
  { name: 'epoch seconds', sendAt: (now) => String(Math.floor(now / 1000) + 3600), ok: false },
  { name: 'words', sendAt: () => 'tomorrow at noon', ok: false },
];

export const PAGE_SIZE_CASES: { value: string; ok: boolean }[] = [
  { value: '1', ok: true },
  { value: '50', ok: true },
  { value: '1000', ok: true },
  { value: '1001', ok: false },
  { value: '0', ok: false },
  { value: '-5', ok: false },
  { value: '2.5', ok: false },
  { value: 'ten', ok: false },
];
