import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import {
  emulatorMessages,
  execute,
  isoAhead,
  OTHER_ACCOUNT,
  seededDatasourceId,
} from '../../helpers/relay';

// Every command through the relay (twilio library -> HTTP -> the real emulator), checking the
// answer's shape, the wire names of what was sent, and Twilio's refusals as ok:false answers.

const ANSWER_KEYS = ['ok', 'status', 'durationMs', 'request', 'data'];

describe('executing commands against the emulator', () => {
  let app: RunningApp;
  let ds: string;
  let numbers: string[];
  let service: string;
  let messagesPath: string;
  beforeAll(async () => {
    app = await startApp();
    ds = await seededDatasourceId(app);
    const info = app.emulator.info();
    numbers = info.phoneNumbers;
    service = info.messagingServiceSids[0]!;
    messagesPath = `/2010-04-01/Accounts/${info.accountSid}/Messages`;
  });
  afterAll(() => app.close());

  function expectAnswer(body: Record<string, unknown>, method: string, path: string) {
    expect(Object.keys(body).sort()).toEqual([...ANSWER_KEYS].sort());
    expect(body.ok).toBe(true);
    expect(body.durationMs).toEqual(expect.any(Number));
    expect(body.durationMs as number).toBeGreaterThanOrEqual(0);
    const request = body.request as {
      method: string;
      path: string;
      params: Record<string, unknown>;
    };
    expect(Object.keys(request).sort()).toEqual(['method', 'params', 'path']);
    expect(request.method).toBe(method);
    expect(request.path.startsWith('/2010-04-01/Accounts/')).toBe(true);
    expect(request.path).toBe(path);
  }

  it("create-message sends an SMS: 201, the wire names as sent, and Twilio's JSON", async () => {
    const res = await execute(app, ds, 'create-message', {
      to: '+14155550100',
      from: numbers[0],
      body: 'Hello SMS',
    }).expect(200);
    expectAnswer(res.body, 'POST', `${messagesPath}.json`);
    expect(res.body.status).toBe(201);
    expect(res.body.request.params).toEqual({
      To: '+14155550100',
      From: numbers[0],
      Body: 'Hello SMS',
    });
    expect(res.body.data).toMatchObject({
      to: '+14155550100',
      from: numbers[0],
      body: 'Hello SMS',
      status: 'queued',
      num_media: '0',
    });
    expect(res.body.data.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect((await emulatorMessages(app)).map((m) => m.sid)).toContain(res.body.data.sid);
  });

  it('create-message sends an MMS with MediaUrl', async () => {
    const mediaUrl = ['https://example.com/a.png', 'https://example.com/b.jpg'];
    const res = await execute(app, ds, 'create-message', {
      to: '+14155550101',
      from: numbers[0],
      mediaUrl,
    }).expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.request.params).toEqual({
      To: '+14155550101',
      From: numbers[0],
      MediaUrl: mediaUrl,
    });
    expect(res.body.data.sid).toMatch(/^MM/);
    expect(res.body.data.num_media).toBe('2');
  });

  it('create-message sends a WhatsApp message', async () => {
    const res = await execute(app, ds, 'create-message', {
      to: 'whatsapp:+14155550102',
      from: `whatsapp:${numbers[0]}`,
      body: 'Hi on WhatsApp',
    }).expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.request.params).toMatchObject({
      To: 'whatsapp:+14155550102',
      From: `whatsapp:${numbers[0]}`,
    });
    expect(res.body.data.to).toBe('whatsapp:+14155550102');
  });

  it('create-message sends through a Messaging Service', async () => {
    const res = await execute(app, ds, 'create-message', {
      to: '+14155550103',
      messagingServiceSid: service,
      body: 'via service',
      from: '',
    }).expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.request.params).toEqual({
      To: '+14155550103',
      MessagingServiceSid: service,
      Body: 'via service',
    });
    expect(res.body.data).toMatchObject({ messaging_service_sid: service, status: 'accepted' });
  });

  it('returns a Twilio refusal as 200 ok:false with code, message and moreInfo', async () => {
    const res = await execute(app, ds, 'create-message', {
      to: '+15005550001',
      from: numbers[0],
      body: 'magic',
    }).expect(200);
    expect(Object.keys(res.body).sort()).toEqual([
      'durationMs',
      'error',
      'ok',
      'request',
      'status',
    ]);
    expect(res.body).toMatchObject({
      ok: false,
      status: 400,
      request: { method: 'POST', path: `${messagesPath}.json` },
    });
    expect(res.body.error.code).toBe(21211);
    expect(res.body.error.message).toMatch(/\+15005550001/);
    expect(res.body.error.moreInfo).toMatch(/^https:\/\/www\.twilio\.com\/docs\/errors\/21211/);
  });

  it("acts on the accountSid param instead of the datasource's: another account is refused 401/20003", async () => {
    const res = await execute(app, ds, 'list-messages', { accountSid: OTHER_ACCOUNT }).expect(200);
    expect(res.body).toMatchObject({ ok: false, status: 401, error: { code: 20003 } });
    expect(res.body.request.path).toBe(`/2010-04-01/Accounts/${OTHER_ACCOUNT}/Messages.json`);
    const own = await execute(app, ds, 'list-messages', {
      accountSid: app.emulator.identity.accountSid,
      pageSize: 1,
    }).expect(200);
    expect(own.body.ok).toBe(true);
  });

  it('schedule-message schedules 20 minutes ahead with ScheduleType fixed and SendAt', async () => {
    const sendAt = isoAhead(app, 20);
    const res = await execute(app, ds, 'schedule-message', {
      to: '+14155550104',
      messagingServiceSid: service,
      body: 'later',
      sendAt,
    }).expect(200);
    expectAnswer(res.body, 'POST', `${messagesPath}.json`);
    expect(res.body.status).toBe(201);
    expect(res.body.request.params).toMatchObject({
      To: '+14155550104',
      MessagingServiceSid: service,
      Body: 'later',
      ScheduleType: 'fixed',
    });
    expect(Date.parse(res.body.request.params.SendAt)).toBe(Date.parse(sendAt));
    expect(res.body.data.status).toBe('scheduled');
  });

  it('schedule-message refuses a sendAt too soon with 400 on sendAt, and sends nothing', async () => {
    const before = (await emulatorMessages(app)).length;
    const res = await execute(app, ds, 'schedule-message', {
      to: '+14155550105',
      messagingServiceSid: service,
      body: 'soon',
      sendAt: isoAhead(app, 5),
    }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_params', field: 'sendAt' });
    expect(res.body.error.message).toMatch(/15 minutes/);
    expect(await emulatorMessages(app)).toHaveLength(before);
  });

  it('fetch-message reads one message by SID', async () => {
    const created = await execute(app, ds, 'create-message', {
      to: '+14155550106',
      from: numbers[1],
      body: 'fetch me',
    }).expect(200);
    const sid = created.body.data.sid as string;
    app.clock.advance(1000);
    const res = await execute(app, ds, 'fetch-message', { messageSid: sid }).expect(200);
    expectAnswer(res.body, 'GET', `${messagesPath}/${sid}.json`);
    expect(res.body.status).toBe(200);
    expect(res.body.request.params).toEqual({});
    expect(res.body.data).toMatchObject({ sid, body: 'fetch me', status: 'sending' });
    const missing = await execute(app, ds, 'fetch-message', {
      messageSid: `SM${'0'.repeat(32)}`,
    }).expect(200);
    expect(missing.body).toMatchObject({ ok: false, status: 404, error: { code: 20404 } });
  });

  it('update-message cancels a scheduled message', async () => {
    const created = await execute(app, ds, 'schedule-message', {
      to: '+14155550107',
      messagingServiceSid: service,
      body: 'cancel me',
      sendAt: isoAhead(app, 30),
    }).expect(200);
    const sid = created.body.data.sid as string;
    const res = await execute(app, ds, 'update-message', {
      messageSid: sid,
      status: 'canceled',
    }).expect(200);
    expectAnswer(res.body, 'POST', `${messagesPath}/${sid}.json`);
    expect(res.body.request.params).toEqual({ Status: 'canceled' });
    expect(res.body.data.status).toBe('canceled');
  });

  it('update-message redacts the body once the message is delivered, and refuses before', async () => {
    const created = await execute(app, ds, 'create-message', {
      to: '+14155550108',
      from: numbers[0],
      body: 'secret body',
    }).expect(200);
    const sid = created.body.data.sid as string;
    const early = await execute(app, ds, 'update-message', { messageSid: sid, body: '' }).expect(
      200,
    );
    expect(early.body).toMatchObject({ ok: false, status: 409, error: { code: 20009 } });

    app.clock.advance(10_000);
    const res = await execute(app, ds, 'update-message', { messageSid: sid, body: '' }).expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.request.params).toEqual({ Body: '' });
    expect(res.body.data).toMatchObject({ sid, body: '', status: 'delivered' });
  });

  it('delete-message is refused (409/20009) before the message is final, then answers 204 with data null', async () => {
    const created = await execute(app, ds, 'create-message', {
      to: '+14155550109',
      from: numbers[0],
      body: 'delete me',
    }).expect(200);
    const sid = created.body.data.sid as string;
    const early = await execute(app, ds, 'delete-message', { messageSid: sid }).expect(200);
    expect(early.body).toMatchObject({
      ok: false,
      status: 409,
      error: { code: 20009 },
      request: { method: 'DELETE' },
    });

    app.clock.advance(10_000);
    const res = await execute(app, ds, 'delete-message', { messageSid: sid }).expect(200);
    expectAnswer(res.body, 'DELETE', `${messagesPath}/${sid}.json`);
    expect(res.body.status).toBe(204);
    expect(res.body.data).toBeNull();
    expect((await emulatorMessages(app)).map((m) => m.sid)).not.toContain(sid);
    const again = await execute(app, ds, 'fetch-message', { messageSid: sid }).expect(200);
    expect(again.body).toMatchObject({ ok: false, status: 404 });
  });
});

