import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../helpers/emulator';
import { ENVELOPE_URI_FIELDS, PATHS, enumValues } from '../helpers/openapi';
import {
  accountPaths,
  expectConforms,
  rawRequest,
  type FormData,
  type RawResponse,
} from '../helpers/raw-twilio';

// List endpoints (Messages, IncomingPhoneNumbers, OutgoingCallerIds) checked page by page against
// the spec's List*Response envelopes, following next_page_uri and previous_page_uri as twilio-node
// does (relative to the API host, as sent).

describe('emulator responses against twilio_api_v2010.json: lists', () => {
  let emu: RunningEmulator;
  let paths: ReturnType<typeof accountPaths>;
  let numbers: string[];
  const TO_A = '+15557770001';
  const TO_B = '+15557770002';

  beforeAll(async () => {
    emu = await startEmulator({ stepMs: 1000 });
    paths = accountPaths(emu);
    numbers = emu.emulator.info().phoneNumbers;
    // Seven messages on three GMT days: 15, 16 and 17 Jan 2030. Delivered ones have a date_sent.
    for (let i = 0; i < 7; i++) {
      const res = await rawRequest(emu, 'POST', paths.messages, {
        form: { To: i % 2 === 0 ? TO_A : TO_B, From: numbers[i % 2]!, Body: `Message ${i}` },
      });
      expect(res.status).toBe(201);
      if (i === 2 || i === 4) emu.clock.advance(24 * 3600_000);
      else emu.clock.advance(60_000);
    }
    // One scheduled message that has not been sent yet (date_sent null).
    const scheduled = await rawRequest(emu, 'POST', paths.messages, {
      form: {
        To: TO_A,
        MessagingServiceSid: emu.emulator.info().messagingServiceSids[0]!,
        Body: 'Later',
        ScheduleType: 'fixed',
        SendAt: new Date(emu.clock.now() + 86_400_000),
      },
    });
    expect(scheduled.status).toBe(201);
  });
  afterAll(() => emu.close());

  const list = async (specPath: string, path: string, query?: FormData) => {
    const res = await rawRequest(emu, 'GET', path, { query });
    expectConforms(res, specPath, 'get', 200);
    for (const field of ENVELOPE_URI_FIELDS) {
      if (res.body[field] !== null)
        expect(res.body[field]).toMatch(/^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\//);
    }
    return res;
  };
  const follow = async (specPath: string, uri: string) => {
    const [path, query] = uri.split('?') as [string, string | undefined];
    return list(specPath, path, query ? [...new URLSearchParams(query)] : undefined);
  };
  const sids = (res: RawResponse) => (res.body.messages as { sid: string }[]).map((m) => m.sid);

  describe('GET /Messages.json', () => {
    it('pages through every message; each page conforms and the URIs are relative', async () => {
      let page = await list(PATHS.messages, paths.messages, { PageSize: 3 });
      expect(page.body).toMatchObject({
        page: 0,
        page_size: 3,
        start: 0,
        end: 2,
        previous_page_uri: null,
      });
      const seen = [...sids(page)];
      const pages = [page];
      while (page.body.next_page_uri) {
        page = await follow(PATHS.messages, page.body.next_page_uri);
        pages.push(page);
        seen.push(...sids(page));
      }
      expect(pages.map((p) => p.body.page)).toEqual([0, 1, 2]);
      expect(pages.map((p) => [p.body.start, p.body.end])).toEqual([
        [0, 2],
        [3, 5],
        [6, 7],
      ]);
      expect(seen).toHaveLength(8);
      expect(new Set(seen).size).toBe(8);
      expect(pages.at(-1)!.body.next_page_uri).toBeNull();
      const statuses = new Set(
        pages.flatMap((p) => p.body.messages.map((m: { status: string }) => m.status)),
      );
      expect([...statuses].every((s) => enumValues('message_enum_status').includes(s))).toBe(true);
      expect(statuses).toContain('scheduled');
      expect(statuses).toContain('delivered');

      const back = await follow(PATHS.messages, pages[2]!.body.previous_page_uri);
      expect(sids(back)).toEqual(sids(pages[1]!));
      expect(back.body.page).toBe(1);
    });

    it('uses the default page size of 50 when none is sent', async () => {
      const res = await list(PATHS.messages, paths.messages);
      expect(res.body).toMatchObject({
        page: 0,
        page_size: 50,
        start: 0,
        end: 7,
        next_page_uri: null,
      });
      expect(res.body.first_page_uri).toBe(`${paths.messages}?PageSize=50&Page=0`);
    });

    it('filters by To and From and repeats the filters in every page URI', async () => {
      const first = await list(PATHS.messages, paths.messages, {
        To: TO_A,
        From: numbers[0]!,
        PageSize: 2,
      });
      expect(
        first.body.messages.every(
          (m: { to: string; from: string }) => m.to === TO_A && m.from === numbers[0],
        ),
      ).toBe(true);
      expect(first.body.next_page_uri).toContain(`To=${encodeURIComponent(TO_A)}`);
      expect(first.body.next_page_uri).toContain(`From=${encodeURIComponent(numbers[0]!)}`);
      const second = await follow(PATHS.messages, first.body.next_page_uri);
      expect([...sids(first), ...sids(second)]).toHaveLength(4);
      expect(second.body.next_page_uri).toBeNull();
    });

    it('filters by DateSent, DateSent< and DateSent> (GMT days, inclusive)', async () => {
      const on = await list(PATHS.messages, paths.messages, { DateSent: '2030-01-16' });
      const before = await list(PATHS.messages, paths.messages, { 'DateSent<': '2030-01-16' });
      const after = await list(PATHS.messages, paths.messages, {
        'DateSent>': '2030-01-16T00:00:00Z',
      });
      const day = (m: { date_sent: string }) => new Date(m.date_sent).getUTCDate();
      expect(on.body.messages.map(day)).toEqual([16, 16]);
      expect(before.body.messages.map(day)).toEqual([16, 16, 15, 15, 15]);
      expect(after.body.messages.map(day)).toEqual([17, 17, 16, 16]);
      expect(before.body.uri).toContain('DateSent%3C=2030-01-16');
    });

    it('returns a conforming empty page when nothing matches', async () => {
      const res = await list(PATHS.messages, paths.messages, { To: '+15550000000' });
      expect(res.body).toMatchObject({
        messages: [],
        start: 0,
        end: 0,
        next_page_uri: null,
        previous_page_uri: null,
      });
    });
  });

  describe('GET /IncomingPhoneNumbers.json', () => {
    it('lists the account’s numbers with every declared key', async () => {
      const res = await list(PATHS.incomingPhoneNumbers, paths.incomingPhoneNumbers);
      expect(
        res.body.incoming_phone_numbers.map((n: { phone_number: string }) => n.phone_number),
      ).toEqual(numbers);
      for (const n of res.body.incoming_phone_numbers) {
        expect(n.sid).toMatch(/^PN[0-9a-f]{32}$/);
        expect(n.capabilities).toEqual({ fax: false, mms: true, sms: true, voice: true });
      }
    });

    it('pages one number at a time and filters by PhoneNumber', async () => {
      const first = await list(PATHS.incomingPhoneNumbers, paths.incomingPhoneNumbers, {
        PageSize: 1,
      });
      expect(first.body.incoming_phone_numbers).toHaveLength(1);
      const second = await follow(PATHS.incomingPhoneNumbers, first.body.next_page_uri);
      expect(second.body.incoming_phone_numbers).toHaveLength(1);
      expect(second.body).toMatchObject({ page: 1, start: 1, end: 1, next_page_uri: null });
      expect(second.body.previous_page_uri).not.toBeNull();
      const filtered = await list(PATHS.incomingPhoneNumbers, paths.incomingPhoneNumbers, {
        PhoneNumber: numbers[1]!,
      });
      expect(
        filtered.body.incoming_phone_numbers.map((n: { phone_number: string }) => n.phone_number),
      ).toEqual([numbers[1]]);
    });
  });

  describe('GET /OutgoingCallerIds.json', () => {
    it('lists the verified caller IDs with every declared key', async () => {
      const res = await list(PATHS.outgoingCallerIds, paths.outgoingCallerIds);
      expect(res.body.outgoing_caller_ids).toHaveLength(1);
      expect(res.body.outgoing_caller_ids[0].phone_number).toBe(
        emu.emulator.info().verifiedCallerIds[0],
      );
      const none = await list(PATHS.outgoingCallerIds, paths.outgoingCallerIds, {
        PhoneNumber: '+15550000000',
      });
      expect(none.body.outgoing_caller_ids).toEqual([]);
    });
  });
});
