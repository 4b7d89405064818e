import http from 'node:http';
import type net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import { execute, OTHER_ACCOUNT, WRONG_TOKEN } from '../../helpers/relay';

// An upstream whose answer never ends, or is a small gzip that inflates without end: the relay
// counts the decoded bytes and gives up past TQB_MAX_UPSTREAM_BYTES (10 MB unless set) with a 502
// that says so; the body is never read whole, so neither the bytes read nor the memory balloons.

const MESSAGE_SID = `SM${'ab'.repeat(16)}`;
const LIMIT = 10 * 1024 * 1024;
const HUGE = 60 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** `{"body":"aaaa…"}` of HUGE bytes, written as fast as the reader takes it; returns bytes written. */
function hugeJson(res: http.ServerResponse, written: { bytes: number }) {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"body":"');
  const pump = () => {
    while (!res.destroyed && written.bytes < HUGE) {
      written.bytes += CHUNK.length;
      if (!res.write(CHUNK)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end('"}');
  };
  pump();
}

/** A gzip of `{"body":"000…"}` that inflates to 300 MB: about 300 KB on the wire. */
async function gzipBomb(): Promise<Buffer> {
  const zeros = Buffer.alloc(1024 * 1024, '0');
  const gzip = zlib.createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write('{"body":"');
  for (let i = 0; i < 300; i++) gzip.write(zeros);
  gzip.end('"}');
  await done;
  return Buffer.concat(parts);
}

describe('an upstream whose answer is too large', () => {
  let upstream: http.Server;
  let url = '';
  let handler: Handler = (_req, res) => res.end();
  let app: RunningApp;
  let ds: string;
  let bomb: Buffer;

  beforeAll(async () => {
    bomb = await gzipBomb();
    upstream = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => handler(req, res));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(upstream.address() as net.AddressInfo).port}`;
    app = await startApp({ env: { TWILIO_API_BASE_URL: url } });
    ds = (
      await app.api
        .post('/api/datasources')
        .send({ name: 'Oversize', accountSid: OTHER_ACCOUNT, authToken: WRONG_TOKEN })
        .expect(201)
    ).body.id;
  });
  afterEach(() => upstream.closeAllConnections());
  afterAll(async () => {
    await app.close();
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('stops reading a huge plain answer past the limit (502 naming the variable)', async () => {
    const written = { bytes: 0 };
    handler = (_req, res) => hugeJson(res, written);
    const res = await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID }).expect(502);
    expect(res.body.error.code).toBe('upstream_too_large');
    expect(res.body.error.message).toMatch(/larger than the limit of 10485760 bytes/);
    expect(res.body.error.message).toContain('TQB_MAX_UPSTREAM_BYTES');
    // The upstream was cut off near the limit (socket buffers aside), not read to its end.
    expect(written.bytes).toBeLessThan(LIMIT + 8 * 1024 * 1024);
  });

  it('says a send whose answer was cut may have been sent', async () => {
    const written = { bytes: 0 };
    handler = (_req, res) => hugeJson(res, written);
    const res = await execute(app, ds, 'create-message', {
      to: '+14155550600',
      from: '+14155550601',
      body: 'hi',
    }).expect(502);
    expect(res.body.error.code).toBe('upstream_too_large');
    expect(res.body.error.message).toMatch(/outcome is unknown: the message may have been sent/);
  });

  it('stops inflating a gzip bomb at the limit, without the memory ballooning', async () => {
    handler = (_req, res) =>
      res
        .writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
        .end(bomb);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const res = await execute(app, ds, 'fetch-message', { messageSid: MESSAGE_SID });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('upstream_too_large');
    // Inflated whole, the 300 MB would sit in memory (twice, as a Buffer and a string).
    expect(peak - before).toBeLessThan(120 * 1024 * 1024);
  });

  it('says so in a connection test and in the lookups too', async () => {
    handler = (_req, res) =>
      res
        .writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
        .end(bomb);
    const test = await app.api.post(`/api/datasources/${ds}/test`).expect(200);
    expect(test.body).toMatchObject({ ok: false, error: { code: 'upstream_too_large' } });
    const lookups = await app.api.get(`/api/datasources/${ds}/lookups`).expect(200);
    expect(lookups.body.error).toMatch(/TQB_MAX_UPSTREAM_BYTES/);
  });
});
