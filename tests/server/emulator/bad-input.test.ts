import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';
import { basicAuth, expectErrorBody, FORM, form, rawRequest } from '../../helpers/twilio-assert';

// Bad input never gives a 500: malformed bodies, odd content types, huge values, weird SIDs and
// query strings all get a 4xx with Twilio's JSON error body (or, for harmless oddities, a 200).

interface Case {
  name: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  auth?: string | null;
  /** Expected HTTP status. */
  status: number;
  /** Expected Twilio code for errors. */
  code?: number;
}

describe('bad input never gives a 500', () => {
  let emu: RunningEmulator;
  let cases: Case[];

  beforeAll(async () => {
    emu = await startEmulator();
    const A = `/2010-04-01/Accounts/${emu.accountSid}`;
    const M = `${A}/Messages.json`;
    const from = emu.emulator.info().phoneNumbers[0]!;
    const sm = 'SM' + 'a'.repeat(32);
    const post = (
      body: string | Uint8Array<ArrayBuffer>,
      headers: Record<string, string> = FORM,
    ) => ({ method: 'POST', headers, body });
    cases = [
      // Bodies and content types
      {
        name: 'JSON create',
        path: M,
        ...post(JSON.stringify({ To: '+14155550800', From: from, Body: 'x' }), {
          'content-type': 'application/json',
        }),
        status: 400,
        code: 21604,
      },
      {
        name: 'malformed JSON',
        path: M,
        ...post('{"To": ', { 'content-type': 'application/json' }),
        status: 400,
        code: 21604,
      },
      {
        name: 'text/plain form',
        path: M,
        ...post('To=%2B14155550800&From=x&Body=y', { 'content-type': 'text/plain' }),
        status: 400,
        code: 21604,
      },
      {
        name: 'multipart',
        path: M,
        ...post('--b\r\nContent-Disposition: form-data; name="To"\r\n\r\n+1415\r\n--b--', {
          'content-type': 'multipart/form-data; boundary=b',
        }),
        status: 400,
        code: 21604,
      },
      {
        name: 'XML body',
        path: M,
        ...post('<To>+14155550800</To>', { 'content-type': 'application/xml' }),
        status: 400,
        code: 21604,
      },
      {
        name: 'no content type',
        path: M,
        method: 'POST',
        body: 'To=%2B14155550800',
        status: 400,
        code: 21604,
      },
      { name: 'empty form', path: M, ...post(''), status: 400, code: 21604 },
      {
        name: 'binary junk as a form',
        path: M,
        ...post(new Uint8Array([0xff, 0xfe, 0, 1, 2, 0x80, 0x3d, 0x26])),
        status: 400,
        code: 21604,
      },
      {
        name: 'bad percent-encoding in a form',
        path: M,
        ...post('To=%ZZ&From=%&Body=%E0%A4%A'),
        status: 400,
        code: 21211,
      },
      { name: 'only separators', path: M, ...post('&&&===&&'), status: 400, code: 21604 },
      {
        name: 'unknown charset',
        path: M,
        ...post('To=1', { 'content-type': 'application/x-www-form-urlencoded; charset=klingon' }),
        status: 415,
      },
      {
        name: 'gzip that is not gzip',
        path: M,
        ...post('not gzip', { ...FORM, 'content-encoding': 'gzip' }),
        status: 400,
      },
      {
        name: 'real gzip form',
        path: M,
        ...post(new Uint8Array(gzipSync(form({ To: '+14155550800' }))), {
          ...FORM,
          'content-encoding': 'gzip',
        }),
        status: 400,
        code: 21603,
      },
      {
        name: 'unknown content encoding',
        path: M,
        ...post('x', { ...FORM, 'content-encoding': 'compress' }),
        status: 415,
      },
      { name: 'body over 1 MB', path: M, ...post(`Body=${'a'.repeat(1_100_000)}`), status: 413 },
      {
        name: 'To of 5000 digits',
        path: M,
        ...post(form({ To: '+1' + '5'.repeat(5000), From: from, Body: 'x' })),
        status: 400,
        code: 21211,
      },
      {
        name: 'Body of 100000 characters',
        path: M,
        ...post(form({ To: '+14155550800', From: from, Body: 'b'.repeat(100_000) })),
        status: 400,
        code: 21617,
      },
      {
        name: '5000 MediaUrl values',
        path: M,
        ...post(
          form({
            To: '+14155550800',
            From: from,
            MediaUrl: Array.from({ length: 5000 }, (_, i) => `https://e.com/${i}`),
          }),
        ),
        status: 400,
        code: 21623,
      },
      {
        name: 'MediaUrl "http://"',
        path: M,
        ...post(form({ To: '+14155550800', From: from, MediaUrl: 'http://' })),
        status: 400,
        code: 21620,
      },
      {
        name: 'StatusCallback with a bad port',
        path: M,
        ...post(
          form({
            To: '+14155550800',
            From: from,
            Body: 'x',
            StatusCallback: 'http://example.com:99999/',
          }),
        ),
        status: 400,
        code: 21609,
      },
      {
        name: 'SendAt far beyond year 9999',
        path: M,
        ...post(
          form({
            To: '+14155550800',
            MessagingServiceSid: emu.emulator.info().messagingServiceSids[0]!,
            Body: 'x',
            ScheduleType: 'fixed',
            SendAt: '+275760-09-13T00:00:00Z',
          }),
        ),
        status: 400,
        code: 35114,
      },
      {
        name: 'SendAt of garbage',
        path: M,
        ...post(
          form({
            To: '+14155550800',
            MessagingServiceSid: emu.emulator.info().messagingServiceSids[0]!,
            Body: 'x',
            ScheduleType: 'fixed',
            SendAt: '\u0000\u0001',
          }),
        ),
        status: 400,
        code: 35114,
      },
      {
        name: 'control characters in To',
        path: M,
        ...post(form({ To: '+1415\u0000555\n0800', From: from, Body: 'x' })),
        status: 400,
        code: 21211,
      },
      {
        name: 'lone surrogate bytes in Body',
        path: M,
        ...post(`To=%2B15005550001&From=${encodeURIComponent(from)}&Body=%ED%A0%80`),
        status: 400,
        code: 21211,
      },
      // Update bodies
      {
        name: 'update with JSON',
        path: `${A}/Messages/${sm}.json`,
        ...post('{"Body":""}', { 'content-type': 'application/json' }),
        status: 404,
        code: 20404,
      },
      // Weird SIDs and paths
      {
        name: 'bad percent-encoding in a SID',
        path: `${A}/Messages/%E0%A4%A.json`,
        status: 400,
        code: 20001,
      },
      {
        name: 'bad percent-encoding in the account SID',
        path: '/2010-04-01/Accounts/%ZZ/Messages.json',
        status: 400,
        code: 20001,
      },
      { name: 'NUL in a SID', path: `${A}/Messages/SM%00.json`, status: 404, code: 20404 },
      {
        name: 'encoded slashes in a SID',
        path: `${A}/Messages/..%2F..%2Fetc.json`,
        status: 404,
        code: 20404,
      },
      {
        name: 'SQL in a SID',
        path: `${A}/Messages/${encodeURIComponent("' OR 1=1 --")}.json`,
        status: 404,
        code: 20404,
      },
      {
        name: 'SID of 8000 characters',
        path: `${A}/Messages/${'S'.repeat(8000)}.json`,
        status: 404,
        code: 20404,
      },
      {
        name: 'uppercase unknown SID',
        path: `${A}/Messages/SM${'A'.repeat(32)}.json`,
        status: 404,
        code: 20404,
      },
      { name: 'message path without .json', path: `${A}/Messages/${sm}`, status: 404, code: 20404 },
      {
        name: 'sub-resource path',
        path: `${A}/Messages/${sm}.json/extra`,
        status: 404,
        code: 20404,
      },
      {
        name: 'account SID of the wrong shape',
        path: '/2010-04-01/Accounts/foo/Messages.json',
        status: 401,
        code: 20003,
      },
      {
        name: 'account fetch of a wrong SID',
        path: '/2010-04-01/Accounts/AC123.json',
        status: 401,
        code: 20003,
      },
      { name: 'API root', path: '/2010-04-01', status: 404, code: 20404 },
      { name: 'server root', path: '/', status: 404, code: 20404 },
      {
        name: 'another API version',
        path: `/2008-08-01/Accounts/${emu.accountSid}/Messages.json`,
        status: 404,
        code: 20404,
      },
      // Query strings
      { name: 'PageSize 0', path: `${M}?PageSize=0`, status: 400, code: 20001 },
      { name: 'PageSize -1', path: `${M}?PageSize=-1`, status: 400, code: 20001 },
      { name: 'PageSize 1e3', path: `${M}?PageSize=1e3`, status: 400, code: 20001 },
      {
        name: 'PageSize enormous',
        path: `${M}?PageSize=99999999999999999999999`,
        status: 400,
        code: 20007,
      },
      { name: 'Page -1', path: `${M}?Page=-1`, status: 400, code: 20001 },
      { name: 'Page of ten digits', path: `${M}?Page=9999999999`, status: 400, code: 20001 },
      { name: 'PageToken with NUL', path: `${M}?PageToken=%00`, status: 400, code: 21481 },
      {
        name: 'PageToken of 5000 characters',
        path: `${M}?PageToken=PA${'1'.repeat(5000)}-1`,
        status: 400,
        code: 21481,
      },
      { name: 'DateSent of garbage', path: `${M}?DateSent=%FF%FE`, status: 400, code: 20001 },
      {
        name: 'DateSent beyond the Date range',
        path: `${M}?DateSent=%2B275760-09-14`,
        status: 400,
        code: 20001,
      },
      { name: 'bad percent-encoding in the query', path: `${M}?To=%ZZ&From=%`, status: 200 },
      { name: 'bracketed query keys', path: `${M}?To[]=1&To[a]=2&PageSize[]=3`, status: 200 },
      { name: 'query of 10000 characters', path: `${M}?To=${'9'.repeat(10_000)}`, status: 200 },
      { name: 'largest cursor', path: `${M}?PageToken=PAzzzzzzzzzzzz-zzzzzzzzzzzz`, status: 200 },
      {
        name: 'largest backwards cursor',
        path: `${M}?PageToken=PBzzzzzzzzzzzz-zzzzzzzzzzzz&Page=3`,
        status: 200,
      },
      {
        name: 'numbers list PhoneNumber full of regex characters',
        path: `${A}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent('.*+?^${}()|[]\\')}`,
        status: 200,
      },
      {
        name: 'numbers list cursor beyond the end',
        path: `${A}/OutgoingCallerIds.json?PageToken=PA999999999999`,
        status: 200,
      },
      // Methods
      { name: 'PUT on the list', path: M, method: 'PUT', status: 405, code: 20004 },
      {
        name: 'PATCH on a message',
        path: `${A}/Messages/${sm}.json`,
        method: 'PATCH',
        status: 405,
        code: 20004,
      },
      { name: 'OPTIONS on the list', path: M, method: 'OPTIONS', status: 405, code: 20004 },
      { name: 'PROPFIND on the list', path: M, method: 'PROPFIND', status: 405, code: 20004 },
      {
        name: 'POST on the account',
        path: `${A}.json`,
        ...post('FriendlyName=x'),
        status: 405,
        code: 20004,
      },
      // Credentials
      { name: 'no credentials', path: M, auth: null, status: 401, code: 20003 },
      { name: 'Bearer token', path: M, auth: 'Bearer abc', status: 401, code: 20003 },
      { name: 'Basic of non-base64', path: M, auth: 'Basic %%%%', status: 401, code: 20003 },
      {
        name: 'Basic without a colon',
        path: M,
        auth: `Basic ${Buffer.from('nocolon').toString('base64')}`,
        status: 401,
        code: 20003,
      },
      {
        name: 'Basic of 8 KB',
        path: M,
        auth: basicAuth(emu.accountSid, 'x'.repeat(6000)),
        status: 401,
        code: 20003,
      },
      {
        name: 'Basic with an empty user',
        path: M,
        auth: basicAuth('', emu.authToken),
        status: 401,
        code: 20003,
      },
    ];
  });
  afterAll(() => emu.close());

  it('answers every malformed request below 500 with a JSON body', async () => {
    expect(cases.length).toBeGreaterThan(60);
    const failures: string[] = [];
    for (const c of cases) {
      const init: RequestInit & { auth?: string | null } = { method: c.method ?? 'GET' };
      if (c.headers) init.headers = c.headers;
      if (c.body !== undefined) init.body = c.body;
      if (c.auth !== undefined) init.auth = c.auth;
      const res = await rawRequest(emu, c.path, init);
      const label = `${c.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
      expect(res.status, label).toBeLessThan(500);
      expect(res.contentType, label).toContain('application/json');
      if (res.status !== c.status) failures.push(`${label} (expected ${c.status})`);
      if (res.status >= 400) {
        expectErrorBody(res.body, res.status, c.code);
      } else {
        expect(Array.isArray(Object.values(res.body as object).find(Array.isArray)), label).toBe(
          true,
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('survives a burst of concurrent writes and reads', async () => {
    const client = emu.client();
    const from = emu.emulator.info().phoneNumbers[0]!;
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? client.messages.list({ pageSize: 5, limit: 5 })
          : client.messages.create({ to: `+1415555${String(2000 + i)}`, from, body: `burst ${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await client.messages.list({ pageSize: 1000 })).length).toBe(40);
  });

  it('still works normally after all of that', async () => {
    const from = emu.emulator.info().phoneNumbers[0]!;
    const m = await emu.client().messages.create({ to: '+14155550899', from, body: 'still fine' });
    expect(m.status).toBe('queued');
    expect((await emu.client().messages(m.sid).fetch()).body).toBe('still fine');
  });
});
