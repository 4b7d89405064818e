import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';
import {
  accountUrl,
  expectErrorBody,
  expectTwilioError,
  FORM,
  form,
  rawRequest,
} from '../../helpers/twilio-assert';

// Every error code the emulator answers, as the official library reports it: RestException with
// status, code, message and moreInfo.

const OTHER_ACCOUNT = 'AC' + 'f'.repeat(32);

describe('emulator errors through the twilio library', () => {
  let emu: RunningEmulator;
  let from: string;
  let messagingServiceSid: string;
  const to = '+14155550500';
  beforeAll(async () => {
    emu = await startEmulator({ stepMs: 1000 });
    from = emu.emulator.info().phoneNumbers[0]!;
    messagingServiceSid = emu.emulator.info().messagingServiceSids[0]!;
  });
  afterAll(() => emu.close());

  const pointed = (c: twilio.Twilio) => {
    c.api.baseUrl = emu.baseUrl;
    return c;
  };
  const create = (params: Record<string, unknown>) =>
    emu
      .client()
      .messages.create(params as unknown as Parameters<twilio.Twilio['messages']['create']>[0]);

  describe('20003 authentication', () => {
    const authenticate = { status: 401, code: 20003, message: 'Authenticate' };

    it('refuses a wrong Auth Token', async () => {
      const bad = pointed(twilio(emu.accountSid, '0'.repeat(32)));
      await expectTwilioError(bad.messages.list(), authenticate);
      await expectTwilioError(bad.messages.create({ to, from, body: 'x' }), authenticate);
      await expectTwilioError(bad.api.v2010.accounts(emu.accountSid).fetch(), authenticate);
      await expectTwilioError(bad.incomingPhoneNumbers.list(), authenticate);
    });

    it('refuses a wrong API key secret and an unknown API key', async () => {
      const badSecret = pointed(
        twilio(emu.apiKeySid, 'not-the-secret-at-all', { accountSid: emu.accountSid }),
      );
      await expectTwilioError(badSecret.messages.list(), authenticate);
      const unknownKey = pointed(
        twilio('SK' + '1'.repeat(32), emu.apiKeySecret, { accountSid: emu.accountSid }),
      );
      await expectTwilioError(unknownKey.messages.list(), authenticate);
    });

    it('refuses the Auth Token used as the API key secret and vice versa', async () => {
      const mixed = pointed(twilio(emu.apiKeySid, emu.authToken, { accountSid: emu.accountSid }));
      await expectTwilioError(mixed.messages.list(), authenticate);
      const mixed2 = pointed(twilio(emu.accountSid, emu.apiKeySecret));
      await expectTwilioError(mixed2.messages.list(), authenticate);
    });

    it('refuses good credentials with another account SID in the path', async () => {
      const client = emu.client();
      await expectTwilioError(
        client.api.v2010.accounts(OTHER_ACCOUNT).messages.list(),
        authenticate,
      );
      await expectTwilioError(
        client.api.v2010.accounts(OTHER_ACCOUNT).messages.create({ to, from, body: 'x' }),
        authenticate,
      );
      await expectTwilioError(client.api.v2010.accounts(OTHER_ACCOUNT).fetch(), authenticate);
      await expectTwilioError(
        client.api.v2010.accounts(OTHER_ACCOUNT).incomingPhoneNumbers.list(),
        authenticate,
      );
      const keyForOther = pointed(
        twilio(emu.apiKeySid, emu.apiKeySecret, { accountSid: OTHER_ACCOUNT }),
      );
      await expectTwilioError(keyForOther.messages.list(), authenticate);
    });

    it('answers the exact 401 body of Twilio', async () => {
      const res = await rawRequest(emu, `${accountUrl(emu)}/Messages.json`, { auth: null });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      });
    });
  });

  it('20404 for an unknown message, with the request path in the message', async () => {
    const sid = 'SM' + 'b'.repeat(32);
    await expectTwilioError(emu.client().messages(sid).fetch(), {
      status: 404,
      code: 20404,
      message: `/2010-04-01/Accounts/${emu.accountSid}/Messages/${sid}.json was not found`,
    });
  });

  it('20009 for deleting or redacting a message in flight', async () => {
    const m = await emu.client().messages.create({ to, from, body: 'in flight' });
    await expectTwilioError(emu.client().messages(m.sid).remove(), { status: 409, code: 20009 });
    await expectTwilioError(emu.client().messages(m.sid).update({ body: '' }), {
      status: 409,
      code: 20009,
    });
  });

  describe('create validation', () => {
    const cases: [
      name: string,
      params: Record<string, unknown>,
      status: number,
      code: number,
      message?: string,
    ][] = [
      [
        '21211 invalid To',
        { to: '555-1234', from: '$FROM', body: 'x' },
        400,
        21211,
        "The 'To' number 555-1234 is not a valid phone number.",
      ],
      ['21211 To without +', { to: '14155550500', from: '$FROM', body: 'x' }, 400, 21211],
      [
        '21211 To with a leading zero country code',
        { to: '+0123456789', from: '$FROM', body: 'x' },
        400,
        21211,
      ],
      [
        '21211 To that is too long',
        { to: '+1234567890123456', from: '$FROM', body: 'x' },
        400,
        21211,
      ],
      ['21211 bare whatsapp: prefix', { to: 'whatsapp:', from: '$FROM', body: 'x' }, 400, 21211],
      [
        '21212 invalid From',
        { to, from: 'not a number', body: 'x' },
        400,
        21212,
        'not a valid phone number',
      ],
      [
        '21602 no Body and no MediaUrl',
        { to, from: '$FROM' },
        400,
        21602,
        'Message body is required.',
      ],
      ['21602 empty Body', { to, from: '$FROM', body: '' }, 400, 21602],
      [
        '21603 neither From nor MessagingServiceSid',
        { to, body: 'x' },
        400,
        21603,
        "A 'From' or 'MessagingServiceSid'",
      ],
      [
        '21606 From not owned by the account',
        { to, from: '+14155559999', body: 'x' },
        400,
        21606,
        '+14155559999',
      ],
      [
        '21609 StatusCallback not a URL',
        { to, from: '$FROM', body: 'x', statusCallback: 'not a url' },
        400,
        21609,
      ],
      [
        '21609 StatusCallback of another scheme',
        { to, from: '$FROM', body: 'x', statusCallback: 'ftp://example.com/cb' },
        400,
        21609,
      ],
      [
        '21609 StatusCallback host with underscore',
        { to, from: '$FROM', body: 'x', statusCallback: 'https://my_host.example.com/cb' },
        400,
        21609,
      ],
      [
        '21609 StatusCallback over 4000 characters',
        { to, from: '$FROM', body: 'x', statusCallback: `https://example.com/${'a'.repeat(4000)}` },
        400,
        21609,
      ],
      [
        '21617 Body over 1600 characters',
        { to, from: '$FROM', body: 'a'.repeat(1601) },
        400,
        21617,
        '1600',
      ],
      [
        '21617 counts characters, not UTF-16 units',
        { to, from: '$FROM', body: '😀'.repeat(1601) },
        400,
        21617,
      ],
      ['21619 service send without body or media', { to, messagingServiceSid: '$MG' }, 400, 21619],
      [
        '21620 media URL that is not http(s)',
        { to, from: '$FROM', mediaUrl: ['ftp://example.com/a.png'] },
        400,
        21620,
        'ftp://example.com/a.png',
      ],
      [
        '21620 relative media URL',
        { to, from: '$FROM', body: 'x', mediaUrl: ['/a.png'] },
        400,
        21620,
      ],
      [
        '21623 more than 10 media URLs',
        {
          to,
          from: '$FROM',
          mediaUrl: Array.from({ length: 11 }, (_, i) => `https://e.com/${i}.png`),
        },
        400,
        21623,
      ],
      [
        '21701 unknown Messaging Service',
        { to, messagingServiceSid: 'MG' + '0'.repeat(32), body: 'x' },
        400,
        21701,
      ],
      [
        '21705 malformed Messaging Service SID',
        { to, messagingServiceSid: 'MG123', body: 'x' },
        400,
        21705,
      ],
      [
        '21910 SMS From to a WhatsApp To',
        { to: 'whatsapp:+14155550500', from: '$FROM', body: 'x' },
        400,
        21910,
      ],
      ['21910 WhatsApp From to an SMS To', { to, from: 'whatsapp:$FROM', body: 'x' }, 400, 21910],
    ];

    // The table is built before the emulator starts: $FROM and $MG stand for its sender and service.
    const resolve = (params: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(params).map(([k, v]) => [
          k,
          typeof v === 'string' ? v.replace('$FROM', from).replace('$MG', messagingServiceSid) : v,
        ]),
      );

    it.each(cases)('%s', async (_name, params, status, code, message) => {
      await expectTwilioError(create(resolve(params)), {
        status,
        code,
        ...(message ? { message } : {}),
      });
    });

    it('accepts a body of exactly 1600 characters, emoji included', async () => {
      expect((await create({ to, from, body: '😀'.repeat(1600) })).status).toBe('queued');
    });

    it('21604 when To is missing on the wire, or the body is JSON rather than a form', async () => {
      const url = `${accountUrl(emu)}/Messages.json`;
      const noTo = await rawRequest(emu, url, {
        method: 'POST',
        headers: FORM,
        body: form({ From: from, Body: 'x' }),
      });
      expect(noTo.status).toBe(400);
      expectErrorBody(noTo.body, 400, 21604);
      const json = await rawRequest(emu, url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ To: to, From: from, Body: 'x' }),
      });
      expect(json.status).toBe(400);
      expectErrorBody(json.body, 400, 21604);
      expect((json.body as { message: string }).message).toBe("A 'To' phone number is required.");
    });

    it('twilio-node refuses a missing to before any request', () => {
      expect(() => create({ from, body: 'x' })).toThrow(/to/);
    });
  });

  describe("Twilio's magic test numbers", () => {
    const magic: [name: string, to: string, from: string, code: number][] = [
      ['From +15005550001 is invalid', '+14155550501', '+15005550001', 21212],
      ['From +15005550007 is not owned', '+14155550501', '+15005550007', 21606],
      ['From +15005550008 has a full queue', '+14155550501', '+15005550008', 21611],
      ['To +15005550001 is invalid', '+15005550001', '+15005550006', 21211],
      ['To +15005550002 cannot be routed', '+15005550002', '+15005550006', 21612],
      ['To +15005550003 has no international permission', '+15005550003', '+15005550006', 21408],
      ['To +15005550004 has unsubscribed', '+15005550004', '+15005550006', 21610],
      ['To +15005550009 is not a mobile number', '+15005550009', '+15005550006', 21614],
      ['To magic numbers apply with an owned From too', '+15005550002', 'OWNED', 21612],
    ];

    it.each(magic)('%s', async (_name, toNumber, fromNumber, code) => {
      const sender = fromNumber === 'OWNED' ? from : fromNumber;
      await expectTwilioError(
        emu.client().messages.create({ to: toNumber, from: sender, body: 'magic' }),
        {
          status: 400,
          code,
        },
      );
    });

    it('From +15005550006 passes validation', async () => {
      const m = await emu
        .client()
        .messages.create({ to: '+15005550006', from: '+15005550006', body: 'ok' });
      expect(m.status).toBe('queued');
    });

    // Twilio's test credentials still validate the request's parameters; a magic number decides
    // only the outcome of a request that is otherwise valid.
    const beforeMagic: [name: string, params: Record<string, unknown>, code: number][] = [
      ['21603 before a magic To', { to: '+15005550002', body: 'x' }, 21603],
      ['21602 before a magic To', { to: '+15005550004', from: '$FROM' }, 21602],
      ['21602 before a magic From', { to, from: '+15005550001' }, 21602],
      [
        '21619 before a magic To through a service',
        { to: '+15005550003', messagingServiceSid: '$MG' },
        21619,
      ],
      ['21606 before a magic To', { to: '+15005550009', from: '+14155559999', body: 'x' }, 21606],
      [
        '21910 before a magic From',
        { to: 'whatsapp:+14155550501', from: '+15005550008', body: 'x' },
        21910,
      ],
      ['21617 before a magic From', { to, from: '+15005550008', body: 'a'.repeat(1601) }, 21617],
      [
        '21620 before a magic To',
        { to: '+15005550001', from: '$FROM', mediaUrl: ['ftp://example.com/a.png'] },
        21620,
      ],
      [
        '21609 before a magic To',
        { to: '+15005550002', from: '$FROM', body: 'x', statusCallback: 'not a url' },
        21609,
      ],
      [
        '21701 before a magic To',
        { to: '+15005550004', messagingServiceSid: 'MG' + '0'.repeat(32), body: 'x' },
        21701,
      ],
      [
        '35118 before a magic To',
        {
          to: '+15005550004',
          from: '$FROM',
          body: 'x',
          scheduleType: 'fixed',
          sendAt: new Date(Date.UTC(2030, 1, 1)),
        },
        35118,
      ],
    ];

    it.each(beforeMagic)('%s', async (_name, params, code) => {
      const resolved = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [
          k,
          v === '$FROM' ? from : v === '$MG' ? messagingServiceSid : v,
        ]),
      );
      await expectTwilioError(create(resolved), { status: 400, code });
    });

    it('21604 before a magic From, on the wire', async () => {
      const res = await rawRequest(emu, `${accountUrl(emu)}/Messages.json`, {
        method: 'POST',
        headers: FORM,
        body: form({ From: '+15005550001', Body: 'x' }),
      });
      expectErrorBody(res.body, 400, 21604);
    });

    it('applies a magic To through a Messaging Service once the request is valid', async () => {
      await expectTwilioError(create({ to: '+15005550002', messagingServiceSid, body: 'x' }), {
        status: 400,
        code: 21612,
        message: "The 'To' phone number: +15005550002, is not currently reachable via SMS.",
      });
    });
  });

  describe('update, list and method errors', () => {
    it('30400 for an update that is neither a redaction nor a cancel', async () => {
      const m = await emu.client().messages.create({ to, from, body: 'u' });
      const client = emu.client();
      await expectTwilioError(client.messages(m.sid).update({}), {
        status: 400,
        code: 30400,
        message: 'Parameters are not valid',
      });
      await expectTwilioError(client.messages(m.sid).update({ body: 'new text' }), {
        status: 400,
        code: 30400,
      });
      await expectTwilioError(client.messages(m.sid).update({ status: 'sent' as 'canceled' }), {
        status: 400,
        code: 30400,
        message: "'sent'",
      });
      await expectTwilioError(client.messages(m.sid).update({ body: '', status: 'canceled' }), {
        status: 400,
        code: 30400,
      });
    });

    it('30409 for cancelling a message that is not scheduled', async () => {
      const m = await emu.client().messages.create({ to, from, body: 'c' });
      await expectTwilioError(emu.client().messages(m.sid).update({ status: 'canceled' }), {
        status: 400,
        code: 30409,
      });
    });

    it('35111, 35114, 35118 and 35126 for scheduling mistakes', async () => {
      const sendAt = new Date(emu.clock.now() + 3_600_000);
      const base = { to, body: 'later', messagingServiceSid };
      await expectTwilioError(create({ ...base, scheduleType: 'fixed' }), {
        status: 400,
        code: 35111,
      });
      await expectTwilioError(
        create({ ...base, scheduleType: 'fixed', sendAt: new Date(emu.clock.now() + 60_000) }),
        {
          status: 400,
          code: 35114,
        },
      );
      await expectTwilioError(create({ to, from, body: 'x', scheduleType: 'fixed', sendAt }), {
        status: 400,
        code: 35118,
      });
      await expectTwilioError(create({ ...base, scheduleType: 'sometimes', sendAt }), {
        status: 400,
        code: 35126,
      });
    });

    it('21481 for a bad PageToken and 20007 for PageSize over 1000', async () => {
      await expectTwilioError(emu.client().messages.page({ pageToken: 'nope' }), {
        status: 400,
        code: 21481,
      });
      await expectTwilioError(emu.client().messages.list({ pageSize: 1001 }), {
        status: 400,
        code: 20007,
        message: 'Page size too large',
      });
      await expectTwilioError(emu.client().incomingPhoneNumbers.page({ pageToken: 'nope' }), {
        status: 400,
        code: 21481,
      });
      await expectTwilioError(emu.client().outgoingCallerIds.list({ pageSize: 2000 }), {
        status: 400,
        code: 20007,
      });
    });

    it('20004 for a method a resource does not have, 20404 for an unknown resource', async () => {
      const put = await rawRequest(emu, `${accountUrl(emu)}/Messages.json`, { method: 'PUT' });
      expect(put.status).toBe(405);
      expectErrorBody(put.body, 405, 20004);
      const del = await rawRequest(emu, `${accountUrl(emu)}.json`, { method: 'DELETE' });
      expectErrorBody(del.body, 405, 20004);
      const post = await rawRequest(emu, `${accountUrl(emu)}/IncomingPhoneNumbers.json`, {
        method: 'POST',
      });
      expectErrorBody(post.body, 405, 20004);
      const calls = await rawRequest(emu, `${accountUrl(emu)}/Calls.json`);
      expectErrorBody(calls.body, 404, 20404);
      expect((calls.body as { message: string }).message).toContain(
        `/2010-04-01/Accounts/${emu.accountSid}/Calls.json`,
      );
    });
  });
});
