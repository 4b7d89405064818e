import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';
import { accountUrl, expectTwilioError, rawRequest } from '../../helpers/twilio-assert';

// Creating messages through the official twilio library: SMS, MMS, WhatsApp, Messaging Service
// sends, segment counting and trial accounts.

const START = Date.UTC(2030, 0, 15, 12, 0, 0);
const SID = /^SM[0-9a-f]{32}$/;
const MM_SID = /^MM[0-9a-f]{32}$/;

describe('creating messages', () => {
  let emu: RunningEmulator;
  let from: string;
  let other: string;
  let serviceSid: string;
  beforeAll(async () => {
    emu = await startEmulator({ stepMs: 1000 });
    [from, other] = emu.emulator.info().phoneNumbers as [string, string];
    serviceSid = emu.emulator.info().messagingServiceSids[0]!;
  });
  afterAll(() => emu.close());

  it('sends an SMS and answers with every field of the Message resource', async () => {
    const m = await emu.client().messages.create({ to: '+14155551234', from, body: 'Hello there' });
    expect(m.sid).toMatch(SID);
    expect(m).toMatchObject({
      accountSid: emu.accountSid,
      apiVersion: '2010-04-01',
      body: 'Hello there',
      direction: 'outbound-api',
      errorCode: null,
      errorMessage: null,
      from,
      to: '+14155551234',
      messagingServiceSid: null,
      numMedia: '0',
      numSegments: '1',
      price: null,
      priceUnit: null,
      status: 'queued',
      dateSent: null,
      uri: `/2010-04-01/Accounts/${emu.accountSid}/Messages/${m.sid}.json`,
    });
    expect(m.dateCreated.getTime()).toBe(START);
    expect(m.dateUpdated.getTime()).toBe(START);
    expect(m.subresourceUris).toMatchObject({
      media: `/2010-04-01/Accounts/${emu.accountSid}/Messages/${m.sid}/Media.json`,
    });

    // On the wire: RFC 2822 dates in +0000, counts as strings, explicit nulls.
    const raw = await rawRequest(emu, `${accountUrl(emu)}/Messages/${m.sid}.json`);
    expect(raw.status).toBe(200);
    expect(raw.contentType).toContain('application/json');
    expect(raw.body).toMatchObject({
      date_created: 'Tue, 15 Jan 2030 12:00:00 +0000',
      date_sent: null,
      num_segments: '1',
      num_media: '0',
      error_code: null,
      price: null,
    });
  });

  it('creates a message through the API key as well', async () => {
    const m = await emu
      .apiKeyClient()
      .messages.create({ to: '+14155551235', from: other, body: 'key' });
    expect(m.sid).toMatch(SID);
    expect(m.accountSid).toBe(emu.accountSid);
    expect(m.from).toBe(other);
  });

  it('sends an MMS: mediaUrl array gives an MM sid and num_media', async () => {
    const mediaUrl = [
      'https://example.com/a.png',
      'https://example.com/b.jpg',
      'http://example.org/c.gif',
    ];
    const m = await emu
      .client()
      .messages.create({ to: '+14155551236', from, body: 'pics', mediaUrl });
    expect(m.sid).toMatch(MM_SID);
    expect(m.numMedia).toBe('3');
    expect(m.numSegments).toBe('1');
    const fetched = await emu.client().messages(m.sid).fetch();
    expect(fetched.numMedia).toBe('3');
  });

  it('sends an MMS with media only and no body', async () => {
    const m = await emu
      .client()
      .messages.create({ to: '+14155551237', from, mediaUrl: ['https://example.com/x.png'] });
    expect(m.sid).toMatch(MM_SID);
    expect(m.body).toBe('');
    expect(m.numMedia).toBe('1');
  });

  it('accepts the maximum of 10 media URLs', async () => {
    const mediaUrl = Array.from({ length: 10 }, (_, i) => `https://example.com/${i}.png`);
    const m = await emu.client().messages.create({ to: '+14155551238', from, mediaUrl });
    expect(m.numMedia).toBe('10');
  });

  it('sends WhatsApp with whatsapp:+E164 on both sides and one segment whatever the length', async () => {
    const body = 'x'.repeat(500);
    const m = await emu
      .client()
      .messages.create({ to: 'whatsapp:+14155551239', from: `whatsapp:${from}`, body });
    expect(m.to).toBe('whatsapp:+14155551239');
    expect(m.from).toBe(`whatsapp:${from}`);
    expect(m.status).toBe('queued');
    expect(m.numSegments).toBe('1');
  });

  it('sends through a Messaging Service: accepted, from null and num_segments "0", then queued with a sender', async () => {
    const client = emu.client();
    const m = await client.messages.create({
      to: '+14155551240',
      messagingServiceSid: serviceSid,
      body: 'via service',
    });
    expect(m.sid).toMatch(SID);
    expect(m.status).toBe('accepted');
    expect(m.from).toBeNull();
    expect(m.numSegments).toBe('0');
    expect(m.messagingServiceSid).toBe(serviceSid);

    emu.clock.advance(1000);
    const later = await client.messages(m.sid).fetch();
    expect(later.status).toBe('queued');
    expect(emu.emulator.info().phoneNumbers).toContain(later.from);
    expect(later.numSegments).toBe('1');
    expect(later.messagingServiceSid).toBe(serviceSid);
  });

  it('keeps one sender per recipient in a Messaging Service (sticky sender)', async () => {
    const client = emu.client();
    const a = await client.messages.create({
      to: '+14155551241',
      messagingServiceSid: serviceSid,
      body: 'one',
    });
    const b = await client.messages.create({
      to: '+14155551241',
      messagingServiceSid: serviceSid,
      body: 'two',
    });
    emu.clock.advance(1000);
    const [fa, fb] = await Promise.all([
      client.messages(a.sid).fetch(),
      client.messages(b.sid).fetch(),
    ]);
    expect(fa.from).not.toBeNull();
    expect(fa.from).toBe(fb.from);
  });

  it('picks a whatsapp: sender when a Messaging Service sends to WhatsApp', async () => {
    const client = emu.client();
    const m = await client.messages.create({
      to: 'whatsapp:+14155551242',
      messagingServiceSid: serviceSid,
      body: 'wa',
    });
    expect(m.from).toBeNull();
    emu.clock.advance(1000);
    const later = await client.messages(m.sid).fetch();
    expect(later.from).toMatch(/^whatsapp:\+1202555\d{4}$/);
    expect(emu.emulator.info().phoneNumbers).toContain(later.from.slice('whatsapp:'.length));
  });

  it('accepts Twilio’s magic From +15005550006 for any recipient', async () => {
    const m = await emu
      .client()
      .messages.create({ to: '+14155551243', from: '+15005550006', body: 'magic' });
    expect(m.from).toBe('+15005550006');
    expect(m.status).toBe('queued');
  });
});

