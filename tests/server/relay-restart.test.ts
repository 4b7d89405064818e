import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { removeDataDir, startApp, type RunningApp } from '../helpers/app';
import { execute, OTHER_ACCOUNT, seededDatasourceId, WRONG_TOKEN } from '../helpers/relay';

// Data survives a restart on the same DATA_DIR and key; with another key the saved secrets cannot
// be read, which must be a clear JSON error that says how to fix it, not a crash.

interface Saved {
  emuId: string;
  prodId: string;
  datasources: unknown;
  queries: unknown;
  messageSid: string;
}

async function populate(app: RunningApp): Promise<Saved> {
  const emu = await app.api
    .post('/api/datasources')
    .send({
      name: 'Emu With Token',
      target: 'emulator',
      authToken: app.emulator.identity.authToken,
    })
    .expect(201);
  const prod = await app.api
    .post('/api/datasources')
    .send({ name: 'Prod', accountSid: OTHER_ACCOUNT, authToken: WRONG_TOKEN })
    .expect(201);
  await app.api
    .post('/api/queries')
    .send({
      name: 'SendOne',
      datasourceId: emu.body.id,
      command: 'create-message',
      params: { to: '{{Input1.text}}', body: 'Hi {{User.name}}' },
      settings: { confirmBeforeRun: true, timeoutMs: 30000 },
    })
    .expect(201);
  await app.api
    .post('/api/queries')
    .send({
      name: 'ListAll',
      datasourceId: prod.body.id,
      command: 'list-messages',
      params: { pageSize: '20' },
    })
    .expect(201);
  const sent = await execute(app, emu.body.id, 'create-message', {
    to: '+14155550400',
    from: app.emulator.info().phoneNumbers[0],
    body: 'before restart',
  }).expect(200);
  expect(sent.body.ok).toBe(true);
  return {
    emuId: emu.body.id,
    prodId: prod.body.id,
    datasources: (await app.api.get('/api/datasources').expect(200)).body,
    queries: (await app.api.get('/api/queries').expect(200)).body,
    messageSid: sent.body.data.sid,
  };
}

describe('restarting on the same DATA_DIR', () => {
  it('keeps datasources, queries and messages, and a saved secret still decrypts with the same key', async () => {
    const key = randomBytes(32);
    const first = await startApp({ key, keepDataDir: true });
    const saved = await populate(first);
    await first.close();

    const second = await startApp({ dataDir: first.dataDir, key });
    try {
      expect((await second.api.get('/api/datasources').expect(200)).body).toEqual(
        saved.datasources,
      );
      expect((await second.api.get('/api/queries').expect(200)).body).toEqual(saved.queries);
      // The seed runs only on an empty DATA_DIR.
      const names = (saved.datasources as { name: string }[]).map((d) => d.name);
      expect(names.filter((n) => n === 'Twilio Emulator')).toHaveLength(1);

      const test = await second.api.post(`/api/datasources/${saved.emuId}/test`).expect(200);
      expect(test.body).toMatchObject({
        ok: true,
        account: { sid: second.emulator.identity.accountSid },
      });
      const fetched = await execute(second, saved.emuId, 'fetch-message', {
        messageSid: saved.messageSid,
      }).expect(200);
      expect(fetched.body).toMatchObject({
        ok: true,
        data: { sid: saved.messageSid, body: 'before restart' },
      });
    } finally {
      await second.close();
      removeDataDir(first.dataDir);
    }
  });

  it('with another key, answers a clear JSON error naming the fix, keeps serving, and recovers once the secret is re-entered', async () => {
    const first = await startApp({ key: randomBytes(32), keepDataDir: true });
    const saved = await populate(first);
    await first.close();

    const app = await startApp({ dataDir: first.dataDir, key: randomBytes(32) });
    try {
      for (const res of [
        await app.api.post(`/api/datasources/${saved.emuId}/test`),
        await execute(app, saved.emuId, 'list-messages'),
        await execute(app, saved.prodId, 'list-messages'),
      ]) {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).not.toBe(500);
        expect(res.headers['content-type']).toMatch(/application\/json/);
        expect(res.body.error.code).toBe('secret_unreadable');
        expect(res.body.error.message).toMatch(/secret key/i);
        expect(res.body.error.message).toMatch(/enter the Auth Token again/);
        expect(res.body.error.field).toBe('authToken');
      }

      // The rest of the app still works: lists, the seeded datasource (no saved secret), queries.
      expect((await app.api.get('/api/datasources').expect(200)).body).toEqual(saved.datasources);
      expect((await app.api.get('/api/queries').expect(200)).body).toEqual(saved.queries);
      const seeded = await seededDatasourceId(app);
      expect((await app.api.post(`/api/datasources/${seeded}/test`).expect(200)).body.ok).toBe(
        true,
      );
      // Renaming does not need the secret.
      await app.api
        .patch(`/api/datasources/${saved.emuId}`)
        .send({ name: 'Emu Renamed' })
        .expect(200);

      // Re-entering the secret seals it with the new key.
      await app.api
        .patch(`/api/datasources/${saved.emuId}`)
        .send({ authToken: app.emulator.identity.authToken })
        .expect(200);
      expect((await app.api.post(`/api/datasources/${saved.emuId}/test`).expect(200)).body.ok).toBe(
        true,
      );
      const run = await execute(app, saved.emuId, 'fetch-message', {
        messageSid: saved.messageSid,
      }).expect(200);
      expect(run.body.ok).toBe(true);
      expect(app.logs.join('\n')).not.toContain(app.emulator.identity.authToken);
    } finally {
      await app.close();
      removeDataDir(first.dataDir);
    }
  });

  it('refuses a sealed secret copied onto another datasource (the id is the associated data)', async () => {
    const app = await startApp();
    try {
      const a = await app.api
        .post('/api/datasources')
        .send({ name: 'A', target: 'emulator', authToken: app.emulator.identity.authToken })
        .expect(201);
      const b = await app.api
        .post('/api/datasources')
        .send({ name: 'B', target: 'emulator', authToken: WRONG_TOKEN })
        .expect(201);
      const { secret } = app.db
        .prepare('SELECT secret FROM datasources WHERE id = ?')
        .get(a.body.id) as { secret: string };
      app.db
        .prepare('UPDATE datasources SET secret = ?, updated_at = ? WHERE id = ?')
        .run(secret, new Date().toISOString(), b.body.id);
      const res = await app.api.post(`/api/datasources/${b.body.id}/test`);
      expect(res.status).not.toBe(500);
      expect(res.body.error.code).toBe('secret_unreadable');
      // A is untouched.
      expect((await app.api.post(`/api/datasources/${a.body.id}/test`).expect(200)).body.ok).toBe(
        true,
      );
    } finally {
      await app.close();
    }
  });
});