describe('list-messages through the relay', () => {
  let app: RunningApp;
  let ds: string;
  let from: string;
  const sent: string[] = [];
  beforeAll(async () => {
    app = await startApp();
    ds = await seededDatasourceId(app);
    from = app.emulator.info().phoneNumbers[0]!;
    for (let i = 0; i < 7; i++) {
      const to = i < 3 ? '+14155550200' : '+14155550201';
      const res = await execute(app, ds, 'create-message', { to, from, body: `list ${i}` }).expect(
        200,
      );
      sent.push(res.body.data.sid);
      app.clock.advance(1000);
    }
    app.clock.advance(10_000);
  });
  afterAll(() => app.close());

  it('lists with pageSize as a number and as a numeric string, sent as PageSize', async () => {
    for (const pageSize of [2, '2']) {
      const res = await execute(app, ds, 'list-messages', { pageSize }).expect(200);
      expect(res.body).toMatchObject({ ok: true, status: 200, request: { method: 'GET' } });
      expect(res.body.request.path).toBe(
        `/2010-04-01/Accounts/${app.emulator.identity.accountSid}/Messages.json`,
      );
      expect(res.body.request.params).toEqual({ PageSize: 2 });
      expect(res.body.data.messages).toHaveLength(2);
      expect(res.body.data.next_page_uri).toEqual(expect.any(String));
    }
  });

  it('follows next_page_uri through params.pageUri until null, seeing every message exactly once', async () => {
    const seen: string[] = [];
    let res = await execute(app, ds, 'list-messages', { pageSize: 3 }).expect(200);
    let pages = 1;
    for (;;) {
      expect(res.body.ok).toBe(true);
      seen.push(...res.body.data.messages.map((m: { sid: string }) => m.sid));
      const next = res.body.data.next_page_uri as string | null;
      if (next === null) break;
      expect(
        next.startsWith(`/2010-04-01/Accounts/${app.emulator.identity.accountSid}/Messages.json?`),
      ).toBe(true);
      res = await execute(app, ds, 'list-messages', { pageUri: next }).expect(200);
      expect(res.body.request.params.PageSize).toBe('3');
      pages += 1;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(sent.length);
    expect([...seen].sort()).toEqual([...sent].sort());
  });

  it('filters by To and From with their wire names, and keeps the filter across pages', async () => {
    const res = await execute(app, ds, 'list-messages', {
      to: '+14155550200',
      from,
      pageSize: 2,
    }).expect(200);
    expect(res.body.request.params).toEqual({ To: '+14155550200', From: from, PageSize: 2 });
    const first = res.body.data.messages as { to: string }[];
    expect(first).toHaveLength(2);
    expect(first.every((m) => m.to === '+14155550200')).toBe(true);
    const next = await execute(app, ds, 'list-messages', {
      pageUri: res.body.data.next_page_uri,
    }).expect(200);
    expect(next.body.data.messages).toHaveLength(1);
    expect(next.body.data.messages[0].to).toBe('+14155550200');
    expect(next.body.data.next_page_uri).toBeNull();
  });

  it('filters by DateSent days, sent as DateSent, DateSent< and DateSent>', async () => {
    const first = await execute(app, ds, 'fetch-message', { messageSid: sent[0] }).expect(200);
    const day = new Date(first.body.data.date_sent).toISOString().slice(0, 10);
    const on = await execute(app, ds, 'list-messages', { dateSent: day }).expect(200);
    expect(on.body.request.params).toEqual({ DateSent: day });
    expect(on.body.data.messages.map((m: { sid: string }) => m.sid)).toContain(sent[0]);

    const range = await execute(app, ds, 'list-messages', {
      dateSentAfter: '2000-01-01',
      dateSentBefore: '2000-01-02',
    }).expect(200);
    expect(range.body.request.params).toEqual({
      'DateSent>': '2000-01-01',
      'DateSent<': '2000-01-02',
    });
    expect(range.body.data.messages).toEqual([]);
  });
});
