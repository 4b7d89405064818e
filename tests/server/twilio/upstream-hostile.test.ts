import http from 'node:http';
import type net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import { execute, OTHER_ACCOUNT, WRONG_TOKEN } from '../../helpers/relay';

// An upstream that tries to lead the relay elsewhere or to hold it: redirects to another local
// server (never followed: that server gets no request, the relay answers 502 upstream_redirect)
// and a body that stalls half-way or trickles in a byte at a time (504 once the query's timeout
// has passed, however the bytes arrive).

const MESSAGE_SID = `SM${'ab'.repeat(16)}`;
const messageJson = JSON.stringify({
  sid: MESSAGE_SID,
  account_sid: OTHER_ACCOUNT,
  status: 'sent',
  body: 'hi',
  num_media: '0',
});
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function listen(
  handler: http.RequestListener,
): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}` };
}

describe('an upstream that redirects or dribbles', () => {
  let upstream: { server: http.Server; url: string };
  let elsewhere: { server: http.Server; url: string };
  let elsewhereHits: string[] = [];
  let upstreamHits = 0;
  let handler: Handler = (_req, res) => res.end();
  let app: RunningApp;
  let ds: string;

  beforeAll(async () => {
    elsewhere = await listen((req, res) => {
      elsewhereHits.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(messageJson);
    });
    upstream = await listen((req, res) => {
      upstreamHits += 1;
      req.resume();
      req.on('end', () => handler(req, res));
    });
    app = await startApp({ env: { TWILIO_API_BASE_URL: upstream.url } });
    ds = (
      await app.api
        .post('/api/datasources')
        .send({ name: 'Hostile', accountSid: OTHER_ACCOUNT, authToken: WRONG_TOKEN })
        .expect(201)
    ).body.id;
  });
  afterEach(() => {
    elsewhereHits = [];
    upstreamHits = 0;
    upstream.server.closeAllConnections();
  });
  afterAll(async () => {
    await app.close();
    for (const s of [upstream.server, elsewhere.server]) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  });

  const redirectTo = (status: number) => (req: http.IncomingMessage, res: http.ServerResponse) =>
    res
      .writeHead(status, { Location: `${elsewhere.url}${req.url}`, 'Content-Type': 'text/html' })
      .end('<a href="elsewhere">Moved</a>');

  it.each([301, 302, 307, 308])(
    'does not follow a %i on a read or a send, and says why',
    async (status) => {
      handler = redirectTo(status);
      const read = await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID }).expect(502);
      const send = await execute(app, ds, 'create-message', {
        to: '+14155550600',
        from: '+14155550601',
        body: 'hi',
      }).expect(502);
      for (const res of [read, send]) {
        expect(res.headers['content-type']).toMatch(/application\/json/);
        expect(res.body.error.code).toBe('upstream_redirect');
        expect(res.body.error.message).toContain(`HTTP ${status}`);
        expect(res.body.error.message).toContain(elsewhere.url);
        expect(res.body.error.message).toMatch(/follows no redirects/);
      }
      // One request each to the configured upstream (a redirect is not retried), none elsewhere.
      expect(upstreamHits).toBe(2);
      expect(elsewhereHits).toEqual([]);
    },
  );

  it('does not follow a redirect in a connection test or the lookups either', async () => {
    handler = redirectTo(302);
    const test = await app.api.post(`/api/datasources/${ds}/test`).expect(200);
    expect(test.body).toMatchObject({
      ok: false,
      error: { code: 'upstream_redirect', status: 302 },
    });
    const lookups = await app.api.get(`/api/datasources/${ds}/lookups`).expect(200);
    expect(lookups.body.error).toMatch(/follows no redirects/);
    expect(lookups.body.phoneNumbers).toEqual([]);
    expect(elsewhereHits).toEqual([]);
  });

  it('times out a body that stops half-way (504, outcome unknown for a send)', async () => {
    handler = (_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.write(messageJson.slice(0, 20));
    };
    const started = Date.now();
    const res = await execute(
      app,
      ds,
      'create-message',
      { to: '+14155550600', from: '+14155550601', body: 'hi' },
      { timeoutMs: 1000 },
    ).expect(504);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.body.error).toMatchObject({ code: 'upstream_timeout' });
    expect(res.body.error.message).toMatch(/outcome is unknown/);
  });

  it('times out a body that trickles in past the timeout, though bytes keep coming', async () => {
    let timer: NodeJS.Timeout | undefined;
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      let i = 0;
      // 40 ms a byte: the whole body would take about 4 s, four times the query's timeout.
      timer = setInterval(() => {
        if (i < messageJson.length) res.write(messageJson[i++]!);
        else {
          clearInterval(timer);
          res.end();
        }
      }, 40);
      res.on('close', () => clearInterval(timer));
    };
    const started = Date.now();
    const res = await execute(
      app,
      ds,
      'fetch-message',
      { messageSid: MESSAGE_SID },
      { timeoutMs: 1000 },
    ).expect(504);
    const took = Date.now() - started;
    clearInterval(timer);
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(2500);
    expect(res.body.error.code).toBe('upstream_timeout');
    expect(upstreamHits).toBe(1); // a read that timed out is not retried
  });

  it('still reads a slow body that arrives within the timeout', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(messageJson.slice(0, 10));
      setTimeout(() => res.end(messageJson.slice(10)), 300);
    };
    const res = await execute(
      app,
      ds,
      'fetch-message',
      { messageSid: MESSAGE_SID },
      { timeoutMs: 2000 },
    ).expect(200);
    expect(res.body).toMatchObject({ ok: true, status: 200, data: { sid: MESSAGE_SID } });
  });
});
