import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';

describe('createApp', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('answers the health check', async () => {
    const res = await app.api.get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('describes the emulator without any secret', async () => {
    const res = await app.api.get('/api/emulator').expect(200);
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'accountSid',
        'apiKeySid',
        'messagingServiceSids',
        'phoneNumbers',
        'trial',
        'verifiedCallerIds',
      ].sort(),
    );
    expect(res.body.accountSid).toBe(app.emulator.identity.accountSid);
    expect(res.body.phoneNumbers).toHaveLength(2);
    expect(res.body.messagingServiceSids[0]).toMatch(/^MG[0-9a-f]{32}$/);
    expect(res.body.verifiedCallerIds).toHaveLength(1);
    expect(res.text).not.toContain(app.emulator.identity.authToken);
    expect(res.text).not.toContain(app.emulator.identity.apiKeySecret);
  });

  it('mounts the emulator at /emulator', async () => {
    const { accountSid, authToken } = app.emulator.identity;
    const res = await app.api
      .get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`)
      .auth(accountSid, authToken)
      .expect(200);
    expect(res.body.messages).toEqual([]);
    expect(res.body.next_page_uri).toBeNull();
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await app.api.get('/api/nope').expect(404);
    expect(res.body.error).toMatchObject({ code: 'not_found' });
    expect(res.body.error.message).toContain('/nope');
  });

  it('answers malformed JSON with a 400 that says so', async () => {
    const res = await app.api
      .post('/api/datasources')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid JSON/);
  });

  it('answers a body over 64 KB with a 413', async () => {
    const res = await app.api
      .post('/api/queries')
      .send({ name: 'Big', params: { body: 'x'.repeat(70_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/too large/);
  });
});

describe('serving the browser app', () => {
  it('serves index.html for deep links, and not for API paths', async () => {
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-static-'));
    fs.writeFileSync(
      path.join(staticDir, 'index.html'),
      '<!doctype html><title>Twilio Query Builder</title>',
    );
    const app = await startApp({ staticDir });
    try {
      const page = await app.api.get('/queries/42').expect(200);
      expect(page.text).toContain('Twilio Query Builder');
      expect(page.headers['x-powered-by']).toBeUndefined();
      await app.api.get('/api/queries/zzz').expect(404);
    } finally {
      await app.close();
      fs.rmSync(staticDir, { recursive: true, force: true });
    }
  });
});
