import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../helpers/emulator';
import { PATHS, matchPath } from '../helpers/openapi';
import { twilioForm } from '../helpers/raw-twilio';
import { specProblems, startRecorder } from '../helpers/spec-requests';

// What the official twilio library (6.2.0) puts on the wire, captured by a small recording proxy in
// front of the emulator and checked against the spec: the operation exists, path parameters match
// their patterns, and form bodies and query strings validate against the declared request body
// schema and query parameters, with no parameter the spec does not declare.

describe('requests twilio-node sends, against twilio_api_v2010.json', () => {
  let emu: RunningEmulator;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let client: twilio.Twilio;
  let from: string;
  let serviceSid: string;

  beforeAll(async () => {
    emu = await startEmulator({ stepMs: 1000 });
    recorder = await startRecorder(emu.baseUrl);
    client = twilio(emu.accountSid, emu.authToken);
    client.api.baseUrl = recorder.url;
    from = emu.emulator.info().phoneNumbers[0]!;
    serviceSid = emu.emulator.info().messagingServiceSids[0]!;
  });
  afterAll(async () => {
    await recorder.close();
    await emu.close();
  });
  beforeEach(() => {
    recorder.captured.length = 0;
  });

  const only = (method: string) => {
    const requests = recorder.captured.filter((r) => r.method === method);
    expect(requests.length).toBeGreaterThan(0);
    return requests;
  };
  const expectAllConform = () => {
    expect(recorder.captured.length).toBeGreaterThan(0);
    for (const req of recorder.captured)
      expect(specProblems(req), `${req.method} ${req.path}?${req.query}`).toEqual([]);
  };

  it('create: SMS, MMS, WhatsApp, Messaging Service and scheduled sends', async () => {
    await client.messages.create({
      to: '+15551110001',
      from,
      body: 'Hi & bye = 100% 👍',
      statusCallback: 'https://example.com/cb?a=1',
    });
    await client.messages.create({
      to: '+15551110002',
      from,
      body: 'Pictures',
      mediaUrl: ['https://example.com/a.jpg', 'https://example.com/b.png'],
    });
    await client.messages.create({
      to: 'whatsapp:+15551110003',
      from: `whatsapp:${from}`,
      body: 'WhatsApp',
    });
    await client.messages.create({
      to: '+15551110004',
      messagingServiceSid: serviceSid,
      body: 'Service',
      smartEncoded: true,
    });
    await client.messages.create({
      to: '+15551110005',
      messagingServiceSid: serviceSid,
      body: 'Later',
      scheduleType: 'fixed',
      sendAt: new Date(emu.clock.now() + 3600_000),
    });
    expect(only('POST')).toHaveLength(5);
    expectAllConform();
    const [sms, mms, , service, scheduled] = recorder.captured.map(
      (r) => new URLSearchParams(r.body),
    );
    expect(sms!.get('Body')).toBe('Hi & bye = 100% 👍');
    expect(mms!.getAll('MediaUrl')).toEqual([
      'https://example.com/a.jpg',
      'https://example.com/b.png',
    ]);
    expect(service!.get('SmartEncoded')).toBe('true');
    expect(scheduled!.get('SendAt')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('the raw-fetch contract tests encode forms byte for byte as twilio-node does', async () => {
    const data = {
      To: '+15551110006',
      From: from,
      Body: "It's (50% off)! ~ *now* & a=b é",
      MediaUrl: ['https://e.com/a b.jpg', 'https://e.com/c'],
    };
    await client.messages.create({
      to: data.To,
      from: data.From,
      body: data.Body,
      mediaUrl: data.MediaUrl,
    });
    const wire = only('POST')[0]!.body;
    expect(wire.split('&').sort()).toEqual(twilioForm(data).split('&').sort());
    expect(wire).toContain(
      'Body=It%27s%20%2850%25%20off%29%21%20~%20%2Anow%2A%20%26%20a%3Db%20%C3%A9',
    );
  });

  it('update: redact (Body=) and cancel (Status=canceled)', async () => {
    const sent = await client.messages.create({ to: '+15551110007', from, body: 'Secret' });
    const later = await client.messages.create({
      to: '+15551110008',
      messagingServiceSid: serviceSid,
      body: 'Cancel me',
      scheduleType: 'fixed',
      sendAt: new Date(emu.clock.now() + 3600_000),
    });
    emu.clock.advance(5000);
    recorder.captured.length = 0;
    expect((await client.messages(sent.sid).update({ body: '' })).body).toBe('');
    expect((await client.messages(later.sid).update({ status: 'canceled' })).status).toBe(
      'canceled',
    );
    const [redact, cancel] = only('POST');
    expect(redact!.body).toBe('Body=');
    expect(cancel!.body).toBe('Status=canceled');
    expectAllConform();
  });

  it('list: filters and every page request, following next_page_uri', async () => {
    for (let i = 0; i < 5; i++)
      await client.messages.create({ to: '+15551110009', from, body: `Paged ${i}` });
    emu.clock.advance(5000);
    recorder.captured.length = 0;
    const day = new Date(Date.UTC(2030, 0, 15));
    const listed = await client.messages.list({
      to: '+15551110009',
      from,
      dateSent: day,
      dateSentBefore: new Date(Date.UTC(2030, 0, 16)),
      dateSentAfter: new Date(Date.UTC(2030, 0, 14)),
      pageSize: 2,
    });
    expect(listed).toHaveLength(5);
    const gets = only('GET');
    expect(gets).toHaveLength(3);
    expect(gets[0]!.query).toBe(
      `To=%2B15551110009&From=${encodeURIComponent(from)}&DateSent=2030-01-15T00%3A00%3A00Z` +
        '&DateSent%3C=2030-01-16T00%3A00%3A00Z&DateSent%3E=2030-01-14T00%3A00%3A00Z&PageSize=2',
    );
    expect(gets[1]!.query).toMatch(/&Page=1&PageToken=PA/);
    expectAllConform();
  });

  it('fetch, delete, account fetch and the number lists', async () => {
    const sent = await client.messages.create({ to: '+15551110010', from, body: 'Bye' });
    emu.clock.advance(5000);
    recorder.captured.length = 0;
    await client.messages(sent.sid).fetch();
    expect(await client.messages(sent.sid).remove()).toBe(true);
    await client.api.v2010.accounts(emu.accountSid).fetch();
    await client.incomingPhoneNumbers.list({
      phoneNumber: from,
      friendlyName: '(202) 555-0143',
      beta: false,
      pageSize: 20,
    });
    await client.outgoingCallerIds.list({
      phoneNumber: emu.emulator.info().verifiedCallerIds[0]!,
      pageSize: 5,
    });
    expect(recorder.captured.map((r) => `${r.method} ${matchPath(r.path)?.path}`)).toEqual([
      `GET ${PATHS.message}`,
      `DELETE ${PATHS.message}`,
      `GET ${PATHS.account}`,
      `GET ${PATHS.incomingPhoneNumbers}`,
      `GET ${PATHS.outgoingCallerIds}`,
    ]);
    expectAllConform();
  });

  it('flags what the spec does not declare: twilio-node 6.2.0 create parameters newer than the spec', async () => {
    await client.messages.create({
      to: '+15551110011',
      from,
      body: 'Intent',
      messageIntent: 'marketing',
    });
    const [req] = only('POST');
    expect(new URLSearchParams(req!.body).get('MessageIntent')).toBe('marketing');
    expect(specProblems(req!)).toEqual(['undeclared body parameter MessageIntent']);
  });
});
