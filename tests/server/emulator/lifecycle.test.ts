import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';
import { expectTwilioError } from '../../helpers/twilio-assert';

// Statuses as the emulator's clock advances: queued -> sending -> sent -> delivered (-> read), the
// emulator's asynchronous failures, and what fetch, redact and delete allow along the way.

const START = Date.UTC(2030, 0, 15, 12, 0, 0);
const STEP = 1000;

describe('message lifecycle', () => {
  let emu: RunningEmulator;
  let from: string;
  beforeEach(async () => {
    emu = await startEmulator({ stepMs: STEP });
    from = emu.emulator.info().phoneNumbers[0]!;
  });
  afterEach(() => emu.close());

  async function statusAfterEachStep(sid: string, steps: number): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < steps; i++) {
      emu.clock.advance(STEP);
      seen.push((await emu.client().messages(sid).fetch()).status);
    }
    return seen;
  }

  it('moves an SMS queued -> sending -> sent -> delivered, one step per stepMs', async () => {
    const client = emu.client();
    const m = await client.messages.create({ to: '+14155550100', from, body: 'step by step' });
    expect(m.status).toBe('queued');

    emu.clock.advance(STEP - 1);
    expect((await client.messages(m.sid).fetch()).status).toBe('queued');

    emu.clock.advance(1);
    const sending = await client.messages(m.sid).fetch();
    expect(sending.status).toBe('sending');
    expect(sending.dateSent).toBeNull();
    expect(sending.price).toBeNull();
    expect(sending.dateUpdated.getTime()).toBe(START + STEP);

    emu.clock.advance(STEP);
    const sent = await client.messages(m.sid).fetch();
    expect(sent.status).toBe('sent');
    expect(sent.dateSent?.getTime()).toBe(START + 2 * STEP);
    expect(sent.price).toBe('-0.00790');
    expect(sent.priceUnit).toBe('USD');

    emu.clock.advance(STEP);
    const delivered = await client.messages(m.sid).fetch();
    expect(delivered.status).toBe('delivered');
    expect(delivered.dateSent?.getTime()).toBe(START + 2 * STEP);
    expect(delivered.dateUpdated.getTime()).toBe(START + 3 * STEP);
    expect(delivered.dateCreated.getTime()).toBe(START);
    expect(delivered.errorCode).toBeNull();

    emu.clock.advance(60 * 60 * 1000);
    expect((await client.messages(m.sid).fetch()).status).toBe('delivered');
  });

  it('replays missed steps with the times they would have had when the clock jumps', async () => {
    const m = await emu.client().messages.create({ to: '+14155550101', from, body: 'jump' });
    emu.clock.advance(24 * 60 * 60 * 1000);
    const later = await emu.client().messages(m.sid).fetch();
    expect(later.status).toBe('delivered');
    expect(later.dateSent?.getTime()).toBe(START + 2 * STEP);
    expect(later.dateUpdated.getTime()).toBe(START + 3 * STEP);
  });

  it('applies the steps through tick() without any request', async () => {
    const m = await emu.client().messages.create({ to: '+14155550102', from, body: 'tick' });
    emu.clock.advance(3 * STEP);
    expect(emu.emulator.tick()).toBe(3);
    expect(emu.emulator.tick()).toBe(0);
    expect((await emu.client().messages(m.sid).fetch()).status).toBe('delivered');
  });

  it('takes WhatsApp on to read and prices it as WhatsApp', async () => {
    const m = await emu
      .client()
      .messages.create({ to: 'whatsapp:+14155550103', from: `whatsapp:${from}`, body: 'wa' });
    expect(await statusAfterEachStep(m.sid, 5)).toEqual([
      'sending',
      'sent',
      'delivered',
      'read',
      'read',
    ]);
    const read = await emu.client().messages(m.sid).fetch();
    expect(read.price).toBe('-0.00500');
    expect(read.dateSent?.getTime()).toBe(START + 2 * STEP);
  });

  it('prices an MMS as MMS', async () => {
    const m = await emu
      .client()
      .messages.create({ to: '+14155550104', from, mediaUrl: ['https://example.com/p.png'] });
    emu.clock.advance(5 * STEP);
    const done = await emu.client().messages(m.sid).fetch();
    expect(done.status).toBe('delivered');
    expect(done.price).toBe('-0.02000');
  });

  it('moves a Messaging Service message accepted -> queued -> sending -> sent -> delivered', async () => {
    const messagingServiceSid = emu.emulator.info().messagingServiceSids[0]!;
    const m = await emu
      .client()
      .messages.create({ to: '+14155550105', messagingServiceSid, body: 'svc' });
    expect(m.status).toBe('accepted');
    expect(await statusAfterEachStep(m.sid, 4)).toEqual(['queued', 'sending', 'sent', 'delivered']);
    const done = await emu.client().messages(m.sid).fetch();
    expect(done.dateSent?.getTime()).toBe(START + 3 * STEP);
    expect(done.price).toBe('-0.00790');
  });

  it('ends a message to +15005550010 undelivered with 30003, after it was sent and billed', async () => {
    const m = await emu.client().messages.create({ to: '+15005550010', from, body: 'nobody home' });
    expect(m.status).toBe('queued');
    expect(await statusAfterEachStep(m.sid, 4)).toEqual([
      'sending',
      'sent',
      'undelivered',
      'undelivered',
    ]);
    const done = await emu.client().messages(m.sid).fetch();
    expect(done.errorCode).toBe(30003);
    expect(done.errorMessage).toBe('Unreachable destination handset');
    expect(done.dateSent?.getTime()).toBe(START + 2 * STEP);
    expect(done.price).toBe('-0.00790');
  });

  it('ends a message to +15005550011 failed with 30008, never sent nor billed', async () => {
    const m = await emu.client().messages.create({ to: '+15005550011', from, body: 'doomed' });
    expect(await statusAfterEachStep(m.sid, 3)).toEqual(['sending', 'failed', 'failed']);
    const done = await emu.client().messages(m.sid).fetch();
    expect(done.errorCode).toBe(30008);
    expect(done.errorMessage).toBe('Unknown error');
    expect(done.dateSent).toBeNull();
    expect(done.price).toBeNull();
  });

  it('fetches a message with the API key client too', async () => {
    const m = await emu.client().messages.create({ to: '+14155550106', from, body: 'key fetch' });
    const fetched = await emu.apiKeyClient().messages(m.sid).fetch();
    expect(fetched.sid).toBe(m.sid);
    expect(fetched.body).toBe('key fetch');
  });

  it('answers 20404 for unknown or malformed message SIDs', async () => {
    const client = emu.client();
    const unknown = 'SM' + '0'.repeat(32);
    const err = await expectTwilioError(client.messages(unknown).fetch(), {
      status: 404,
      code: 20404,
    });
    expect(err.message).toBe(
      `The requested resource /2010-04-01/Accounts/${emu.accountSid}/Messages/${unknown}.json was not found`,
    );
    await expectTwilioError(client.messages('MM' + 'a'.repeat(32)).fetch(), {
      status: 404,
      code: 20404,
    });
    await expectTwilioError(client.messages('SM123').fetch(), { status: 404, code: 20404 });
    await expectTwilioError(client.messages('XX' + 'a'.repeat(32)).fetch(), {
      status: 404,
      code: 20404,
    });
    await expectTwilioError(client.messages(unknown).update({ body: '' }), {
      status: 404,
      code: 20404,
    });
    await expectTwilioError(client.messages(unknown).remove(), { status: 404, code: 20404 });
  });
});

