import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';
import { expectTwilioError } from '../../helpers/twilio-assert';

// Scheduled messages: created with a Messaging Service, ScheduleType=fixed and SendAt inside the
// window; queued when the clock passes SendAt; cancelable only while scheduled.

const START = Date.UTC(2030, 0, 15, 12, 0, 0);
const STEP = 1000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('scheduling', () => {
  let emu: RunningEmulator;
  let messagingServiceSid: string;
  let from: string;
  beforeEach(async () => {
    emu = await startEmulator({ stepMs: STEP });
    messagingServiceSid = emu.emulator.info().messagingServiceSids[0]!;
    from = emu.emulator.info().phoneNumbers[0]!;
  });
  afterEach(() => emu.close());

  const schedule = (sendAt: Date, extra: Record<string, unknown> = {}) =>
    emu.client().messages.create({
      to: '+14155550300',
      messagingServiceSid,
      body: 'reminder',
      scheduleType: 'fixed',
      sendAt,
      ...extra,
    });

  it('creates a scheduled message that waits for SendAt, then runs the normal lifecycle', async () => {
    const sendAt = new Date(START + 60 * MINUTE);
    const m = await schedule(sendAt);
    expect(m.status).toBe('scheduled');
    expect(m.dateSent).toBeNull();
    expect(m.numSegments).toBe('0');
    expect(m.from).toBeNull();
    expect(m.messagingServiceSid).toBe(messagingServiceSid);

    emu.clock.advance(60 * MINUTE - 1);
    expect((await emu.client().messages(m.sid).fetch()).status).toBe('scheduled');

    emu.clock.advance(1);
    const queued = await emu.client().messages(m.sid).fetch();
    expect(queued.status).toBe('queued');
    expect(emu.emulator.info().phoneNumbers).toContain(queued.from);
    expect(queued.numSegments).toBe('1');
    expect(queued.dateUpdated.getTime()).toBe(sendAt.getTime());

    emu.clock.advance(3 * STEP);
    const delivered = await emu.client().messages(m.sid).fetch();
    expect(delivered.status).toBe('delivered');
    expect(delivered.dateSent?.getTime()).toBe(sendAt.getTime() + 2 * STEP);
  });

  it('keeps a given From when scheduling through a service', async () => {
    const m = await schedule(new Date(START + 20 * MINUTE), { from });
    expect(m.status).toBe('scheduled');
    emu.clock.advance(20 * MINUTE);
    expect((await emu.client().messages(m.sid).fetch()).from).toBe(from);
  });

  it('schedules MMS and WhatsApp messages too', async () => {
    const mms = await schedule(new Date(START + 30 * MINUTE), {
      mediaUrl: ['https://example.com/s.png'],
    });
    expect(mms.sid).toMatch(/^MM/);
    expect(mms.status).toBe('scheduled');
    const wa = await schedule(new Date(START + 30 * MINUTE), { to: 'whatsapp:+14155550301' });
    expect(wa.status).toBe('scheduled');
    emu.clock.advance(30 * MINUTE + 10 * STEP);
    expect((await emu.client().messages(wa.sid).fetch()).status).toBe('read');
    expect((await emu.client().messages(mms.sid).fetch()).status).toBe('delivered');
  });

  it('accepts SendAt exactly at both ends of the window (900 s and 35 days)', async () => {
    expect((await schedule(new Date(START + 900_000))).status).toBe('scheduled');
    expect((await schedule(new Date(START + 35 * DAY))).status).toBe('scheduled');
  });

  it('refuses SendAt outside the window with 35114', async () => {
    for (const at of [START + 899_000, START + 35 * DAY + 1000, START - 60_000, START]) {
      await expectTwilioError(schedule(new Date(at)), {
        status: 400,
        code: 35114,
        message: '900 seconds',
      });
    }
  });

  it('refuses SendAt strings that are not ISO 8601 with a zone (35114)', async () => {
    for (const sendAt of ['tomorrow', '2030-01-16', '2030-01-16T12:00:00', '16/01/2030 12:00']) {
      await expectTwilioError(
        emu.client().messages.create({
          to: '+14155550302',
          messagingServiceSid,
          body: 'x',
          scheduleType: 'fixed',
          sendAt: sendAt as unknown as Date,
        }),
        { status: 400, code: 35114 },
      );
    }
  });

  it('accepts an ISO 8601 SendAt with an offset', async () => {
    const m = await emu.client().messages.create({
      to: '+14155550303',
      messagingServiceSid,
      body: 'offset',
      scheduleType: 'fixed',
      sendAt: '2030-01-15T14:00:00+01:00' as unknown as Date,
    });
    expect(m.status).toBe('scheduled');
    emu.clock.set(Date.UTC(2030, 0, 15, 13, 0, 0));
    expect((await emu.client().messages(m.sid).fetch()).status).toBe('queued');
  });

  it('honours a configured shorter minimum lead time', async () => {
    const short = await startEmulator({ scheduleMinSeconds: 300 });
    try {
      const mg = short.emulator.info().messagingServiceSids[0]!;
      const create = (lead: number) =>
        short.client().messages.create({
          to: '+14155550304',
          messagingServiceSid: mg,
          body: 'soon',
          scheduleType: 'fixed',
          sendAt: new Date(START + lead),
        });
      expect((await create(300_000)).status).toBe('scheduled');
      await expectTwilioError(create(299_000), {
        status: 400,
        code: 35114,
        message: '300 seconds',
      });
    } finally {
      await short.close();
    }
  });

  it('cancels a scheduled message; it stays canceled past SendAt', async () => {
    const m = await schedule(new Date(START + 30 * MINUTE));
    emu.clock.advance(MINUTE);
    const canceled = await emu.client().messages(m.sid).update({ status: 'canceled' });
    expect(canceled.status).toBe('canceled');
    expect(canceled.dateSent).toBeNull();
    expect(canceled.dateUpdated.getTime()).toBe(START + MINUTE);

    emu.clock.advance(DAY);
    const later = await emu.client().messages(m.sid).fetch();
    expect(later.status).toBe('canceled');
    expect(later.from).toBeNull();
    expect(later.price).toBeNull();
  });

  it('cancels with the API key client', async () => {
    const m = await schedule(new Date(START + 30 * MINUTE));
    expect((await emu.apiKeyClient().messages(m.sid).update({ status: 'canceled' })).status).toBe(
      'canceled',
    );
  });

  it('refuses to cancel anything but a scheduled message with 30409', async () => {
    const client = emu.client();
    const m = await schedule(new Date(START + 30 * MINUTE));
    await client.messages(m.sid).update({ status: 'canceled' });
    // already canceled
    await expectTwilioError(client.messages(m.sid).update({ status: 'canceled' }), {
      status: 400,
      code: 30409,
    });

    const plain = await client.messages.create({ to: '+14155550305', from, body: 'now' });
    await expectTwilioError(client.messages(plain.sid).update({ status: 'canceled' }), {
      status: 400,
      code: 30409,
      message: 'cannot be canceled',
    });
    const accepted = await client.messages.create({
      to: '+14155550306',
      messagingServiceSid,
      body: 'svc',
    });
    await expectTwilioError(client.messages(accepted.sid).update({ status: 'canceled' }), {
      status: 400,
      code: 30409,
    });

    emu.clock.advance(10 * STEP);
    await expectTwilioError(client.messages(plain.sid).update({ status: 'canceled' }), {
      status: 400,
      code: 30409,
    });

    // a scheduled message whose SendAt has passed is queued and no longer cancelable
    const late = await schedule(new Date(emu.clock.now() + 20 * MINUTE));
    emu.clock.advance(20 * MINUTE);
    await expectTwilioError(client.messages(late.sid).update({ status: 'canceled' }), {
      status: 400,
      code: 30409,
    });
    expect((await client.messages(late.sid).fetch()).status).toBe('queued');
  });

  it('refuses redact and delete of a scheduled message (20009) but allows both once canceled', async () => {
    const client = emu.client();
    const m = await schedule(new Date(START + 30 * MINUTE));
    await expectTwilioError(client.messages(m.sid).update({ body: '' }), {
      status: 409,
      code: 20009,
    });
    await expectTwilioError(client.messages(m.sid).remove(), { status: 409, code: 20009 });
    await client.messages(m.sid).update({ status: 'canceled' });
    expect((await client.messages(m.sid).update({ body: '' })).body).toBe('');
    await expect(client.messages(m.sid).remove()).resolves.toBe(true);
  });

  it('refuses scheduling without a Messaging Service (35118), without SendAt (35111), or not fixed (35126)', async () => {
    const client = emu.client();
    await expectTwilioError(
      client.messages.create({
        to: '+14155550307',
        from,
        body: 'x',
        scheduleType: 'fixed',
        sendAt: new Date(START + DAY),
      }),
      {
        status: 400,
        code: 35118,
        message: 'MessagingServiceSid is required to schedule a message',
      },
    );
    await expectTwilioError(
      client.messages.create({
        to: '+14155550307',
        messagingServiceSid,
        body: 'x',
        scheduleType: 'fixed',
      }),
      { status: 400, code: 35111, message: 'SendAt timestamp is missing' },
    );
    await expectTwilioError(
      client.messages.create({
        to: '+14155550307',
        messagingServiceSid,
        body: 'x',
        scheduleType: 'weekly' as 'fixed',
        sendAt: new Date(START + DAY),
      }),
      { status: 400, code: 35126, message: 'weekly' },
    );
    await expectTwilioError(
      client.messages.create({
        to: '+14155550307',
        messagingServiceSid,
        body: 'x',
        sendAt: new Date(START + DAY),
      }),
      { status: 400, code: 35126 },
    );
  });
});
