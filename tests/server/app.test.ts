import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createEmulator, type Emulator } from '../../server/emulator/app';
import { loadConfig } from '../../server/env';

describe('createApp', () => {
  let emulator: Emulator;
  let staticDir: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(() => {
    emulator = createEmulator({ dir: ':memory:', logger: pino({ level: 'silent' }), timer: false });
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Twilio Query Builder</title>');
    app = createApp({ config: loadConfig({}), logger: pino({ level: 'silent' }), emulator, staticDir });
  });
  afterAll(async () => {
    await emulator.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('answers the health check', async () => {
    const res = await request(app).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('describes the emulator without any secret', async () => {
    const res = await request(app).get('/api/emulator').expect(200);
    expect(Object.keys(res.body).sort()).toEqual(
      ['accountSid', 'apiKeySid', 'messagingServiceSids', 'phoneNumbers', 'trial', 'verifiedCallerIds'].sort(),
    );
    expect(res.body.accountSid).toBe(emulator.identity.accountSid);
    expect(res.body.phoneNumbers).toHaveLength(2);
    expect(res.body.messagingServiceSids[0]).toMatch(/^MG[0-9a-f]{32}$/);
    expect(res.body.verifiedCallerIds).toHaveLength(1);
    expect(res.text).not.toContain(emulator.identity.authToken);
    expect(res.text).not.toContain(emulator.identity.apiKeySecret);
  });

  it('mounts the emulator at /emulator', async () => {
    const { accountSid, authToken } = emulator.identity;
    const res = await request(app)
      .get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`)
      .auth(accountSid, authToken)
      .expect(200);
    expect(res.body.messages).toEqual([]);
    expect(res.body.next_page_uri).toBeNull();
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await request(app).get('/api/nope').expect(404);
    expect(res.body.error).toMatchObject({ code: 'not_found' });
    expect(res.body.error.message).toContain('/nope');
  });

  it('answers malformed JSON with a 400 that says so', async () => {
    const res = await request(app).post('/api/health').set('Content-Type', 'application/json').send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid JSON/);
  });

  it('serves the browser app for deep links', async () => {
    const res = await request(app).get('/queries/42').expect(200);
    expect(res.text).toContain('Twilio Query Builder');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