describe('segment counting (num_segments)', () => {
  let emu: RunningEmulator;
  let from: string;
  beforeAll(async () => {
    emu = await startEmulator();
    from = emu.emulator.info().phoneNumbers[0]!;
  });
  afterAll(() => emu.close());

  const cases: [name: string, body: string, segments: string][] = [
    ['1 GSM-7 character', 'a', '1'],
    ['160 GSM-7 characters', 'a'.repeat(160), '1'],
    ['161 GSM-7 characters', 'a'.repeat(161), '2'],
    ['306 GSM-7 characters (2 x 153)', 'a'.repeat(306), '2'],
    ['307 GSM-7 characters', 'a'.repeat(307), '3'],
    ['1600 GSM-7 characters', 'a'.repeat(1600), '11'],
    ['GSM-7 accented letters of the basic table', 'é'.repeat(160), '1'],
    ['80 euro signs (extension, 2 units each = 160)', '€'.repeat(80), '1'],
    ['81 euro signs (162 units)', '€'.repeat(81), '2'],
    ['159 letters and one extension character', 'a'.repeat(159) + '^', '2'],
    ['158 letters and one extension character', 'a'.repeat(158) + '{', '1'],
    [
      'extension character never split across segments',
      'a'.repeat(152) + '[' + 'a'.repeat(152),
      '3',
    ],
    ['70 UCS-2 characters', 'Ж'.repeat(70), '1'],
    ['71 UCS-2 characters', 'Ж'.repeat(71), '2'],
    ['134 UCS-2 characters (2 x 67)', 'Ж'.repeat(134), '2'],
    ['135 UCS-2 characters', 'Ж'.repeat(135), '3'],
    ['one non-GSM character makes the whole message UCS-2', 'a'.repeat(70) + 'Ж', '2'],
    ['the backtick is not GSM-7', 'a'.repeat(70) + '`', '2'],
    ['35 emoji (2 UTF-16 units each = 70)', '😀'.repeat(35), '1'],
    ['36 emoji', '😀'.repeat(36), '2'],
  ];

  it.each(cases)('%s -> %s', async (_name, body, segments) => {
    const m = await emu.client().messages.create({ to: '+14155552000', from, body });
    expect(m.numSegments).toBe(segments);
    expect(m.body).toBe(body);
  });

  it('prices a multi-segment SMS per segment once it is sent', async () => {
    const m = await emu
      .client()
      .messages.create({ to: '+14155552001', from, body: 'a'.repeat(307) });
    emu.clock.advance(10_000);
    const sent = await emu.client().messages(m.sid).fetch();
    expect(sent.numSegments).toBe('3');
    expect(sent.price).toBe('-0.02370');
    expect(sent.priceUnit).toBe('USD');
  });
});

