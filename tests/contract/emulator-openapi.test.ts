import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../helpers/emulator';
import type { MessageRow, MessageStatus } from '../../server/emulator/store';
import { FINAL_STATUSES } from '../../server/emulator/lifecycle';
import { PATHS, enumValues } from '../helpers/openapi';
import {
  accountPaths,
  expectConforms,
  expectTwilioError,
  rawRequest,
  type FormData,
} from '../helpers/raw-twilio';

// Single-resource endpoints of the emulator (fetch account; create, fetch, update and delete a
// message) checked with raw HTTP against Twilio's OpenAPI spec: status code, JSON content type,
// schema, and every declared key present with nothing undeclared added.

const STATUSES = enumValues('message_enum_status');
const DIRECTIONS = enumValues('message_enum_direction');

// Every value of the emulator's own types; the compiler insists the lists are complete.
const EMULATOR_STATUSES: Record<MessageStatus, true> = {
  queued: true,
  sending: true,
  sent: true,
  failed: true,
  delivered: true,
  undelivered: true,
  receiving: true,
  received: true,
  accepted: true,
  scheduled: true,
  read: true,
  partially_delivered: true,
  canceled: true,
};
const EMULATOR_DIRECTIONS: Record<MessageRow['direction'], true> = {
  'outbound-api': true,
  inbound: true,
};

it("the emulator's message statuses and directions are the spec's enums", () => {
  expect(Object.keys(EMULATOR_STATUSES).sort()).toEqual([...STATUSES].sort());
  expect(Object.keys(EMULATOR_DIRECTIONS).every((d) => DIRECTIONS.includes(d))).toBe(true);
  expect([...FINAL_STATUSES].every((s) => STATUSES.includes(s))).toBe(true);
});

