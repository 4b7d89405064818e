import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';
import {
  accountUrl,
  expectErrorBody,
  expectTwilioError,
  rawRequest,
} from '../../helpers/twilio-assert';

// The account resource, the API key's scope, and the seeded IncomingPhoneNumbers and
// OutgoingCallerIds lists.

const PN_SID = /^PN[0-9a-f]{32}$/;

describe('accounts and credentials', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it('fetches the account with the Auth Token', async () => {
    const account = await emu.client().api.v2010.accounts(emu.accountSid).fetch();
    expect(account).toMatchObject({
      sid: emu.accountSid,
      ownerAccountSid: emu.accountSid,
      status: 'active',
      type: 'Full',
      authToken: emu.authToken,
      uri: `/2010-04-01/Accounts/${emu.accountSid}.json`,
    });
    expect(account.friendlyName.length).toBeGreaterThan(0);
    expect(account.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(account.dateCreated.getTime())).toBe(false);
    expect(account.subresourceUris).toMatchObject({
      messages: `/2010-04-01/Accounts/${emu.accountSid}/Messages.json`,
      incoming_phone_numbers: `/2010-04-01/Accounts/${emu.accountSid}/IncomingPhoneNumbers.json`,
      outgoing_caller_ids: `/2010-04-01/Accounts/${emu.accountSid}/OutgoingCallerIds.json`,
    });
  });

  it('fetches the account through client.api.v2010.account as well', async () => {
    const account = await emu.client().api.v2010.account.fetch();
    expect(account.sid).toBe(emu.accountSid);
  });

  it('refuses the Accounts fetch to the Standard API key with 20003', async () => {
    await expectTwilioError(emu.apiKeyClient().api.v2010.accounts(emu.accountSid).fetch(), {
      status: 401,
      code: 20003,
      message: 'Authenticate',
    });
    await expectTwilioError(emu.apiKeyClient().api.v2010.account.fetch(), {
      status: 401,
      code: 20003,
    });
  });

  it('lets the API key do everything with messages', async () => {
    const key = emu.apiKeyClient();
    const [from] = emu.emulator.info().phoneNumbers;
    const m = await key.messages.create({ to: '+14155550600', from: from!, body: 'by key' });
    expect((await key.messages(m.sid).fetch()).body).toBe('by key');
    expect((await key.messages.list({ to: '+14155550600' })).map((x) => x.sid)).toEqual([m.sid]);
    emu.clock.advance(10_000);
    expect((await key.messages(m.sid).update({ body: '' })).body).toBe('');
    await expect(key.messages(m.sid).remove()).resolves.toBe(true);
    // The 'Messages.json?PageSize=1' connection test works with the key.
    const page = await key.messages.page({ pageSize: 1 });
    expect(Array.isArray(page.instances)).toBe(true);
  });

  it('lets the API key list the phone numbers and caller IDs', async () => {
    const key = emu.apiKeyClient();
    expect((await key.incomingPhoneNumbers.list()).map((n) => n.phoneNumber)).toEqual(
      emu.emulator.info().phoneNumbers,
    );
    expect((await key.outgoingCallerIds.list()).map((n) => n.phoneNumber)).toEqual(
      emu.emulator.info().verifiedCallerIds,
    );
  });

  it('describes the account without secrets in info()', () => {
    const info = emu.emulator.info();
    expect(info.accountSid).toBe(emu.accountSid);
    expect(info.apiKeySid).toBe(emu.apiKeySid);
    expect(info.trial).toBe(false);
    expect(info.messagingServiceSids).toHaveLength(1);
    expect(info.messagingServiceSids[0]).toMatch(/^MG[0-9a-f]{32}$/);
    expect(JSON.stringify(info)).not.toContain(emu.authToken);
    expect(JSON.stringify(info)).not.toContain(emu.apiKeySecret);
  });

  it('pins the account SID and Auth Token when given', async () => {
    const accountSid = 'AC' + '1234abcd'.repeat(4);
    const authToken = 'abcdef01'.repeat(4);
    const pinned = await startEmulator({ identity: { accountSid, authToken } });
    try {
      expect(pinned.accountSid).toBe(accountSid);
      const account = await pinned.client().api.v2010.accounts(accountSid).fetch();
      expect(account.authToken).toBe(authToken);
    } finally {
      await pinned.close();
    }
  });
});

