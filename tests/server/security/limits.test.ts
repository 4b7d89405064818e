import express from 'express';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/env';
import { createHttpServer } from '../../../server/http-server';
import { createRateLimiter } from '../../../server/security/rate-limit';
import { startApp, type RunningApp } from '../../helpers/app';
import { execute, seededDatasourceId } from '../../helpers/relay';

// Limits: a 413 that names the size limit, TQB_RATE_LIMIT requests a minute per client on execute
// and on the connection tests (429 with Retry-After; 0 turns it off), and the HTTP server's own
// timeouts against clients that send their request slowly.

describe('body size', () => {
  it('answers a JSON body over 64 KB with 413 naming the limit', async () => {
    const app = await startApp();
    try {
      const res = await app.api
        .post('/api/queries')
        .send({ name: 'Big', params: { body: 'x'.repeat(70_000) } })
        .expect(413);
      expect(res.body.error).toEqual({
        code: 'entity_too_large',
        message: 'The request body is too large: the limit is 64 KB.',
      });
      await app.api
        .post('/api/queries')
        .send({ name: 'Small', params: { body: 'x'.repeat(60_000) } })
        .expect(400); // read, then validated
    } finally {
      await app.close();
    }
  });
});

describe('TQB_RATE_LIMIT', () => {
  let app: RunningApp;
  let ds: string;
  beforeAll(async () => {
    app = await startApp({ env: { TQB_RATE_LIMIT: '3' } });
    ds = await seededDatasourceId(app);
  });
  afterAll(() => app.close());

  it('allows 3 executes a minute, then answers 429 JSON with Retry-After', async () => {
    for (let i = 0; i < 3; i++)
      expect((await execute(app, ds, 'list-messages', { pageSize: 1 })).status).toBe(200);
    const res = await execute(app, ds, 'list-messages', { pageSize: 1 }).expect(429);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error.code).toBe('rate_limited');
    expect(res.body.error.message).toMatch(/at most 3 a minute per client \(TQB_RATE_LIMIT\)/);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20); // 3 a minute: one request comes back every 20 s
  });

  it('counts the two test endpoints together, apart from execute, and limits nothing else', async () => {
    await app.api.post(`/api/datasources/${ds}/test`).send({}).expect(200);
    await app.api
      .post('/api/datasources/test')
      .send({ name: 'Unsaved', target: 'emulator' })
      .expect(200);
    await app.api.post(`/api/datasources/${ds}/test`).send({}).expect(200);
    const limited = await app.api
      .post('/api/datasources/test')
      .send({ name: 'Unsaved', target: 'emulator' })
      .expect(429);
    expect(limited.body.error.message).toMatch(/connection test/);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    for (let i = 0; i < 10; i++) await app.api.get('/api/datasources').expect(200);
    await app.api
      .post('/api/queries')
      .send({ name: 'q', datasourceId: ds, command: 'list-messages', params: {} })
      .expect(201);
  });
});

describe('TQB_RATE_LIMIT defaults', () => {
  // Invalid bodies are refused after the limiter counted them, without calling the emulator.
  const burst = async (app: RunningApp, n: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, n - i) }, () =>
          app.api.post('/api/datasources/nope/execute').send({}),
        ),
      );
      statuses.push(...batch.map((r) => r.status));
    }
    return statuses;
  };

  it('is 120 a minute by default', async () => {
    const app = await startApp();
    try {
      const started = Date.now();
      const statuses = await burst(app, 140);
      // 120 at once, plus the 2 a second that the bucket refills while the burst runs.
      const refilled = Math.ceil(((Date.now() - started) / 1000) * 2);
      const answered = statuses.filter((s) => s === 404).length;
      expect(answered).toBeGreaterThanOrEqual(120);
      expect(answered).toBeLessThanOrEqual(120 + refilled);
      expect(statuses.filter((s) => s === 429).length).toBe(140 - answered);
    } finally {
      await app.close();
    }
  });

  it('is off with TQB_RATE_LIMIT=0', async () => {
    const app = await startApp({ env: { TQB_RATE_LIMIT: '0' } });
    try {
      expect(new Set(await burst(app, 200))).toEqual(new Set([404]));
    } finally {
      await app.close();
    }
  });
});

describe('TQB_RATE_LIMIT configuration', () => {
  it('reads a whole number, and stops on anything else naming the variable', () => {
    expect(loadConfig({}).rateLimitPerMinute).toBe(120);
    expect(loadConfig({ TQB_RATE_LIMIT: '0' }).rateLimitPerMinute).toBe(0);
    for (const bad of ['-1', 'lots', '1.5']) {
      expect(() => loadConfig({ TQB_RATE_LIMIT: bad })).toThrow(
        new RegExp(
          `TQB_RATE_LIMIT must be a whole number from 0 to 1000000 \\(got "${bad.replace('.', '\\.')}"\\)`,
        ),
      );
    }
  });
});

