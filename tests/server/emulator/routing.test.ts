import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';
import {
  accountUrl,
  basicAuth,
  expectErrorBody,
  FORM,
  form,
  rawRequest,
} from '../../helpers/twilio-assert';

// How a request reaches a resource: credentials are checked before the body is read, and paths
// match as Twilio's do, letter case and trailing slash included.

describe('emulator routing', () => {
  let emu: RunningEmulator;
  let from: string;
  beforeAll(async () => {
    emu = await startEmulator();
    from = emu.emulator.info().phoneNumbers[0]!;
  });
  afterAll(() => emu.close());

  const count = async () => (await emu.client().messages.list()).length;

  describe('authentication before the body', () => {
    const huge = `To=%2B14155550900&Body=${'a'.repeat(1_100_000)}`;

    it('answers an oversized POST without credentials 401 20003, not 413', async () => {
      const res = await rawRequest(emu, `${accountUrl(emu)}/Messages.json`, {
        method: 'POST',
        headers: FORM,
        body: huge,
        auth: null,
      });
      expect(res.status).toBe(401);
      expectErrorBody(res.body, 401, 20003);
    });

    it('answers an oversized POST with a wrong token 401 20003 as well', async () => {
      const res = await rawRequest(emu, `${accountUrl(emu)}/Messages.json`, {
        method: 'POST',
        headers: FORM,
        body: huge,
        auth: basicAuth(emu.accountSid, '0'.repeat(32)),
      });
      expect(res.status).toBe(401);
      expectErrorBody(res.body, 401, 20003);
    });

    it('answers a body it cannot decode 401 when the caller is unknown, and 415 once it is known', async () => {
      const init = {
        method: 'POST',
        headers: { ...FORM, 'content-type': `${FORM['content-type']}; charset=klingon` },
        body: 'To=1',
      };
      expectErrorBody(
        (await rawRequest(emu, `${accountUrl(emu)}/Messages.json`, { ...init, auth: null })).body,
        401,
        20003,
      );
      expect((await rawRequest(emu, `${accountUrl(emu)}/Messages.json`, init)).status).toBe(415);
    });

    it('still answers 413 to an authenticated caller', async () => {
      const res = await rawRequest(emu, `${accountUrl(emu)}/Messages.json`, {
        method: 'POST',
        headers: FORM,
        body: huge,
      });
      expect(res.status).toBe(413);
      expectErrorBody(res.body, 413);
    });
  });

  describe('case-sensitive, strict paths', () => {
    /** The 404 the emulator answers for a resource it does not have, for comparison. */
    async function unknownResource(path: string) {
      const res = await rawRequest(emu, path);
      expect(res.status).toBe(404);
      expect(res.contentType).toContain('application/json');
      return res.body;
    }

    const notFound = (path: string) => ({
      code: 20404,
      message: `The requested resource ${path} was not found`,
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });

    it('answers an unknown resource with the body the wrong-case paths must match', async () => {
      const path = `/2010-04-01/Accounts/${emu.accountSid}/Calls.json`;
      expect(await unknownResource(path)).toEqual(notFound(path));
    });

    it('answers 404 20404 for paths that differ from Twilio’s only in letter case', async () => {
      const A = `/2010-04-01/Accounts/${emu.accountSid}`;
      const sm = 'SM' + 'a'.repeat(32);
      for (const path of [
        `${A}/messages.json`,
        `${A}/MESSAGES.json`,
        `${A}/Messages.JSON`,
        `/2010-04-01/accounts/${emu.accountSid}/Messages.json`,
        `${A}/messages/${sm}.json`,
        `${A}/incomingPhoneNumbers.json`,
        `${A}/outgoingcallerids.json`,
        `${A}.JSON`,
      ]) {
        expect(await unknownResource(path), path).toEqual(notFound(path));
      }
    });

    it('answers 404 20404 for a trailing slash', async () => {
      const A = `/2010-04-01/Accounts/${emu.accountSid}`;
      for (const path of [
        `${A}/Messages.json/`,
        `${A}/IncomingPhoneNumbers.json/`,
        `${A}/Messages/SM${'a'.repeat(32)}.json/`,
        `${A}.json/`,
      ]) {
        expect(await unknownResource(path), path).toEqual(notFound(path));
      }
    });

    it('creates nothing through a wrong-case path', async () => {
      const before = await count();
      const path = `/2010-04-01/Accounts/${emu.accountSid}/messages.json`;
      const res = await rawRequest(emu, path, {
        method: 'POST',
        headers: FORM,
        body: form({ To: '+14155550901', From: from, Body: 'x' }),
      });
      expect(res.status).toBe(404);
      expect(res.body).toEqual(notFound(path));
      expect(await count()).toBe(before);
    });

    it('still serves Twilio’s own spelling', async () => {
      const created = await rawRequest(emu, `${accountUrl(emu)}/Messages.json`, {
        method: 'POST',
        headers: FORM,
        body: form({ To: '+14155550902', From: from, Body: 'right case' }),
      });
      expect(created.status).toBe(201);
      const sid = (created.body as { sid: string }).sid;
      expect((await rawRequest(emu, `${accountUrl(emu)}/Messages/${sid}.json`)).status).toBe(200);
      expect((await rawRequest(emu, `${accountUrl(emu)}.json`)).status).toBe(200);
      expect((await rawRequest(emu, `${accountUrl(emu)}/IncomingPhoneNumbers.json`)).status).toBe(
        200,
      );
      expect((await rawRequest(emu, `${accountUrl(emu)}/OutgoingCallerIds.json`)).status).toBe(200);
    });
  });
});
