import { describe, expect, it } from 'vitest';
import * as emulator from '../../server/emulator/twilio-rules';
import { parseAddress } from '../../src/contract/addresses';
import {
  bodyField,
  httpUrlField,
  mediaUrlField,
  pageSizeField,
} from '../../src/contract/commands/fields';
import { checkSendAt } from '../../src/contract/schedule';
import { countSegments } from '../../src/contract/segments';
import { SID_PATTERNS } from '../../src/contract/sids';
import { DEFAULT_SCHEDULE_MIN_SECONDS } from '../../src/contract/twilio-limits';
import {
  ADDRESS_CASES,
  BODY_LENGTH_CASES,
  CALLBACK_URL_CASES,
  MEDIA_COUNT_CASES,
  PAGE_SIZE_CASES,
  SEGMENT_CASES,
  SEND_AT_CASES,
  SID_CASES,
  URL_CASES,
} from '../helpers/twilio-doc-cases';

// Two copies of Twilio's rules, one table of Twilio's documented cases: the emulator's copy (the
// oracle our tests run against) and the app's (what the forms and the relay check) must each give
// Twilio's answer. Neither copy is derived from the other.

const copies = {
  emulator: {
    parseAddress: emulator.parseAddress,
    isSid: (kind: keyof typeof emulator.SID_PATTERNS, v: string) =>
      emulator.SID_PATTERNS[kind].test(v),
    segments: emulator.countSegments,
    bodyOk: emulator.bodyWithinLimit,
    mediaCountOk: emulator.mediaCountWithinLimit,
    mediaUrlOk: emulator.isHttpUrl,
    callbackUrlOk: emulator.isStatusCallbackUrl,
    sendAt: (value: string, now: number) =>
      emulator.parseSendAt(value, now, emulator.DEFAULT_SCHEDULE_MIN_SECONDS),
    pageSizeOk: (raw: string) => typeof emulator.readPageSize(raw) === 'number',
  },
  contract: {
    parseAddress,
    isSid: (kind: keyof typeof SID_PATTERNS, v: string) => SID_PATTERNS[kind].test(v),
    segments: countSegments,
    bodyOk: (body: string) => bodyField.safeParse(body).success,
    mediaCountOk: (count: number) =>
      mediaUrlField.safeParse(
        Array.from({ length: count }, (_, i) => `https://example.com/${i}.png`),
      ).success,
    mediaUrlOk: (url: string) => httpUrlField('Media URL').safeParse(url).success,
    callbackUrlOk: (url: string) => httpUrlField('Status Callback URL').safeParse(url).success,
    sendAt: (value: string, now: number) => {
      const check = checkSendAt(value, { now, minSeconds: DEFAULT_SCHEDULE_MIN_SECONDS });
      return check.ok ? check.at : null;
    },
    pageSizeOk: (raw: string) => pageSizeField.safeParse(raw).success,
  },
};

const NOW = Date.UTC(2030, 0, 15, 12, 0, 0);

describe.each(Object.entries(copies))("Twilio's documented cases: the %s's rules", (_, rules) => {
  it.each(ADDRESS_CASES)('address $value', ({ value, expected }) => {
    expect(rules.parseAddress(value)).toEqual(expected);
  });

  it.each(SID_CASES)('$kind SID $value is valid: $valid', ({ kind, value, valid }) => {
    expect(rules.isSid(kind, value)).toBe(valid);
  });

  it.each(SEGMENT_CASES)('segments: $name', ({ body, encoding, segments }) => {
    expect(rules.segments(body)).toMatchObject({ encoding, segments });
  });

  it.each(BODY_LENGTH_CASES)('Body of $name is accepted: $ok', ({ body, ok }) => {
    expect(rules.bodyOk(body)).toBe(ok);
  });

  it.each(MEDIA_COUNT_CASES)('$count MediaUrl accepted: $ok', ({ count, ok }) => {
    expect(rules.mediaCountOk(count)).toBe(ok);
  });

  it.each(URL_CASES)('media and callback URL $url accepted: $ok', ({ url, ok }) => {
    expect(rules.mediaUrlOk(url)).toBe(ok);
    expect(rules.callbackUrlOk(url)).toBe(ok);
  });

  it.each(CALLBACK_URL_CASES)('StatusCallback $url accepted: $ok', ({ url, ok }) => {
    expect(rules.callbackUrlOk(url)).toBe(ok);
  });

  it.each(SEND_AT_CASES)('SendAt $name accepted: $ok', ({ sendAt, ok }) => {
    const value = sendAt(NOW);
    const at = rules.sendAt(value, NOW);
    expect(at !== null).toBe(ok);
    if (ok) expect(at).toBe(Date.parse(value));
  });

  it.each(PAGE_SIZE_CASES)('PageSize $value accepted: $ok', ({ value, ok }) => {
    expect(rules.pageSizeOk(value)).toBe(ok);
  });
});