describe('TQB_TRUST_PROXY', () => {
  // Execute on an unknown datasource: 404 once the limiter let it through, 429 when it did not.
  const hit = (app: RunningApp, forwardedFor: string) =>
    app.api.post('/api/datasources/nope/execute').set('X-Forwarded-For', forwardedFor).send({});
  const statuses = async (app: RunningApp, forwardedFor: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await hit(app, forwardedFor)).status);
    return out;
  };

  it('with 1 hop, keys the limit on the client named in X-Forwarded-For: two clients get separate buckets', async () => {
    const app = await startApp({ env: { TQB_RATE_LIMIT: '2', TQB_TRUST_PROXY: '1' } });
    try {
      expect(await statuses(app, '203.0.113.7', 3)).toEqual([404, 404, 429]);
      expect(await statuses(app, '198.51.100.9', 3)).toEqual([404, 404, 429]);
      // One hop: only the address the proxy appended counts, not what the client put before it.
      expect((await hit(app, '192.0.2.1, 203.0.113.7')).status).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('by default ignores X-Forwarded-For: every client behind the header shares the socket address', async () => {
    const app = await startApp({ env: { TQB_RATE_LIMIT: '2' } });
    try {
      expect(await statuses(app, '203.0.113.7', 2)).toEqual([404, 404]);
      expect(await statuses(app, '198.51.100.9', 1)).toEqual([429]);
    } finally {
      await app.close();
    }
  });

  it('reads false, true, hop counts and address lists, and stops on anything else naming the variable', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TQB_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TQB_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TQB_TRUST_PROXY: 'TRUE' }).trustProxy).toBe(true);
    expect(loadConfig({ TQB_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({
        TQB_TRUST_PROXY: 'loopback, 10.0.0.0/8,192.168.1.1,fd00::/8,172.16.0.0/255.240.0.0',
      }).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', '192.168.1.1', 'fd00::/8', '172.16.0.0/255.240.0.0']);
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example', '10.0.0.1,', '1.5']) {
      expect(() => loadConfig({ TQB_TRUST_PROXY: bad })).toThrow(
        /TQB_TRUST_PROXY must be false, true, a number of proxy hops/,
      );
    }
  });
});

describe('the token bucket', () => {
  it('keeps clients apart and gives one request back every window/limit', () => {
    let t = 0;
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, now: () => t });
    expect([limiter.hit('a').ok, limiter.hit('a').ok, limiter.hit('a').ok]).toEqual([
      true,
      true,
      false,
    ]);
    expect(limiter.hit('b').ok).toBe(true);
    expect(limiter.check('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
    t = 29_000;
    expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    t = 30_000;
    expect(limiter.hit('a').ok).toBe(true);
    expect(limiter.hit('a').ok).toBe(false);
    t = 1_000_000; // long idle: full again, never more than the limit
    expect([limiter.hit('a').ok, limiter.hit('a').ok, limiter.hit('a').ok]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('server timeouts', () => {
  let server: ReturnType<typeof createHttpServer>;
  let port: number;
  beforeAll(async () => {
    const app = express();
    app.get('/slow-answer', (_req, res) => void setTimeout(() => res.send('done'), 1500));
    app.post(
      '/upload',
      express.text(),
      (req, res) => void res.send(`got ${String(req.body).length}`),
    );
    server = createHttpServer(app, {
      headersTimeout: 500,
      requestTimeout: 1000,
      keepAliveTimeout: 500,
      connectionsCheckingInterval: 100,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Writes `chunks` and reports what came back and when the server closed the connection. */
  const dribble = (chunks: string[]) =>
    new Promise<{ reply: string; closedAfterMs: number }>((resolve) => {
      const started = Date.now();
      const socket = net.connect(port, '127.0.0.1');
      let reply = '';
      socket.on('data', (d: Buffer) => (reply += d.toString()));
      socket.on('error', () => {});
      socket.on('close', () => resolve({ reply, closedAfterMs: Date.now() - started }));
      for (const c of chunks) socket.write(c);
    });

  it('answers 408 and closes when the headers do not arrive in time', async () => {
    const { reply, closedAfterMs } = await dribble(['GET /slow-answer HTTP/1.1\r\nHost: x\r\n']);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(400);
    expect(closedAfterMs).toBeLessThan(2000);
  });

  it('answers 408 and closes when the body does not arrive in time', async () => {
    const { reply, closedAfterMs } = await dribble([
      'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n',
      'only ten b',
    ]);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(2500);
  });

  it('does not cut short an answer that takes longer than the request timeout', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/slow-answer`);
    expect(await res.text()).toBe('done');
  });
});
