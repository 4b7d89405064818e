import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../server/emulator/clock';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';

// Status callbacks: a signed form POST to the message's StatusCallback for every status change after
// the initial one, received here by a tiny local HTTP server (on loopback, so every emulator here
// runs with callbacksAllowPrivate: TQB_EMULATOR_CALLBACKS_ALLOW_PRIVATE=1).

const STEP = 1000;

interface Received {
  url: string;
  method: string;
  contentType: string;
  signature: string;
  authorization: string;
  params: Record<string, string>;
}

describe('status callbacks', () => {
  let server: http.Server;
  let origin: string;
  let received: Received[];
  let answerWith = 200;
  let emu: RunningEmulator;
  let from: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({
          url: `${origin}${req.url}`,
          method: req.method ?? '',
          contentType: req.headers['content-type'] ?? '',
          signature: String(req.headers['x-twilio-signature'] ?? ''),
          authorization: req.headers.authorization ?? '',
          params: Object.fromEntries(new URLSearchParams(body)),
        });
        res.statusCode = answerWith;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(async () => {
    received = [];
    answerWith = 200;
    emu = await startEmulator({ stepMs: STEP, callbacksAllowPrivate: true });
    from = emu.emulator.info().phoneNumbers[0]!;
  });
  afterEach(() => emu.close());

  /** Moves the clock, applies due steps and waits for the callbacks they send. */
  async function advance(ms: number): Promise<number> {
    emu.clock.advance(ms);
    const changes = emu.emulator.tick();
    await emu.emulator.drainCallbacks();
    return changes;
  }

  const statuses = (sid?: string) =>
    received
      .filter((r) => sid === undefined || r.params.MessageSid === sid)
      .map((r) => r.params.MessageStatus);

  function expectValidSignature(r: Received) {
    expect(r.signature).not.toBe('');
    expect(twilio.validateRequest(emu.authToken, r.signature, r.url, r.params)).toBe(true);
    expect(twilio.validateRequest('0'.repeat(32), r.signature, r.url, r.params)).toBe(false);
    expect(
      twilio.validateRequest(emu.authToken, r.signature, r.url, {
        ...r.params,
        MessageStatus: 'forged',
      }),
    ).toBe(false);
  }

  it('posts sending, sent and delivered, signed with the Auth Token, and nothing for the initial status', async () => {
    const statusCallback = `${origin}/status?campaign=spring&n=1`;
    const m = await emu
      .client()
      .messages.create({ to: '+14155550700', from, body: 'cb', statusCallback });
    await emu.emulator.drainCallbacks();
    expect(received).toEqual([]);

    for (const expected of ['sending', 'sent', 'delivered']) {
      expect(await advance(STEP)).toBe(1);
      expect(statuses().at(-1)).toBe(expected);
    }
    expect(received).toHaveLength(3);
    expect(await advance(60 * STEP)).toBe(0);
    expect(received).toHaveLength(3);

    for (const r of received) {
      expect(r.method).toBe('POST');
      expect(r.url).toBe(statusCallback);
      expect(r.contentType).toContain('application/x-www-form-urlencoded');
      expectValidSignature(r);
    }
    expect(received[2]!.params).toEqual({
      AccountSid: emu.accountSid,
      ApiVersion: '2010-04-01',
      From: from,
      MessageSid: m.sid,
      MessageStatus: 'delivered',
      // The clock starts at 2030-01-15 12:00:00 UTC; delivery comes three steps later.
      RawDlrDoneDate: '3001151200',
      SmsSid: m.sid,
      SmsStatus: 'delivered',
      To: '+14155550700',
    });
    expect(received.some((r) => 'ErrorCode' in r.params)).toBe(false);
    expect(received.slice(0, 2).some((r) => 'RawDlrDoneDate' in r.params)).toBe(false);
  });

  it("sends a callback URL's credentials as Basic auth, and never logs or signs them", async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    await emu.close();
    emu = await startEmulator({ stepMs: STEP, logger, callbacksAllowPrivate: true });
    from = emu.emulator.info().phoneNumbers[0]!;
    const withCredentials = origin.replace('http://', 'http://hook-user:s3cret%21pw@');
    await emu.client().messages.create({
      to: '+14155550700',
      from,
      body: 'cb',
      statusCallback: `${withCredentials}/status`,
    });
    answerWith = 500; // a refusal is logged with the URL
    await advance(STEP);
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.authorization).toBe(`Basic ${Buffer.from('hook-user:s3cret!pw').toString('base64')}`);
    expect(r.url).toBe(`${origin}/status`);
    expectValidSignature(r);
    const log = lines.join('');
    expect(log).toContain('status callback refused');
    expect(log).not.toContain('s3cret');
    expect(log).not.toContain('hook-user');
  });

  it('dates the delivery receipt YYMMDDhhmm in UTC, at the time the message was delivered', async () => {
    emu.clock.set(Date.UTC(2031, 10, 4, 7, 8, 58));
    const m = await emu
      .client()
      .messages.create({ to: '+14155550712', from, body: 'dlr', statusCallback: `${origin}/dlr` });
    await advance(3 * STEP);
    const delivered = received.find((r) => r.params.MessageStatus === 'delivered')!;
    // Delivered at 07:09:01, a minute later than the message was created.
    expect(delivered.params.RawDlrDoneDate).toBe('3111040709');
    expect((await emu.client().messages(m.sid).fetch()).dateUpdated.toISOString()).toBe(
      '2031-11-04T07:09:01.000Z',
    );
    expectValidSignature(delivered);
    expect(
      twilio.validateRequest(emu.authToken, delivered.signature, delivered.url, {
        ...delivered.params,
        RawDlrDoneDate: '3111040708',
      }),
    ).toBe(false);
    const { RawDlrDoneDate: _dropped, ...withoutDate } = delivered.params;
    expect(
      twilio.validateRequest(emu.authToken, delivered.signature, delivered.url, withoutDate),
    ).toBe(false);
  });

  it('sends every missed change when the clock jumps', async () => {
    const m = await emu.client().messages.create({
      to: '+14155550701',
      from,
      body: 'jump',
      statusCallback: `${origin}/jump`,
    });
    expect(await advance(10 * STEP)).toBe(3);
    expect(statuses(m.sid).sort()).toEqual(['delivered', 'sending', 'sent']);
    received.forEach(expectValidSignature);
  });

  it('sends the changes a read request applies as well', async () => {
    const m = await emu.client().messages.create({
      to: '+14155550702',
      from,
      body: 'read',
      statusCallback: `${origin}/read`,
    });
    emu.clock.advance(3 * STEP);
    expect((await emu.client().messages(m.sid).fetch()).status).toBe('delivered');
    await emu.emulator.drainCallbacks();
    expect(statuses(m.sid).sort()).toEqual(['delivered', 'sending', 'sent']);
  });

  it('carries ErrorCode on failed and undelivered', async () => {
    const failed = await emu
      .client()
      .messages.create({ to: '+15005550011', from, body: 'f', statusCallback: `${origin}/f` });
    const undelivered = await emu
      .client()
      .messages.create({ to: '+15005550010', from, body: 'u', statusCallback: `${origin}/u` });
    await advance(10 * STEP);
    expect(statuses(failed.sid).sort()).toEqual(['failed', 'sending']);
    expect(statuses(undelivered.sid).sort()).toEqual(['sending', 'sent', 'undelivered']);
    const f = received.find((r) => r.params.MessageStatus === 'failed')!;
    const u = received.find((r) => r.params.MessageStatus === 'undelivered')!;
    expect(f.params.ErrorCode).toBe('30008');
    expect(u.params.ErrorCode).toBe('30003');
    expectValidSignature(f);
    expectValidSignature(u);
    // An undelivered message has a delivery receipt (it says why); a failed one never reached a carrier.
    expect(u.params.RawDlrDoneDate).toMatch(/^\d{10}$/);
    expect(f.params.RawDlrDoneDate).toBeUndefined();
  });

  it('marks WhatsApp callbacks with ChannelPrefix and the read one with EventType READ', async () => {
    const m = await emu.client().messages.create({
      to: 'whatsapp:+14155550703',
      from: `whatsapp:${from}`,
      body: 'wa',
      statusCallback: `${origin}/wa`,
    });
    await advance(10 * STEP);
    expect(statuses(m.sid).sort()).toEqual(['delivered', 'read', 'sending', 'sent']);
    const read = received.find((r) => r.params.MessageStatus === 'read')!;
    expect(read.params).toMatchObject({
      EventType: 'READ',
      ChannelPrefix: 'whatsapp',
      To: 'whatsapp:+14155550703',
      From: `whatsapp:${from}`,
    });
    const sent = received.find((r) => r.params.MessageStatus === 'sent')!;
    expect(sent.params.EventType).toBeUndefined();
    // WhatsApp has no carrier delivery receipt.
    expect(received.some((r) => 'RawDlrDoneDate' in r.params)).toBe(false);
    received.forEach(expectValidSignature);
  });

  it('reports queued after accepted for a Messaging Service, with the service and the chosen sender', async () => {
    const messagingServiceSid = emu.emulator.info().messagingServiceSids[0]!;
    const m = await emu.client().messages.create({
      to: '+14155550704',
      messagingServiceSid,
      body: 'svc',
      statusCallback: `${origin}/svc`,
    });
    await emu.emulator.drainCallbacks();
    expect(received).toEqual([]);
    await advance(STEP);
    expect(received).toHaveLength(1);
    expect(received[0]!.params).toMatchObject({
      MessageStatus: 'queued',
      MessagingServiceSid: messagingServiceSid,
      MessageSid: m.sid,
    });
    expect(emu.emulator.info().phoneNumbers).toContain(received[0]!.params.From);
    expectValidSignature(received[0]!);
  });

  it('reports canceled for a canceled scheduled message, and nothing at its SendAt', async () => {
    const messagingServiceSid = emu.emulator.info().messagingServiceSids[0]!;
    const m = await emu.client().messages.create({
      to: '+14155550705',
      messagingServiceSid,
      body: 'later',
      scheduleType: 'fixed',
      sendAt: new Date(emu.clock.now() + 3_600_000),
      statusCallback: `${origin}/sched`,
    });
    await emu.emulator.drainCallbacks();
    expect(received).toEqual([]);
    await emu.client().messages(m.sid).update({ status: 'canceled' });
    await emu.emulator.drainCallbacks();
    expect(statuses(m.sid)).toEqual(['canceled']);
    expect(received[0]!.params.From).toBeUndefined();
    expectValidSignature(received[0]!);
    await advance(2 * 3_600_000);
    expect(received).toHaveLength(1);
  });

  it('reports queued for a scheduled message when SendAt passes', async () => {
    const messagingServiceSid = emu.emulator.info().messagingServiceSids[0]!;
    const sendAt = new Date(emu.clock.now() + 1_800_000);
    const m = await emu.client().messages.create({
      to: '+14155550706',
      messagingServiceSid,
      body: 'sched',
      scheduleType: 'fixed',
      sendAt,
      statusCallback: `${origin}/sched2`,
    });
    await advance(1_800_000 - 1);
    expect(received).toEqual([]);
    await advance(1);
    expect(statuses(m.sid)).toEqual(['queued']);
  });

  it('sends no callback for a message without StatusCallback, nor for redaction or deletion', async () => {
    const quiet = await emu.client().messages.create({ to: '+14155550707', from, body: 'quiet' });
    const loud = await emu
      .client()
      .messages.create({ to: '+14155550708', from, body: 'loud', statusCallback: `${origin}/l` });
    await advance(10 * STEP);
    expect(received.every((r) => r.params.MessageSid === loud.sid)).toBe(true);
    expect(received).toHaveLength(3);
    await emu.client().messages(loud.sid).update({ body: '' });
    await emu.client().messages(loud.sid).remove();
    await emu.client().messages(quiet.sid).remove();
    await emu.emulator.drainCallbacks();
    expect(received).toHaveLength(3);
  });

  it('keeps going when the receiver refuses or is unreachable', async () => {
    answerWith = 500;
    const refused = await emu
      .client()
      .messages.create({ to: '+14155550709', from, body: 'r', statusCallback: `${origin}/down` });
    // A closed port on the loopback interface: the connection is refused at once.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await emu.client().messages.create({
      to: '+14155550710',
      from,
      body: 'u',
      statusCallback: `http://127.0.0.1:${deadPort}/cb`,
    });
    await advance(10 * STEP);
    expect(statuses(refused.sid).sort()).toEqual(['delivered', 'sending', 'sent']);
    expect((await emu.client().messages(refused.sid).fetch()).status).toBe('delivered');
    expect((await emu.client().messages(unreachable.sid).fetch()).status).toBe('delivered');
  });

  it('posts callbacks by itself when the lifecycle timer runs on the real clock', async () => {
    const live = await startEmulator({
      stepMs: 20,
      timer: true,
      clock: systemClock,
      callbacksAllowPrivate: true,
    });
    try {
      const sender = live.emulator.info().phoneNumbers[0]!;
      const m = await live.client().messages.create({
        to: '+14155550711',
        from: sender,
        body: 'live',
        statusCallback: `${origin}/live`,
      });
      const deadline = Date.now() + 5000;
      while (statuses(m.sid).length < 3 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(statuses(m.sid).sort()).toEqual(['delivered', 'sending', 'sent']);
      for (const r of received)
        expect(twilio.validateRequest(live.authToken, r.signature, r.url, r.params)).toBe(true);
    } finally {
      await live.close();
    }
  });
});