describe('trial accounts', () => {
  const PREFIX = 'Sent from your Twilio trial account - ';
  let emu: RunningEmulator;
  let from: string;
  let verified: string;
  beforeAll(async () => {
    emu = await startEmulator({ trial: true });
    from = emu.emulator.info().phoneNumbers[0]!;
    verified = emu.emulator.info().verifiedCallerIds[0]!;
  });
  afterAll(() => emu.close());

  it('reports the account as Trial', async () => {
    const account = await emu.client().api.v2010.accounts(emu.accountSid).fetch();
    expect(account.type).toBe('Trial');
    expect(emu.emulator.info().trial).toBe(true);
  });

  it('refuses an unverified To with 21608', async () => {
    await expectTwilioError(
      emu.client().messages.create({ to: '+14155553000', from, body: 'hi' }),
      {
        status: 400,
        code: 21608,
        message: '+14155553000',
      },
    );
  });

  it('refuses an unverified To through a Messaging Service too', async () => {
    const messagingServiceSid = emu.emulator.info().messagingServiceSids[0]!;
    await expectTwilioError(
      emu.client().messages.create({ to: '+14155553001', messagingServiceSid, body: 'hi' }),
      {
        status: 400,
        code: 21608,
      },
    );
  });

  it('refuses an unverified magic To with 21608 before the magic number answers', async () => {
    await expectTwilioError(
      emu.client().messages.create({ to: '+15005550002', from, body: 'hi' }),
      { status: 400, code: 21608 },
    );
    await expectTwilioError(
      emu.client().messages.create({ to: verified, from: '+15005550008', body: 'hi' }),
      { status: 400, code: 21611 },
    );
  });

  it('sends to a verified caller ID with the trial prefix on the body', async () => {
    const m = await emu.client().messages.create({ to: verified, from, body: 'hello' });
    expect(m.body).toBe(`${PREFIX}hello`);
    const fetched = await emu.client().messages(m.sid).fetch();
    expect(fetched.body).toBe(`${PREFIX}hello`);
  });

  it('counts the trial prefix in the segments', async () => {
    const fits = 160 - PREFIX.length;
    const one = await emu.client().messages.create({ to: verified, from, body: 'a'.repeat(fits) });
    const two = await emu
      .client()
      .messages.create({ to: verified, from, body: 'a'.repeat(fits + 1) });
    expect(one.numSegments).toBe('1');
    expect(two.numSegments).toBe('2');
  });

  it('leaves a media-only message without a body', async () => {
    const m = await emu
      .client()
      .messages.create({ to: verified, from, mediaUrl: ['https://example.com/t.png'] });
    expect(m.body).toBe('');
  });

  it('still lists the verified caller ID the trial may send to', async () => {
    const ids = await emu.client().outgoingCallerIds.list();
    expect(ids.map((c) => c.phoneNumber)).toEqual([verified]);
  });
});
