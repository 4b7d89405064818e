import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import { OTHER_ACCOUNT, WRONG_TOKEN } from '../../helpers/relay';

// The lookups make three Twilio calls each: a datasource's answer is kept for 30 s (an edit drops
// it) and requests for it are counted with the connection tests under TQB_RATE_LIMIT.

const PAGE = { first_page_uri: '', next_page_uri: null, previous_page_uri: null, page: 0 };

describe('GET /api/datasources/:id/lookups against a counting upstream', () => {
  let upstream: http.Server;
  let url = '';
  let hits: string[] = [];

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      const path = (req.url ?? '').split('?')[0]!;
      const body = path.endsWith('/IncomingPhoneNumbers.json')
        ? { ...PAGE, incoming_phone_numbers: [{ phone_number: '+14155550100' }] }
        : path.endsWith('/OutgoingCallerIds.json')
          ? { ...PAGE, outgoing_caller_ids: [{ phone_number: '+14155550199' }] }
          : { sid: OTHER_ACCOUNT, type: 'Full', status: 'active' };
      // A little latency, so concurrent requests overlap as they would against Twilio.
      setTimeout(
        () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body)),
        20,
      );
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(upstream.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });
  beforeEach(() => {
    hits = [];
  });

  async function appWith(rateLimit: string): Promise<{ app: RunningApp; ds: string }> {
    const app = await startApp({ env: { TWILIO_API_BASE_URL: url, TQB_RATE_LIMIT: rateLimit } });
    const ds = (
      await app.api
        .post('/api/datasources')
        .send({ name: 'Counted', accountSid: OTHER_ACCOUNT, authToken: WRONG_TOKEN })
        .expect(201)
    ).body.id as string;
    return { app, ds };
  }

  it('makes a handful of Twilio calls for 150 requests, and reads again after 30 s or an edit', async () => {
    const { app, ds } = await appWith('1000');
    try {
      const answers = await Promise.all(
        Array.from({ length: 150 }, () => app.api.get(`/api/datasources/${ds}/lookups`)),
      );
      for (const res of answers) {
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          phoneNumbers: ['+14155550100'],
          verifiedCallerIds: ['+14155550199'],
          trial: false,
        });
      }
      expect(hits.length).toBeLessThanOrEqual(6);
      expect(hits.length).toBeGreaterThanOrEqual(3);

      hits = [];
      app.clock.advance(29_000);
      await app.api.get(`/api/datasources/${ds}/lookups`).expect(200);
      expect(hits).toEqual([]);
      app.clock.advance(2_000);
      await app.api.get(`/api/datasources/${ds}/lookups`).expect(200);
      expect(hits).toHaveLength(3);

      hits = [];
      const current = await app.api.get(`/api/datasources/${ds}`).expect(200);
      await app.api
        .patch(`/api/datasources/${ds}`)
        .set('If-Match', current.headers.etag as string)
        .send({ name: 'Counted again' })
        .expect(200);
      await app.api.get(`/api/datasources/${ds}/lookups`).expect(200);
      expect(hits).toHaveLength(3);
    } finally {
      await app.close();
    }
  });

  it('answers 429 with Retry-After past TQB_RATE_LIMIT, counted with the connection tests', async () => {
    const { app, ds } = await appWith('5');
    try {
      for (let i = 0; i < 3; i++) await app.api.get(`/api/datasources/${ds}/lookups`).expect(200);
      await app.api.post(`/api/datasources/${ds}/test`).expect(200);
      await app.api.post(`/api/datasources/${ds}/test`).expect(200);
      const res = await app.api.get(`/api/datasources/${ds}/lookups`).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(res.body.error.message).toMatch(/the lookups.*TQB_RATE_LIMIT/);
    } finally {
      await app.close();
    }
  });
});
