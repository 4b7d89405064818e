import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import {
  emulatorMessages,
  execute,
  isoAhead,
  OTHER_ACCOUNT,
  seededDatasourceId,
} from '../../helpers/relay';

// Validation before sending: every refused request answers 400 {error: {code, message, field}}
// and never reaches the emulator (no message created, no request logged under /emulator).

describe('validation before sending', () => {
  let app: RunningApp;
  let ds: string;
  let from: string;
  let service: string;
  let account: string;
  beforeAll(async () => {
    app = await startApp();
    ds = await seededDatasourceId(app);
    const info = app.emulator.info();
    from = info.phoneNumbers[0]!;
    service = info.messagingServiceSids[0]!;
    account = info.accountSid;
  });
  afterAll(() => app.close());

  /** Requests the app has served under /emulator, i.e. calls that reached the emulator. */
  const emulatorCalls = () =>
    app.logs.filter((line) => {
      const entry = JSON.parse(line) as { msg?: string; path?: string };
      return entry.msg === 'request' && entry.path?.startsWith('/emulator/');
    }).length;

  async function expectRefused(command: string, params: Record<string, unknown>, field: string) {
    const messagesBefore = (await emulatorMessages(app)).length;
    const callsBefore = emulatorCalls();
    const res = await execute(app, ds, command, params);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_params', field });
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(res.body.ok).toBeUndefined();
    expect(emulatorCalls()).toBe(callsBefore);
    expect(await emulatorMessages(app)).toHaveLength(messagesBefore);
    return res.body.error.message as string;
  }

  const sms = () => ({ to: '+14155550300', from, body: 'hello' });

  const createCases: [string, () => Record<string, unknown>, string][] = [
    ['To without the +', () => ({ ...sms(), to: '14155550300' }), 'to'],
    ['To starting with +0', () => ({ ...sms(), to: '+04155550300' }), 'to'],
    ['To with spaces', () => ({ ...sms(), to: '+1 415 555 0300' }), 'to'],
    ['To of 16 digits', () => ({ ...sms(), to: '+1234567890123456' }), 'to'],
    ['a missing To', () => ({ from, body: 'x' }), 'to'],
    ['a From that is not E.164', () => ({ ...sms(), from: 'ACME' }), 'from'],
    ['WhatsApp To with an SMS From', () => ({ ...sms(), to: 'whatsapp:+14155550300' }), 'from'],
    ['SMS To with a WhatsApp From', () => ({ ...sms(), from: `whatsapp:${from}` }), 'from'],
    ['neither From nor MessagingServiceSid', () => ({ to: '+14155550300', body: 'x' }), 'from'],
    ['neither Body nor MediaUrl', () => ({ to: '+14155550300', from }), 'body'],
    ['a Body over 1600 characters', () => ({ ...sms(), body: 'x'.repeat(1601) }), 'body'],
    [
      'more than 10 media URLs',
      () => ({
        ...sms(),
        mediaUrl: Array.from({ length: 11 }, (_, i) => `https://example.com/${i}.png`),
      }),
      'mediaUrl',
    ],
    ['an ftp media URL', () => ({ ...sms(), mediaUrl: ['ftp://example.com/a.png'] }), 'mediaUrl'],
    [
      'a javascript: media URL',
      () => ({ ...sms(), mediaUrl: ['javascript:alert(1)'] }),
      'mediaUrl',
    ],
    ['a relative media URL', () => ({ ...sms(), mediaUrl: '/a.png' }), 'mediaUrl'],
    [
      'a bad Messaging Service SID',
      () => ({ to: '+14155550300', messagingServiceSid: 'MG123', body: 'x' }),
      'messagingServiceSid',
    ],
    [
      'a Messaging Service SID with another prefix',
      () => ({ to: '+14155550300', messagingServiceSid: `PN${'a'.repeat(32)}`, body: 'x' }),
      'messagingServiceSid',
    ],
    [
      'a Status Callback that is not a URL',
      () => ({ ...sms(), statusCallback: 'example.com/cb' }),
      'statusCallback',
    ],
    ['a bad accountSid', () => ({ ...sms(), accountSid: 'AC123' }), 'accountSid'],
  ];
  for (const [what, params, field] of createCases) {
    it(`create-message refuses ${what} (field ${field})`, async () => {
      await expectRefused('create-message', params(), field);
    });
  }

  it('a Body of exactly 1600 characters and 10 media URLs pass (and are sent)', async () => {
    const before = emulatorCalls();
    const res = await execute(app, ds, 'create-message', {
      ...sms(),
      body: 'é'.repeat(1600),
      mediaUrl: Array.from({ length: 10 }, (_, i) => `https://example.com/${i}.png`),
    }).expect(200);
    expect(res.body.ok).toBe(true);
    expect(emulatorCalls()).toBe(before + 1);
  });

  it('schedule-message refuses a bad sendAt format, a sendAt beyond 35 days, and no Messaging Service', async () => {
    const base = { to: '+14155550301', messagingServiceSid: service, body: 'later' };
    expect(
      await expectRefused('schedule-message', { ...base, sendAt: '2030-01-01 10:00' }, 'sendAt'),
    ).toMatch(/ISO 8601/);
    expect(
      await expectRefused(
        'schedule-message',
        { ...base, sendAt: isoAhead(app, 36 * 24 * 60) },
        'sendAt',
      ),
    ).toMatch(/35 days/);
    await expectRefused('schedule-message', { ...base, sendAt: '2030-02-30T10:00:00Z' }, 'sendAt');
    await expectRefused(
      'schedule-message',
      { to: base.to, body: 'x', sendAt: isoAhead(app, 20) },
      'messagingServiceSid',
    );
    await expectRefused(
      'schedule-message',
      { ...base, body: '   ', sendAt: isoAhead(app, 20) },
      'body',
    );
  });

  it('list-messages refuses impossible and malformed dates', async () => {
    await expectRefused('list-messages', { dateSent: '2024-02-30' }, 'dateSent');
    await expectRefused('list-messages', { dateSent: '2024/01/31' }, 'dateSent');
    await expectRefused('list-messages', { dateSentBefore: '2024-13-01' }, 'dateSentBefore');
    await expectRefused(
      'list-messages',
      { dateSentAfter: '2024-01-01T00:00:00Z' },
      'dateSentAfter',
    );
    await expectRefused('list-messages', { to: '555' }, 'to');
  });

  for (const pageSize of [0, 1001, 'abc', 2.5, -1, '1e3', '1001']) {
    it(`list-messages refuses pageSize ${JSON.stringify(pageSize)}`, async () => {
      await expectRefused('list-messages', { pageSize }, 'pageSize');
    });
  }

  it('fetch, delete and update refuse a Message SID that is not one, so no path is built from it', async () => {
    for (const messageSid of [
      'SM123',
      `MG${'a'.repeat(32)}`,
      `SM${'a'.repeat(30)}/..`,
      '../Calls',
      `SM${'g'.repeat(32)}`,
    ]) {
      await expectRefused('fetch-message', { messageSid }, 'messageSid');
      await expectRefused('delete-message', { messageSid }, 'messageSid');
      await expectRefused('update-message', { messageSid, status: 'canceled' }, 'messageSid');
    }
    await expectRefused('fetch-message', {}, 'messageSid');
  });

  it('update-message needs exactly one of status and body, each with its one allowed value', async () => {
    const messageSid = `SM${'1'.repeat(32)}`;
    expect(await expectRefused('update-message', { messageSid }, 'status')).toMatch(/canceled/);
    expect(
      await expectRefused('update-message', { messageSid, status: 'canceled', body: '' }, 'body'),
    ).toMatch(/one at a time/);
    await expectRefused('update-message', { messageSid, status: 'sent' }, 'status');
    await expectRefused('update-message', { messageSid, body: 'new text' }, 'body');
  });

  it('refuses an unknown command, params that are not an object, and unknown fields of the request', async () => {
    const before = emulatorCalls();
    const unknown = await app.api
      .post(`/api/datasources/${ds}/execute`)
      .send({ command: 'send-fax', params: {} })
      .expect(400);
    expect(unknown.body.error).toMatchObject({ field: 'command' });
    expect(unknown.body.error.message).toContain('create-message');
    const missing = await app.api
      .post(`/api/datasources/${ds}/execute`)
      .send({ params: {} })
      .expect(400);
    expect(missing.body.error.field).toBe('command');
    const params = await app.api
      .post(`/api/datasources/${ds}/execute`)
      .send({ command: 'list-messages', params: 'x' })
      .expect(400);
    expect(params.body.error.field).toBe('params');
    const extra = await app.api
      .post(`/api/datasources/${ds}/execute`)
      .send({ command: 'list-messages', params: {}, retries: 5 })
      .expect(400);
    expect(extra.body.error).toMatchObject({ code: 'invalid_request', field: 'retries' });
    expect(extra.body.error.message).toMatch(
      /Unknown field "retries": remove it; accepted fields are command, params, timeoutMs/,
    );
    const timeout = await app.api
      .post(`/api/datasources/${ds}/execute`)
      .send({ command: 'list-messages', timeoutMs: 61_000 })
      .expect(400);
    expect(timeout.body.error.field).toBe('timeoutMs');
    const malformed = await app.api
      .post(`/api/datasources/${ds}/execute`)
      .set('Content-Type', 'application/json')
      .send('{"command":')
      .expect(400);
    expect(malformed.body.error.message).toMatch(/not valid JSON/);
    expect(emulatorCalls()).toBe(before);
  });

  const pageUriCases: [string, (acct: string) => string][] = [
    [
      'another account',
      () => `/2010-04-01/Accounts/${OTHER_ACCOUNT}/Messages.json?PageSize=2&Page=1&PageToken=PAabc`,
    ],
    ['another resource', (a) => `/2010-04-01/Accounts/${a}/Calls.json?PageSize=2`],
    ['the account itself', (a) => `/2010-04-01/Accounts/${a}.json`],
    [
      'a dot-dot escape',
      (a) => `/2010-04-01/Accounts/${a}/Messages.json/../../${OTHER_ACCOUNT}/Messages.json`,
    ],
    ['an unknown parameter', (a) => `/2010-04-01/Accounts/${a}/Messages.json?PageSize=2&Foo=bar`],
    ['a bad PageSize', (a) => `/2010-04-01/Accounts/${a}/Messages.json?PageSize=5000`],
    ['a bad To', (a) => `/2010-04-01/Accounts/${a}/Messages.json?To=5551234`],
    ['a protocol-relative URL', (a) => `//evil.example/2010-04-01/Accounts/${a}/Messages.json`],
    [
      'an absolute URL',
      (a) => `http://evil.example/2010-04-01/Accounts/${a}/Messages.json?PageSize=2`,
    ],
    ['a relative path', (a) => `2010-04-01/Accounts/${a}/Messages.json`],
    ['a backslash', (a) => `/2010-04-01/Accounts/${a}\\..\\Messages.json`],
  ];
  for (const [what, uri] of pageUriCases) {
    it(`list-messages refuses a pageUri with ${what} (field pageUri)`, async () => {
      await expectRefused('list-messages', { pageUri: uri(account) }, 'pageUri');
    });
  }

  // Names every object inherits: an allowlist kept in a plain object once let `constructor`
  // through with any value and answered 500 for `__proto__`, `valueOf` and `hasOwnProperty`.
  for (const key of [
    '__proto__',
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
    'propertyIsEnumerable',
    'toLocaleString',
  ]) {
    it(`list-messages refuses a pageUri with the inherited name ${key}, naming it`, async () => {
      const message = await expectRefused(
        'list-messages',
        { pageUri: `/2010-04-01/Accounts/${account}/Messages.json?PageSize=2&${key}=1` },
        'pageUri',
      );
      expect(message).toContain(key);
    });
  }

  it('a pageUri of another account is sent when the accountSid param names that account', async () => {
    const uri = `/2010-04-01/Accounts/${OTHER_ACCOUNT}/Messages.json?PageSize=2`;
    const res = await execute(app, ds, 'list-messages', {
      accountSid: OTHER_ACCOUNT,
      pageUri: uri,
    }).expect(200);
    // It goes out, and the emulator refuses the unknown account.
    expect(res.body).toMatchObject({ ok: false, status: 401, error: { code: 20003 } });
    expect(res.body.request.path).toBe(`/2010-04-01/Accounts/${OTHER_ACCOUNT}/Messages.json`);
  });

  it('nothing refused above created a message in the emulator', async () => {
    const bodies = (await emulatorMessages(app)).map((m) => m.body);
    // Only the one valid send of this file went out.
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toBe('é'.repeat(1600));
  });
});
