import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../helpers/emulator';
import { PATHS, operation } from '../helpers/openapi';
import { accountPaths, expectConforms, expectTwilioError, rawRequest } from '../helpers/raw-twilio';

// The spec declares no error responses at all (only 200/201/204), so error bodies are checked
// against the 2010 API's documented format: exactly code (integer), message (string), more_info
// (https://www.twilio.com/docs/errors/<code>) and status (integer, equal to the HTTP status).

describe('emulator error bodies', () => {
  let emu: RunningEmulator;
  let paths: ReturnType<typeof accountPaths>;
  let from: string;
  let serviceSid: string;

  beforeAll(async () => {
    emu = await startEmulator({ stepMs: 1000 });
    paths = accountPaths(emu);
    from = emu.emulator.info().phoneNumbers[0]!;
    serviceSid = emu.emulator.info().messagingServiceSids[0]!;
  });
  afterAll(() => emu.close());

  it('are absent from the spec, which only declares success statuses', () => {
    expect(Object.keys(operation(PATHS.messages, 'post').responses)).toEqual(['201']);
    expect(Object.keys(operation(PATHS.messages, 'get').responses)).toEqual(['200']);
    expect(Object.keys(operation(PATHS.message, 'post').responses)).toEqual(['200']);
  });

  describe('authentication and routing', () => {
    it('401 20003 without credentials, with a wrong token, and for another account', async () => {
      expectTwilioError(await rawRequest(emu, 'GET', paths.messages, { auth: null }), 401, 20003);
      expectTwilioError(
        await rawRequest(emu, 'GET', paths.messages, {
          auth: { user: emu.accountSid, pass: 'nope' },
        }),
        401,
        20003,
      );
      const other = `AC${'0'.repeat(32)}`;
      expectTwilioError(
        await rawRequest(emu, 'GET', `/2010-04-01/Accounts/${other}/Messages.json`),
        401,
        20003,
      );
      const res = await rawRequest(emu, 'GET', paths.messages, { auth: null });
      expect(res.body.message).toBe('Authenticate');
    });

    it('401 20003 when a standard API key reads the Accounts resource', async () => {
      const res = await rawRequest(emu, 'GET', paths.account, {
        auth: { user: emu.apiKeySid, pass: emu.apiKeySecret },
      });
      expectTwilioError(res, 401, 20003);
    });

    it('404 20404 naming the requested path, for unknown and malformed SIDs and unknown paths', async () => {
      const unknown = paths.message(`SM${'0'.repeat(32)}`);
      const res = await rawRequest(emu, 'GET', unknown);
      expectTwilioError(res, 404, 20404);
      expect(res.body.message).toBe(`The requested resource ${unknown} was not found`);
      expectTwilioError(await rawRequest(emu, 'GET', paths.message('XX123')), 404, 20404);
      expectTwilioError(
        await rawRequest(emu, 'DELETE', paths.message(`MM${'0'.repeat(32)}`)),
        404,
        20404,
      );
      expectTwilioError(
        await rawRequest(emu, 'GET', `/2010-04-01/Accounts/${emu.accountSid}/Calls.json`),
        404,
        20404,
      );
    });

    it('405 20004 for a method the resource does not have', async () => {
      expectTwilioError(await rawRequest(emu, 'PUT', paths.messages), 405, 20004);
      expectTwilioError(await rawRequest(emu, 'DELETE', paths.incomingPhoneNumbers), 405, 20004);
    });
  });

  describe('create validation', () => {
    const cases: [string, Record<string, string | string[]>, number][] = [
      ['To missing', { From: '+12025550143', Body: 'x' }, 21604],
      ['To malformed', { To: '5551234', From: '+12025550143', Body: 'x' }, 21211],
      ['From and MessagingServiceSid missing', { To: '+15551234567', Body: 'x' }, 21603],
      ['Body and MediaUrl missing', { To: '+15551234567', From: '+12025550143' }, 21602],
      ['From not owned', { To: '+15551234567', From: '+15559998888', Body: 'x' }, 21606],
      [
        'MessagingServiceSid malformed',
        { To: '+15551234567', MessagingServiceSid: 'MG123', Body: 'x' },
        21705,
      ],
      [
        'Body over 1600 characters',
        { To: '+15551234567', From: '+12025550143', Body: 'a'.repeat(1601) },
        21617,
      ],
      ['magic To: unsubscribed', { To: '+15005550004', From: '+12025550143', Body: 'x' }, 21610],
      [
        'schedule without service',
        { To: '+15551234567', From: '+12025550143', Body: 'x', ScheduleType: 'fixed' },
        35118,
      ],
    ];
    for (const [name, form, code] of cases) {
      it(`400 ${code}: ${name}`, async () => {
        const res = await rawRequest(emu, 'POST', paths.messages, { form });
        expectTwilioError(res, 400, code);
      });
    }

    it('400 35114 for a SendAt outside the scheduling window', async () => {
      const form = {
        To: '+15551234567',
        MessagingServiceSid: serviceSid,
        Body: 'x',
        ScheduleType: 'fixed',
      };
      const soon = new Date(emu.clock.now() + 60_000);
      expectTwilioError(
        await rawRequest(emu, 'POST', paths.messages, { form: { ...form, SendAt: soon } }),
        400,
        35114,
      );
    });

    it('400 21604 for a JSON body, which the 2010 API does not read', async () => {
      const rawBody = {
        contentType: 'application/json',
        text: JSON.stringify({ To: '+15551234567', From: from, Body: 'x' }),
      };
      expectTwilioError(await rawRequest(emu, 'POST', paths.messages, { rawBody }), 400, 21604);
    });
  });

  describe('list, update and delete', () => {
    it('400 20007 for PageSize over 1000, 21481 for a made-up PageToken', async () => {
      expectTwilioError(
        await rawRequest(emu, 'GET', paths.messages, { query: { PageSize: 1001 } }),
        400,
        20007,
      );
      expectTwilioError(
        await rawRequest(emu, 'GET', paths.messages, { query: { PageToken: 'nonsense' } }),
        400,
        21481,
      );
      expectTwilioError(
        await rawRequest(emu, 'GET', paths.incomingPhoneNumbers, { query: { PageToken: 'x' } }),
        400,
        21481,
      );
    });

    it('30400 for an update with no parameters, 30409 to cancel an unscheduled message, 20009 to delete too early', async () => {
      const created = await rawRequest(emu, 'POST', paths.messages, {
        form: { To: '+15551234567', From: from, Body: 'x' },
      });
      expectConforms(created, PATHS.messages, 'post', 201);
      const sid = created.body.sid as string;
      expectTwilioError(
        await rawRequest(emu, 'POST', paths.message(sid), { form: {} }),
        400,
        30400,
      );
      expectTwilioError(
        await rawRequest(emu, 'POST', paths.message(sid), { form: { Status: 'sent' } }),
        400,
        30400,
      );
      expectTwilioError(
        await rawRequest(emu, 'POST', paths.message(sid), { form: { Status: 'canceled' } }),
        400,
        30409,
      );
      expectTwilioError(await rawRequest(emu, 'DELETE', paths.message(sid)), 409, 20009);
    });
  });

  describe('the conformance assertion itself', () => {
    it('fails for a response that lacks a declared key, adds an undeclared one, or has the wrong status', async () => {
      const res = await rawRequest(emu, 'GET', paths.account);
      expectConforms(res, PATHS.account, 'get', 200);
      const { uri: _uri, ...withoutUri } = res.body;
      expect(() => expectConforms({ ...res, body: withoutUri }, PATHS.account, 'get', 200)).toThrow(
        /uri/,
      );
      expect(() =>
        expectConforms({ ...res, body: { ...res.body, extra: 1 } }, PATHS.account, 'get', 200),
      ).toThrow(/extra/);
      expect(() =>
        expectConforms({ ...res, body: { ...res.body, type: 'Gold' } }, PATHS.account, 'get', 200),
      ).toThrow(/type/);
      expect(() => expectConforms({ ...res, status: 201 }, PATHS.account, 'get', 200)).toThrow();
      expect(() =>
        expectConforms({ ...res, contentType: 'text/html' }, PATHS.account, 'get', 200),
      ).toThrow();
    });
  });
});