describe('redact and delete', () => {
  let emu: RunningEmulator;
  let from: string;
  beforeEach(async () => {
    emu = await startEmulator({ stepMs: STEP });
    from = emu.emulator.info().phoneNumbers[0]!;
  });
  afterEach(() => emu.close());

  it('redacts a delivered message: body empty, everything else kept', async () => {
    const client = emu.client();
    const m = await client.messages.create({ to: '+14155550200', from, body: 'secret' });
    emu.clock.advance(3 * STEP);
    const before = await client.messages(m.sid).fetch();
    emu.clock.advance(STEP);
    const redacted = await client.messages(m.sid).update({ body: '' });
    expect(redacted.body).toBe('');
    expect(redacted.status).toBe('delivered');
    expect(redacted.to).toBe(before.to);
    expect(redacted.from).toBe(before.from);
    expect(redacted.price).toBe(before.price);
    expect(redacted.dateSent?.getTime()).toBe(before.dateSent?.getTime());
    expect(redacted.numSegments).toBe(before.numSegments);
    expect(redacted.dateUpdated.getTime()).toBe(START + 4 * STEP);
    expect((await client.messages(m.sid).fetch()).body).toBe('');
  });

  it('redacts failed and undelivered messages', async () => {
    const client = emu.client();
    const failed = await client.messages.create({ to: '+15005550011', from, body: 'f' });
    const undelivered = await client.messages.create({ to: '+15005550010', from, body: 'u' });
    emu.clock.advance(10 * STEP);
    expect((await client.messages(failed.sid).update({ body: '' })).body).toBe('');
    expect((await client.messages(undelivered.sid).update({ body: '' })).body).toBe('');
  });

  it('refuses to redact a message before it is final (409, 20009)', async () => {
    const client = emu.client();
    const m = await client.messages.create({ to: '+14155550201', from, body: 'in flight' });
    for (const status of ['queued', 'sending', 'sent']) {
      expect((await client.messages(m.sid).fetch()).status).toBe(status);
      await expectTwilioError(client.messages(m.sid).update({ body: '' }), {
        status: 409,
        code: 20009,
        message: 'Cannot redact this message before it is complete',
      });
      emu.clock.advance(STEP);
    }
    expect((await client.messages(m.sid).fetch()).body).toBe('in flight');
  });

  it('deletes a final message: remove() resolves true and the message is gone', async () => {
    const client = emu.client();
    const m = await client.messages.create({ to: '+14155550202', from, body: 'bye' });
    emu.clock.advance(3 * STEP);
    await expect(client.messages(m.sid).remove()).resolves.toBe(true);
    await expectTwilioError(client.messages(m.sid).fetch(), { status: 404, code: 20404 });
    await expectTwilioError(client.messages(m.sid).remove(), { status: 404, code: 20404 });
    const listed = await client.messages.list();
    expect(listed.map((x) => x.sid)).not.toContain(m.sid);
  });

  it('deletes failed messages and with the API key', async () => {
    const m = await emu.client().messages.create({ to: '+15005550011', from, body: 'x' });
    emu.clock.advance(2 * STEP);
    await expect(emu.apiKeyClient().messages(m.sid).remove()).resolves.toBe(true);
  });

  it('refuses to delete a message before it is final (409, 20009)', async () => {
    const client = emu.client();
    const m = await client.messages.create({ to: '+14155550203', from, body: 'wait' });
    for (const status of ['queued', 'sending', 'sent']) {
      expect((await client.messages(m.sid).fetch()).status).toBe(status);
      await expectTwilioError(client.messages(m.sid).remove(), {
        status: 409,
        code: 20009,
        message: 'Cannot delete this resource before it is complete',
      });
      emu.clock.advance(STEP);
    }
    await expect(client.messages(m.sid).remove()).resolves.toBe(true);
  });

  it('refuses to delete an accepted Messaging Service message', async () => {
    const messagingServiceSid = emu.emulator.info().messagingServiceSids[0]!;
    const m = await emu
      .client()
      .messages.create({ to: '+14155550204', messagingServiceSid, body: 'a' });
    await expectTwilioError(emu.client().messages(m.sid).remove(), { status: 409, code: 20009 });
  });
});
