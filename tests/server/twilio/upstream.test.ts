import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import { execute, OTHER_ACCOUNT, WRONG_TOKEN } from '../../helpers/relay';

// When Twilio misbehaves: a tiny local HTTP server stands in for api.twilio.com (through
// TWILIO_API_BASE_URL and a target "twilio" datasource). Unreachable -> 502, no answer -> 504
// (with "outcome unknown" for a send), 429 retried even for a send, 5xx retried only for reads,
// and a body that is not JSON -> a clear 502, never a 500.

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

const MESSAGE_SID = `SM${'ab'.repeat(16)}`;
const messageJson = (status = 'queued') => ({
  sid: MESSAGE_SID,
  account_sid: OTHER_ACCOUNT,
  to: '+14155550600',
  from: '+14155550601',
  body: 'hi',
  status,
  num_media: '0',
  uri: `/2010-04-01/Accounts/${OTHER_ACCOUNT}/Messages/${MESSAGE_SID}.json`,
});
const twilioError = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

describe('a Twilio that misbehaves', () => {
  let fake: http.Server;
  let handler: Handler = (_req, res) => send(res, 500, {});
  let seen: Seen[] = [];
  let sleeps: number[] = [];
  let app: RunningApp;
  let ds: string;

  beforeAll(async () => {
    fake = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({
          method: req.method!,
          url: req.url!,
          authorization: req.headers.authorization,
          body,
        });
        handler(req, res, seen.length);
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const { port } = fake.address() as net.AddressInfo;
    app = await startApp({
      env: { TWILIO_API_BASE_URL: `http://127.0.0.1:${port}` },
      retrySleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const created = await app.api
      .post('/api/datasources')
      .send({ name: 'Fake Twilio', accountSid: OTHER_ACCOUNT, authToken: WRONG_TOKEN })
      .expect(201);
    ds = created.body.id;
  });
  afterEach(() => {
    seen = [];
    sleeps = [];
    fake.closeAllConnections();
  });
  afterAll(async () => {
    await app.close();
    fake.closeAllConnections();
    await new Promise<void>((resolve) => fake.close(() => resolve()));
  });

  const create = () =>
    execute(app, ds, 'create-message', { to: '+14155550600', from: '+14155550601', body: 'hi' });

  it('sends to TWILIO_API_BASE_URL with the saved credentials and form-encoded wire names', async () => {
    handler = (_req, res) => send(res, 201, messageJson());
    const res = await create().expect(200);
    expect(res.body).toMatchObject({ ok: true, status: 201, data: { sid: MESSAGE_SID } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.url).toBe(`/2010-04-01/Accounts/${OTHER_ACCOUNT}/Messages.json`);
    expect(seen[0]!.authorization).toBe(
      `Basic ${Buffer.from(`${OTHER_ACCOUNT}:${WRONG_TOKEN}`).toString('base64')}`,
    );
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({
      To: '+14155550600',
      From: '+14155550601',
      Body: 'hi',
    });
  });

  it('retries a send refused with 429 (Twilio did not process it) and succeeds on the second try', async () => {
    handler = (_req, res, n) =>
      n === 1
        ? send(res, 429, twilioError(429, 20429, 'Too Many Requests'))
        : send(res, 201, messageJson());
    const res = await create().expect(200);
    expect(res.body).toMatchObject({ ok: true, status: 201, data: { sid: MESSAGE_SID } });
    expect(seen).toHaveLength(2);
    expect(seen[1]!.body).toBe(seen[0]!.body);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(0);
    expect(sleeps[0]).toBeLessThanOrEqual(2000);
  });

  it('gives up on 429 after 3 retries and answers the refusal', async () => {
    handler = (_req, res) => send(res, 429, twilioError(429, 20429, 'Too Many Requests'));
    const res = await create().expect(200);
    expect(res.body).toMatchObject({ ok: false, status: 429, error: { code: 20429 } });
    expect(seen).toHaveLength(4);
  });

  it('does not retry a send that got a 500: exactly one request, answered ok:false status 500', async () => {
    handler = (_req, res) => send(res, 500, twilioError(500, 20500, 'Internal Server Error'));
    const res = await create().expect(200);
    expect(res.body).toMatchObject({
      ok: false,
      status: 500,
      error: { code: 20500, message: 'Internal Server Error' },
    });
    expect(res.body.request).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${OTHER_ACCOUNT}/Messages.json`,
    });
    expect(seen).toHaveLength(1);
    expect(sleeps).toHaveLength(0);
  });

  it('a DELETE that got a 500 and then 404 on the retry says the first attempt most likely deleted it', async () => {
    const notFound = twilioError(
      404,
      20404,
      `The requested resource /2010-04-01/Accounts/${OTHER_ACCOUNT}/Messages/${MESSAGE_SID}.json was not found`,
    );
    handler = (_req, res, n) =>
      n === 1
        ? send(res, 500, twilioError(500, 20500, 'Internal Server Error'))
        : send(res, 404, notFound);
    const res = await execute(app, ds, 'delete-message', { messageSid: MESSAGE_SID }).expect(200);
    expect(seen.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
    expect(res.body).toMatchObject({ ok: false, status: 404, error: { code: 20404 } });
    expect(res.body.error.message).toMatch(/the first attempt most likely deleted the message/);

    // A 404 with no server error before it is just Twilio's 404.
    seen = [];
    handler = (_req, res) => send(res, 404, notFound);
    const plain = await execute(app, ds, 'delete-message', { messageSid: MESSAGE_SID }).expect(200);
    expect(plain.body.error.message).toBe(notFound.message);
  });

  it('does not retry a schedule that got a 503 either', async () => {
    handler = (_req, res) => send(res, 503, twilioError(503, 20503, 'Service Unavailable'));
    const sendAt = new Date(app.clock.now() + 20 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const res = await execute(app, ds, 'schedule-message', {
      to: '+14155550600',
      messagingServiceSid: `MG${'c'.repeat(32)}`,
      body: 'later',
      sendAt,
    }).expect(200);
    expect(res.body).toMatchObject({ ok: false, status: 503 });
    expect(seen).toHaveLength(1);
  });

  it('retries a read on 500 up to 3 times (4 requests), with jittered backoff of at most 2 s', async () => {
    handler = (_req, res) => send(res, 500, twilioError(500, 20500, 'Internal Server Error'));
    const res = await execute(app, ds, 'list-messages', { pageSize: 5 }).expect(200);
    expect(res.body).toMatchObject({ ok: false, status: 500, error: { code: 20500 } });
    expect(seen).toHaveLength(4);
    expect(seen.every((s) => s.method === 'GET' && s.url.includes('PageSize=5'))).toBe(true);
    expect(sleeps).toHaveLength(3);
    for (const ms of sleeps) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(2000);
    }
  });

  it('retries reads and the other non-send commands on 5xx until one succeeds', async () => {
    handler = (_req, res, n) =>
      n < 3
        ? send(res, 503, twilioError(503, 20503, 'Service Unavailable'))
        : send(res, 200, messageJson('delivered'));
    const res = await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID }).expect(200);
    expect(res.body).toMatchObject({
      ok: true,
      status: 200,
      data: { sid: MESSAGE_SID, status: 'delivered' },
    });
    expect(seen).toHaveLength(3);
  });

  it('does not retry a 4xx other than 429', async () => {
    handler = (_req, res) =>
      send(res, 404, twilioError(404, 20404, 'The requested resource was not found'));
    const res = await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID }).expect(200);
    expect(res.body).toMatchObject({ ok: false, status: 404, error: { code: 20404 } });
    expect(seen).toHaveLength(1);
  });

  it('answers a 200 whose body is not JSON with a clear 502 JSON error, not a 500', async () => {
    handler = (_req, res) => send(res, 200, '{"messages": [ this is not json');
    const list = await execute(app, ds, 'list-messages').expect(502);
    expect(list.headers['content-type']).toMatch(/application\/json/);
    expect(list.body.error.code).toBe('upstream_bad_response');
    expect(list.body.error.message).toMatch(/could not be read/);

    handler = (_req, res) => send(res, 201, '<html>not json</html>');
    const sent = await create().expect(502);
    expect(sent.body.error.code).toBe('upstream_bad_response');
    expect(sent.body.error.message).toMatch(/may have been sent/);
    expect(seen).toHaveLength(2);
  });

  it('times out a send after the query timeoutMs with a 504 that says the outcome is unknown', async () => {
    handler = () => {}; // never answers
    const started = Date.now();
    const res = await execute(
      app,
      ds,
      'create-message',
      { to: '+14155550600', from: '+14155550601', body: 'hi' },
      { timeoutMs: 1000 },
    ).expect(504);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(5000);
    expect(res.body.error.code).toBe('upstream_timeout');
    expect(res.body.error.message).toMatch(/outcome is unknown/);
    expect(res.body.error.message).toMatch(/List Message/);
    expect(seen).toHaveLength(1);
  });

  it('times out a read with a 504 that suggests trying again, without retrying it', async () => {
    handler = () => {};
    const res = await execute(app, ds, 'list-messages', {}, { timeoutMs: 1000 }).expect(504);
    expect(res.body.error.code).toBe('upstream_timeout');
    expect(res.body.error.message).not.toMatch(/outcome is unknown/);
    expect(res.body.error.message).toMatch(/timeout/i);
    expect(seen).toHaveLength(1);
  });

  // The upstream reads the request, then drops the connection without a word: ECONNRESET.
  const reset = (req: http.IncomingMessage) => req.socket.destroy();

  it('retries a read (GET) once when the connection is reset, with the same backoff', async () => {
    handler = (req, res, n) => (n === 1 ? reset(req) : send(res, 200, messageJson('delivered')));
    const res = await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID }).expect(200);
    expect(res.body).toMatchObject({ ok: true, status: 200, data: { sid: MESSAGE_SID } });
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET']);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(0);
    expect(sleeps[0]).toBeLessThanOrEqual(400);
    expect(
      app.logs.some((l) => l.includes('retrying a Twilio call') && l.includes('ECONNRESET')),
    ).toBe(true);
  });

  it('gives a read whose connection keeps being reset one retry only, then answers 502', async () => {
    handler = (req) => reset(req);
    const res = await execute(app, ds, 'list-messages', { pageSize: 5 }).expect(502);
    expect(res.body.error.code).toBe('upstream_unreachable');
    expect(res.body.error.message).toMatch(/ECONNRESET/);
    expect(seen).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('never retries a POST or DELETE on a reset connection; a send says its outcome is unknown', async () => {
    handler = (req) => reset(req);
    const sent = await create().expect(502);
    expect(sent.body.error.code).toBe('upstream_unreachable');
    expect(sent.body.error.message).toMatch(/outcome is unknown.*List Message/);
    expect(seen).toHaveLength(1);
    const sendAt = new Date(app.clock.now() + 20 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await execute(app, ds, 'schedule-message', {
      to: '+14155550600',
      messagingServiceSid: `MG${'c'.repeat(32)}`,
      body: 'later',
      sendAt,
    }).expect(502);
    expect(seen).toHaveLength(2);
    await execute(app, ds, 'update-message', {
      messageSid: MESSAGE_SID,
      status: 'canceled',
    }).expect(502);
    expect(seen).toHaveLength(3);
    const deleted = await execute(app, ds, 'delete-message', { messageSid: MESSAGE_SID }).expect(
      502,
    );
    expect(deleted.body.error.message).not.toMatch(/outcome is unknown/);
    expect(seen.map((s) => s.method)).toEqual(['POST', 'POST', 'POST', 'DELETE']);
    expect(sleeps).toHaveLength(0);
  });

  it('tests a twilio datasource against TWILIO_API_BASE_URL', async () => {
    handler = (_req, res) =>
      send(res, 200, { sid: OTHER_ACCOUNT, friendly_name: 'Fake', status: 'active', type: 'Full' });
    const res = await app.api.post(`/api/datasources/${ds}/test`).expect(200);
    expect(res.body).toEqual({
      ok: true,
      account: { sid: OTHER_ACCOUNT, friendlyName: 'Fake', status: 'active', type: 'Full' },
    });
    expect(seen[0]!.url).toBe(`/2010-04-01/Accounts/${OTHER_ACCOUNT}.json`);
  });
});

describe('a Twilio that cannot be reached', () => {
  it('answers 502 JSON for reads and sends, and ok:false for a connection test', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const sleeps: number[] = [];
    const app = await startApp({
      env: { TWILIO_API_BASE_URL: `http://127.0.0.1:${port}` },
      retrySleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    try {
      const created = await app.api
        .post('/api/datasources')
        .send({ name: 'Nowhere', accountSid: OTHER_ACCOUNT, authToken: WRONG_TOKEN })
        .expect(201);
      const read = await execute(app, created.body.id, 'list-messages');
      // A refused read is tried once more (nothing was sent); a refused send is not.
      expect(sleeps).toHaveLength(1);
      const sent = await execute(app, created.body.id, 'create-message', {
        to: '+14155550600',
        from: '+14155550601',
        body: 'hi',
      });
      expect(sleeps).toHaveLength(1);
      for (const res of [read, sent]) {
        expect(res.status).toBe(502);
        expect(res.headers['content-type']).toMatch(/application\/json/);
        expect(res.body.error.code).toBe('upstream_unreachable');
        expect(res.body.error.message).toMatch(/ECONNREFUSED/);
        expect(res.body.error.message).toMatch(/TWILIO_API_BASE_URL/);
      }
      const test = await app.api.post(`/api/datasources/${created.body.id}/test`).expect(200);
      expect(test.body).toMatchObject({ ok: false, error: { code: 'upstream_unreachable' } });
    } finally {
      await app.close();
    }
  });
});