describe('emulator responses against twilio_api_v2010.json: single resources', () => {
  let emu: RunningEmulator;
  let paths: ReturnType<typeof accountPaths>;
  let from: string;
  let serviceSid: string;

  beforeAll(async () => {
    emu = await startEmulator({ stepMs: 1000 });
    paths = accountPaths(emu);
    const info = emu.emulator.info();
    from = info.phoneNumbers[0]!;
    serviceSid = info.messagingServiceSids[0]!;
  });
  afterAll(() => emu.close());

  const create = async (form: FormData) => {
    const res = await rawRequest(emu, 'POST', paths.messages, { form });
    expectConforms(res, PATHS.messages, 'post', 201);
    expect(STATUSES).toContain(res.body.status);
    expect(DIRECTIONS).toContain(res.body.direction);
    return res.body;
  };
  const fetchMessage = async (sid: string) => {
    const res = await rawRequest(emu, 'GET', paths.message(sid));
    expectConforms(res, PATHS.message, 'get', 200);
    expect(STATUSES).toContain(res.body.status);
    expect(DIRECTIONS).toContain(res.body.direction);
    return res.body;
  };

  describe('GET /Accounts/{Sid}.json', () => {
    it('returns the account as the spec declares it', async () => {
      const res = await rawRequest(emu, 'GET', paths.account);
      expectConforms(res, PATHS.account, 'get', 200);
      expect(res.body.sid).toBe(emu.accountSid);
      expect(res.body.owner_account_sid).toBe(emu.accountSid);
      expect(enumValues('account_enum_status')).toContain(res.body.status);
      expect(res.body.type).toBe('Full');
      expect(res.body.uri).toBe(paths.account);
    });

    it('reports a trial account with the spec’s Trial type', async () => {
      const trial = await startEmulator({ trial: true });
      try {
        const res = await rawRequest(trial, 'GET', accountPaths(trial).account);
        expectConforms(res, PATHS.account, 'get', 200);
        expect(res.body.type).toBe('Trial');
        expect(enumValues('account_enum_type')).toContain(res.body.type);
      } finally {
        await trial.close();
      }
    });
  });

  describe('POST /Messages.json', () => {
    it('creates an SMS: queued, outbound-api, SM sid, counts as strings, unset fields null', async () => {
      const m = await create({
        To: '+15551230001',
        From: from,
        Body: 'Hello! 👍 & =',
        StatusCallback: 'https://example.com/cb?x=1',
      });
      expect(m.sid).toMatch(/^SM[0-9a-f]{32}$/);
      expect(m).toMatchObject({
        status: 'queued',
        direction: 'outbound-api',
        body: 'Hello! 👍 & =',
        to: '+15551230001',
        from,
      });
      expect(m).toMatchObject({
        num_media: '0',
        num_segments: '1',
        date_sent: null,
        error_code: null,
        price: null,
      });
      expect(m.date_created).toBe('Tue, 15 Jan 2030 12:00:00 +0000');
    });

    it('creates an MMS with repeated MediaUrl keys: MM sid and num_media', async () => {
      const m = await create([
        ['To', '+15551230002'],
        ['From', from],
        ['Body', 'Pictures'],
        ['MediaUrl', 'https://example.com/a.jpg'],
        ['MediaUrl', 'https://example.com/b.png'],
      ]);
      expect(m.sid).toMatch(/^MM[0-9a-f]{32}$/);
      expect(m.num_media).toBe('2');
      expect(m.subresource_uris.media).toBe(
        `${paths.message(m.sid).slice(0, -'.json'.length)}/Media.json`,
      );
    });

    it('creates a media-only MMS without a Body', async () => {
      const m = await create({
        To: '+15551230003',
        From: from,
        MediaUrl: ['https://example.com/only.gif'],
      });
      expect(m.sid).toMatch(/^MM/);
      expect(m.body).toBe('');
    });

    it('creates a WhatsApp message with channel addresses', async () => {
      const m = await create({
        To: 'whatsapp:+15551230004',
        From: `whatsapp:${from}`,
        Body: 'Hi on WhatsApp',
      });
      expect(m.to).toBe('whatsapp:+15551230004');
      expect(m.from).toBe(`whatsapp:${from}`);
    });

    it('creates through a Messaging Service: accepted, from null, 0 segments', async () => {
      const m = await create({
        To: '+15551230005',
        MessagingServiceSid: serviceSid,
        Body: 'Via the service',
      });
      expect(m).toMatchObject({
        status: 'accepted',
        from: null,
        messaging_service_sid: serviceSid,
        num_segments: '0',
      });
    });

    it('schedules a message: scheduled, no date_sent', async () => {
      const m = await create({
        To: '+15551230006',
        MessagingServiceSid: serviceSid,
        Body: 'Later',
        ScheduleType: 'fixed',
        SendAt: new Date(emu.clock.now() + 3600_000),
      });
      expect(m).toMatchObject({
        status: 'scheduled',
        date_sent: null,
        messaging_service_sid: serviceSid,
      });
    });
  });

  describe('GET /Messages/{Sid}.json through the lifecycle', () => {
    it('conforms in every status a message passes through, delivered and failed ones included', async () => {
      const sms = await create({ To: '+15551230010', From: from, Body: 'Lifecycle' });
      const wa = await create({
        To: 'whatsapp:+15551230011',
        From: `whatsapp:${from}`,
        Body: 'Read me',
      });
      const undelivered = await create({
        To: '+15005550010',
        From: from,
        Body: 'Will be undelivered',
      });
      const failed = await create({ To: '+15005550011', From: from, Body: 'Will fail' });
      const viaService = await create({
        To: '+15551230012',
        MessagingServiceSid: serviceSid,
        Body: 'Service',
      });
      const seen = new Set<string>();
      for (let i = 0; i < 6; i++) {
        for (const sid of [sms.sid, wa.sid, undelivered.sid, failed.sid, viaService.sid])
          seen.add((await fetchMessage(sid)).status);
        emu.clock.advance(1000);
      }
      expect([...seen].sort()).toEqual([
        'accepted',
        'delivered',
        'failed',
        'queued',
        'read',
        'sending',
        'sent',
        'undelivered',
      ]);

      const done = await fetchMessage(sms.sid);
      expect(done.price).toMatch(/^-\d+\.\d+$/);
      expect(done.price_unit).toBe('USD');
      expect(done.date_sent).not.toBeNull();
      const bad = await fetchMessage(failed.sid);
      expect(bad).toMatchObject({ status: 'failed', error_code: 30008 });
      expect(typeof bad.error_message).toBe('string');
      expect((await fetchMessage(undelivered.sid)).error_code).toBe(30003);
      expect(emu.emulator.info().phoneNumbers).toContain((await fetchMessage(viaService.sid)).from);
    });
  });

  describe('POST /Messages/{Sid}.json', () => {
    it('cancels a scheduled message', async () => {
      const m = await create({
        To: '+15551230020',
        MessagingServiceSid: serviceSid,
        Body: 'Cancel me',
        ScheduleType: 'fixed',
        SendAt: new Date(emu.clock.now() + 7200_000),
      });
      const res = await rawRequest(emu, 'POST', paths.message(m.sid), {
        form: { Status: 'canceled' },
      });
      expectConforms(res, PATHS.message, 'post', 200);
      expect(res.body).toMatchObject({ sid: m.sid, status: 'canceled', date_sent: null });
    });

    it('redacts a delivered message’s body and keeps everything else', async () => {
      const m = await create({ To: '+15551230021', From: from, Body: 'Secret' });
      emu.clock.advance(5000);
      const before = await fetchMessage(m.sid);
      expect(before.status).toBe('delivered');
      emu.clock.advance(1000);
      const res = await rawRequest(emu, 'POST', paths.message(m.sid), { form: { Body: '' } });
      expectConforms(res, PATHS.message, 'post', 200);
      const { body, date_updated, ...rest } = res.body;
      expect(body).toBe('');
      expect(date_updated).not.toBe(before.date_updated);
      const { body: _b, date_updated: _d, ...restBefore } = before;
      expect(rest).toEqual(restBefore);
    });
  });

  describe('DELETE /Messages/{Sid}.json', () => {
    it('answers 204 with an empty body, as the spec declares, and the message is gone', async () => {
      const m = await create({ To: '+15551230030', From: from, Body: 'Delete me' });
      emu.clock.advance(5000);
      const res = await rawRequest(emu, 'DELETE', paths.message(m.sid));
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectTwilioError(await rawRequest(emu, 'GET', paths.message(m.sid)), 404, 20404);
    });
  });
});
