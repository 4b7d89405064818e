import http from 'node:http';
import type net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import { execute, OTHER_ACCOUNT, seededDatasourceId, WRONG_TOKEN } from '../../helpers/relay';

// How the relay's calls travel: the twilio library builds each request and server/twilio/transport.ts
// sends it over node:http (not the library's axios). What goes on the wire is what the library's
// own client sent, answers are read the same way (compressed, cut off), one kept-alive connection
// carries consecutive calls, and the cached client follows every edit of its datasource.

const MESSAGE_SID = `SM${'ab'.repeat(16)}`;
const messageJson = JSON.stringify({
  sid: MESSAGE_SID,
  account_sid: OTHER_ACCOUNT,
  status: 'sent',
  body: 'hi',
  num_media: '0',
});
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

describe('the relay on the wire', () => {
  let upstream: http.Server;
  let handler: Handler;
  let seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let connections = 0;
  let app: RunningApp;
  let ds: string;

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        handler(req, res, body);
      });
    });
    upstream.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(upstream.address() as net.AddressInfo).port}`;
    app = await startApp({ env: { TWILIO_API_BASE_URL: url } });
    ds = (
      await app.api
        .post('/api/datasources')
        .send({ name: 'Wire', accountSid: OTHER_ACCOUNT, authToken: WRONG_TOKEN })
        .expect(201)
    ).body.id;
  });
  afterEach(() => {
    seen = [];
    connections = 0;
    upstream.closeAllConnections();
  });
  afterAll(async () => {
    await app.close();
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  const answerJson: Handler = (_req, res) =>
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(messageJson);

  it('sends the headers the library sends, with Basic auth from the saved secret', async () => {
    handler = answerJson;
    await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID }).expect(200);
    const [get] = seen;
    expect(get!.method).toBe('GET');
    expect(get!.url).toBe(`/2010-04-01/Accounts/${OTHER_ACCOUNT}/Messages/${MESSAGE_SID}.json`);
    expect(get!.headers).toMatchObject({
      accept: 'application/json',
      'accept-charset': 'utf-8',
      'accept-encoding': 'gzip, compress, deflate, br',
      connection: 'keep-alive',
      authorization: `Basic ${Buffer.from(`${OTHER_ACCOUNT}:${WRONG_TOKEN}`).toString('base64')}`,
    });
    expect(get!.headers['user-agent']).toMatch(/^twilio-node\/\S+ \(\S+ \S+\) node\/v\d+/);
    expect(get!.headers['content-length']).toBeUndefined();
  });

  it('form-encodes a send as the library does: RFC 3986 escapes, a repeated key per list item', async () => {
    handler = (_req, res) =>
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(messageJson);
    const params = {
      to: '+14155550600',
      from: '+14155550601',
      body: "Hi (it's) 50% *off* ~ é 😀 a&b=c+d",
      mediaUrl: ['https://example.com/a.png?x=1&y=2', 'https://example.com/b.png'],
    };
    await execute(app, ds, 'create-message', params).expect(200);
    const [post] = seen;
    expect(post!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Number(post!.headers['content-length'])).toBe(Buffer.byteLength(post!.body));
    expect(post!.body.split('&')).toEqual([
      'To=%2B14155550600',
      'From=%2B14155550601',
      'Body=Hi%20%28it%27s%29%2050%25%20%2Aoff%2A%20~%20%C3%A9%20%F0%9F%98%80%20a%26b%3Dc%2Bd',
      'MediaUrl=https%3A%2F%2Fexample.com%2Fa.png%3Fx%3D1%26y%3D2',
      'MediaUrl=https%3A%2F%2Fexample.com%2Fb.png',
    ]);
    // The request as the relay reports it carries the same wire names and values.
    expect(new URLSearchParams(post!.body).getAll('MediaUrl')).toEqual(params.mediaUrl);
  });

  it('carries consecutive calls on one kept-alive connection', async () => {
    handler = answerJson;
    for (let i = 0; i < 5; i++)
      await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID }).expect(200);
    expect(seen).toHaveLength(5);
    expect(connections).toBe(1);
  });

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['deflate', zlib.deflateRawSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('reads an answer compressed with %s (%#)', async (encoding, compress) => {
    handler = (_req, res) =>
      res
        .writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding })
        .end(compress(messageJson));
    const res = await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID }).expect(200);
    expect(res.body).toMatchObject({ ok: true, status: 200, data: JSON.parse(messageJson) });
  });

  it('reads an answer that starts with a byte order mark', async () => {
    handler = (_req, res) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(`\ufeff${messageJson}`);
    const res = await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID }).expect(200);
    expect(res.body.data).toEqual(JSON.parse(messageJson));
  });

  it('answers a body cut off half-way with 502 unreachable, without trying again', async () => {
    handler = (_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': String(messageJson.length),
      });
      res.write(messageJson.slice(0, 10));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const read = await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID }).expect(502);
    expect(read.body.error.code).toBe('upstream_unreachable');
    expect(seen).toHaveLength(1);
  });
});

describe('the cached twilio client', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('follows an edit of the secret on the very next execute, and forgets a deleted datasource', async () => {
    const { authToken } = app.emulator.identity;
    const created = await app.api
      .post('/api/datasources')
      .send({ name: 'Emu Cached', target: 'emulator', authToken })
      .expect(201);
    const id = created.body.id as string;
    // The first execute builds and caches the client.
    expect((await execute(app, id, 'list-messages', { pageSize: 1 }).expect(200)).body.ok).toBe(
      true,
    );

    await app.api.patch(`/api/datasources/${id}`).send({ authToken: WRONG_TOKEN }).expect(200);
    expect(
      (await execute(app, id, 'list-messages', { pageSize: 1 }).expect(200)).body,
    ).toMatchObject({ ok: false, status: 401, error: { code: 20003 } });

    await app.api.patch(`/api/datasources/${id}`).send({ authToken }).expect(200);
    expect((await execute(app, id, 'list-messages', { pageSize: 1 }).expect(200)).body.ok).toBe(
      true,
    );

    await app.api.delete(`/api/datasources/${id}`).expect(204);
    expect((await execute(app, id, 'list-messages').expect(404)).body.error.code).toBe(
      'datasource_not_found',
    );
    // The seeded datasource, cached beside it, is untouched.
    expect(
      (
        await execute(app, await seededDatasourceId(app), 'list-messages', { pageSize: 1 }).expect(
          200,
        )
      ).body.ok,
    ).toBe(true);
  });
});
