import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { startEmulator, type RunningEmulator } from '../helpers/emulator';
import type { JsonSchema } from '../helpers/openapi';
import { specProblems, startRecorder } from '../helpers/spec-requests';

// What the relay sends Twilio for each of the six commands, captured by a recording proxy in front
// of the emulator and checked against Twilio's OpenAPI spec. The relay reaches the proxy as it
// would reach Twilio: a datasource with target "twilio" and TWILIO_API_BASE_URL pointing at it.
//
// One allowance: the spec types the DateSent filters as date-time, while Twilio documents them as
// GMT dates (YYYY-MM-DD) and the spec's own example URIs use dates. The relay sends dates as the
// person typed them, so those three parameters may be a date or a date-time here.

const DATE_FILTERS = ['DateSent', 'DateSent<', 'DateSent>'];
function allowDateFilters(schema: JsonSchema): JsonSchema {
  const props = { ...(schema.properties as Record<string, JsonSchema>) };
  for (const name of DATE_FILTERS)
    if (props[name]) props[name] = { anyOf: [props[name], { type: 'string', format: 'date' }] };
  return { ...schema, properties: props };
}

describe('requests the relay sends, against twilio_api_v2010.json', () => {
  let emu: RunningEmulator;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let app: RunningApp;
  let dsId: string;
  let from: string;
  let serviceSid: string;

  const run = async (command: string, params: Record<string, unknown>) => {
    const res = await app.api.post(`/api/datasources/${dsId}/execute`).send({ command, params });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ok, JSON.stringify(res.body)).toBe(true);
    return res.body as {
      data: Record<string, unknown>;
      request: { params: Record<string, unknown> };
    };
  };
  const expectAllConform = () => {
    expect(recorder.captured.length).toBeGreaterThan(0);
    for (const req of recorder.captured) {
      expect(specProblems(req, allowDateFilters), `${req.method} ${req.path}?${req.query}`).toEqual(
        [],
      );
    }
  };

  beforeAll(async () => {
    emu = await startEmulator({ stepMs: 1000 });
    recorder = await startRecorder(emu.baseUrl);
    app = await startApp({ env: { TWILIO_API_BASE_URL: recorder.url } });
    emu.clock.set(app.clock.now());
    from = emu.emulator.info().phoneNumbers[0]!;
    serviceSid = emu.emulator.info().messagingServiceSids[0]!;
    const ds = await app.api
      .post('/api/datasources')
      .send({
        name: 'Proxied Twilio',
        target: 'twilio',
        accountSid: emu.accountSid,
        authToken: emu.authToken,
      })
      .expect(201);
    dsId = ds.body.id;
  });
  afterAll(async () => {
    await app.close();
    await recorder.close();
    await emu.close();
  });
  beforeEach(() => {
    recorder.captured.length = 0;
  });

  it('create-message and schedule-message send declared form fields only', async () => {
    await run('create-message', {
      to: '+15552220001',
      from,
      body: 'Hello & welcome',
      statusCallback: 'https://example.com/cb',
    });
    await run('create-message', {
      to: '+15552220002',
      from,
      mediaUrl: ['https://example.com/a.jpg', 'https://example.com/b.jpg'],
    });
    await run('create-message', {
      to: 'whatsapp:+15552220003',
      from: `whatsapp:${from}`,
      body: 'WhatsApp',
    });
    await run('create-message', {
      to: '+15552220004',
      messagingServiceSid: serviceSid,
      body: 'Via service',
    });
    const sendAt = new Date(app.clock.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const scheduled = await run('schedule-message', {
      to: '+15552220005',
      messagingServiceSid: serviceSid,
      body: 'Later',
      sendAt,
    });
    expect(recorder.captured.map((r) => r.method)).toEqual([
      'POST',
      'POST',
      'POST',
      'POST',
      'POST',
    ]);
    expectAllConform();
    const wire = recorder.captured.map((r) => new URLSearchParams(r.body));
    expect(wire[1]!.getAll('MediaUrl')).toEqual([
      'https://example.com/a.jpg',
      'https://example.com/b.jpg',
    ]);
    expect(wire[4]!.get('ScheduleType')).toBe('fixed');
    expect(wire[4]!.get('SendAt')).toBe(sendAt);
    // The request the relay reports is the one on the wire.
    expect(scheduled.request.params).toEqual(Object.fromEntries(wire[4]!));
  });

  it('list-messages sends declared filters and follows next_page_uri as given', async () => {
    for (let i = 0; i < 3; i++)
      await run('create-message', { to: '+15552220010', from, body: `Paged ${i}` });
    emu.clock.advance(5000);
    recorder.captured.length = 0;
    const day = new Date(emu.clock.now()).toISOString().slice(0, 10);
    const first = await run('list-messages', {
      to: '+15552220010',
      from,
      dateSent: day,
      dateSentBefore: day,
      dateSentAfter: day,
      pageSize: 2,
    });
    const next = first.data.next_page_uri as string;
    expect(next).toMatch(/^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json\?/);
    const second = await run('list-messages', { pageUri: next });
    expect(
      (first.data.messages as unknown[]).length + (second.data.messages as unknown[]).length,
    ).toBe(3);
    expect(recorder.captured).toHaveLength(2);
    expect(recorder.captured[1]!.path + '?' + recorder.captured[1]!.query).toBe(next);
    expectAllConform();
  });

  it('fetch-message, update-message and delete-message use the declared paths and fields', async () => {
    const sent = await run('create-message', { to: '+15552220020', from, body: 'Short-lived' });
    const sendAt = new Date(app.clock.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const later = await run('schedule-message', {
      to: '+15552220021',
      messagingServiceSid: serviceSid,
      body: 'Cancel me',
      sendAt,
    });
    emu.clock.advance(5000);
    recorder.captured.length = 0;
    const sid = sent.data.sid as string;
    await run('fetch-message', { messageSid: sid });
    await run('update-message', { messageSid: sid, body: '' });
    await run('update-message', { messageSid: later.data.sid, status: 'canceled' });
    await run('delete-message', { messageSid: sid });
    expect(recorder.captured.map((r) => `${r.method} ${r.body}`)).toEqual([
      'GET ',
      'POST Body=',
      'POST Status=canceled',
      'DELETE ',
    ]);
    expectAllConform();
  });
});