describe('IncomingPhoneNumbers and OutgoingCallerIds', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it('lists the seeded phone numbers with their Twilio fields', async () => {
    const numbers = await emu.client().incomingPhoneNumbers.list();
    expect(numbers.map((n) => n.phoneNumber)).toEqual(['+12025550143', '+12025550178']);
    expect(numbers.map((n) => n.phoneNumber)).toEqual(emu.emulator.info().phoneNumbers);
    const [first] = numbers;
    expect(first!.sid).toMatch(PN_SID);
    expect(first).toMatchObject({
      accountSid: emu.accountSid,
      friendlyName: '(202) 555-0143',
      status: 'in-use',
      apiVersion: '2010-04-01',
      capabilities: { sms: true, mms: true, voice: true, fax: false },
      uri: `/2010-04-01/Accounts/${emu.accountSid}/IncomingPhoneNumbers/${first!.sid}.json`,
    });
  });

  it('lists the seeded verified caller ID', async () => {
    const ids = await emu.client().outgoingCallerIds.list();
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatchObject({
      phoneNumber: '+12025550199',
      friendlyName: '(202) 555-0199',
      accountSid: emu.accountSid,
      uri: `/2010-04-01/Accounts/${emu.accountSid}/OutgoingCallerIds/${ids[0]!.sid}.json`,
    });
    expect(ids[0]!.sid).toMatch(PN_SID);
  });

  it('filters phone numbers by part of the number, * matching any digit', async () => {
    const client = emu.client();
    expect(
      (await client.incomingPhoneNumbers.list({ phoneNumber: '0178' })).map((n) => n.phoneNumber),
    ).toEqual(['+12025550178']);
    expect(
      (await client.incomingPhoneNumbers.list({ phoneNumber: '555014*' })).map(
        (n) => n.phoneNumber,
      ),
    ).toEqual(['+12025550143']);
    expect(await client.incomingPhoneNumbers.list({ phoneNumber: '+1999' })).toEqual([]);
    expect(
      (await client.incomingPhoneNumbers.list({ friendlyName: '(202) 555-0178' })).map(
        (n) => n.phoneNumber,
      ),
    ).toEqual(['+12025550178']);
    expect((await client.outgoingCallerIds.list({ phoneNumber: '+12025550199' })).length).toBe(1);
    expect(await client.outgoingCallerIds.list({ phoneNumber: '+12025550143' })).toEqual([]);
  });

  it('pages the phone numbers one at a time, forward and back', async () => {
    const client = emu.client();
    const first = await client.incomingPhoneNumbers.page({ pageSize: 1 });
    expect(first.instances.map((n) => n.phoneNumber)).toEqual(['+12025550143']);
    const second = (await first.nextPage())!;
    expect(second.instances.map((n) => n.phoneNumber)).toEqual(['+12025550178']);
    expect(second.nextPageUrl).toBeUndefined();
    const back = (await second.previousPage())!;
    expect(back.instances.map((n) => n.phoneNumber)).toEqual(['+12025550143']);
    expect(
      (await client.incomingPhoneNumbers.list({ pageSize: 1 })).map((n) => n.phoneNumber),
    ).toEqual(['+12025550143', '+12025550178']);
  });

  it('answers the list envelope with the records under incoming_phone_numbers', async () => {
    const res = await rawRequest(emu, `${accountUrl(emu)}/IncomingPhoneNumbers.json?PageSize=1`);
    expect(res.status).toBe(200);
    const env = res.body as Record<string, unknown>;
    expect(env).toMatchObject({ page: 0, page_size: 1, start: 0, end: 0, previous_page_uri: null });
    expect(env.incoming_phone_numbers).toHaveLength(1);
    expect(env.next_page_uri).toMatch(
      /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/IncomingPhoneNumbers\.json\?PageSize=1&Page=1&PageToken=PA/,
    );
    const callerIds = await rawRequest(emu, `${accountUrl(emu)}/OutgoingCallerIds.json`);
    expect((callerIds.body as Record<string, unknown>).outgoing_caller_ids).toHaveLength(1);
    expect((callerIds.body as Record<string, unknown>).next_page_uri).toBeNull();
  });

  it('refuses a bad page token on the numbers lists with 21481', async () => {
    const res = await rawRequest(
      emu,
      `${accountUrl(emu)}/OutgoingCallerIds.json?PageToken=garbage`,
    );
    expectErrorBody(res.body, 400, 21481);
  });
});
