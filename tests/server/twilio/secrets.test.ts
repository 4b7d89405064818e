import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault } from '../../../server/vault/vault';
import { removeDataDir, startApp, type RunningApp } from '../../helpers/app';
import { execute, FAKE_API_KEY_SID, OTHER_ACCOUNT, seededDatasourceId } from '../../helpers/relay';

// Secrets go in and never come out: not in any answer of any route (success or error), the audit
// log's included, not in a log line, not in clear in the SQLite files. What is stored is the vault's v1 sealed form.

const MADE_UP_TOKEN = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const MADE_UP_TOKEN_2 = 'deadbeefdeadbeefdeadbeefdeadbeef';
const MADE_UP_KEY_SECRET = 'MadeUpApiKeySecretQz7Xy9Wv';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('secrets never leave the server', () => {
  const key = randomBytes(32);
  let app: RunningApp;
  let secrets: string[];
  const texts: string[] = [];
  const ids: Record<string, string> = {};

  /** Records the raw text of an answer, to look for secrets in every one of them. */
  async function seen<T extends { text: string }>(res: T | PromiseLike<T>): Promise<T> {
    const r = await res;
    texts.push(r.text);
    return r;
  }

  beforeAll(async () => {
    // Twilio itself is a closed local port: a twilio-target datasource's calls fail fast, offline.
    app = await startApp({
      key,
      env: { TWILIO_API_BASE_URL: `http://127.0.0.1:${await closedPort()}` },
    });
    const { authToken, apiKeySecret, accountSid } = app.emulator.identity;
    secrets = [MADE_UP_TOKEN, MADE_UP_TOKEN_2, MADE_UP_KEY_SECRET, authToken, apiKeySecret];
    // Basic auth headers carry "user:secret" in base64; those must not show either.
    secrets.push(
      Buffer.from(`${accountSid}:${authToken}`).toString('base64'),
      Buffer.from(`${OTHER_ACCOUNT}:${MADE_UP_TOKEN}`).toString('base64'),
    );

    const create = async (name: string, body: Record<string, unknown>) => {
      const res = await seen(app.api.post('/api/datasources').send({ name, ...body }));
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    };
    await create('Twilio Basic', {
      target: 'twilio',
      accountSid: OTHER_ACCOUNT,
      authToken: MADE_UP_TOKEN,
    });
    await create('Twilio Key', {
      target: 'twilio',
      authType: 'api-key',
      accountSid: OTHER_ACCOUNT,
      apiKeySid: FAKE_API_KEY_SID,
      apiKeySecret: MADE_UP_KEY_SECRET,
    });
    await create('Emu Token', { target: 'emulator', authToken });
    await create('Emu Key', { target: 'emulator', authType: 'api-key', apiKeySecret });
    ids.seeded = await seededDatasourceId(app);
  });
  afterAll(() => app.close());

  it('answers every route without a secret, while the secrets work', async () => {
    const from = app.emulator.info().phoneNumbers[0];
    await seen(app.api.get('/api/datasources').expect(200));
    for (const id of Object.values(ids))
      await seen(app.api.get(`/api/datasources/${id}`).expect(200));

    // Test connection: the emulator ones succeed, the twilio ones cannot reach Twilio.
    expect((await seen(app.api.post(`/api/datasources/${ids['Emu Token']}/test`))).body.ok).toBe(
      true,
    );
    expect((await seen(app.api.post(`/api/datasources/${ids['Emu Key']}/test`))).body.ok).toBe(
      true,
    );
    const unreachable = await seen(app.api.post(`/api/datasources/${ids['Twilio Basic']}/test`));
    expect(unreachable.body).toMatchObject({ ok: false, error: { code: 'upstream_unreachable' } });
    await seen(app.api.post(`/api/datasources/${ids['Twilio Key']}/test`));
    await seen(
      app.api
        .post('/api/datasources/test')
        .send({ name: 'Unsaved', target: 'emulator', authToken: app.emulator.identity.authToken })
        .expect(200),
    );
    await seen(
      app.api
        .post('/api/datasources/test')
        .send({ name: 'Unsaved', accountSid: OTHER_ACCOUNT, authToken: MADE_UP_TOKEN })
        .expect(200),
    );
    const wrong = await seen(
      app.api
        .post('/api/datasources/test')
        .send({ name: 'Unsaved', target: 'emulator', authToken: MADE_UP_TOKEN })
        .expect(200),
    );
    expect(wrong.body).toMatchObject({ ok: false, error: { code: 20003 } });

    // Execute: success, Twilio refusal, validation error, unreachable Twilio.
    const ok = await seen(
      execute(app, ids['Emu Token']!, 'create-message', {
        to: '+14155550500',
        from,
        body: 'hello',
      }).expect(200),
    );
    expect(ok.body.ok).toBe(true);
    expect(
      (await seen(execute(app, ids['Emu Key']!, 'list-messages', { pageSize: 5 }).expect(200))).body
        .ok,
    ).toBe(true);
    await seen(
      execute(app, ids['Emu Token']!, 'create-message', {
        to: '+15005550001',
        from,
        body: 'refused',
      }).expect(200),
    );
    await seen(
      execute(app, ids['Emu Token']!, 'list-messages', { accountSid: OTHER_ACCOUNT }).expect(200),
    );
    await seen(execute(app, ids['Emu Token']!, 'create-message', { to: 'nope' }).expect(400));
    await seen(execute(app, ids['Twilio Basic']!, 'list-messages').expect(502));
    await seen(
      execute(app, ids['Twilio Key']!, 'fetch-message', {
        messageSid: `SM${'a'.repeat(32)}`,
      }).expect(502),
    );

    // Patch: a rename, a new secret, and a refused patch.
    await seen(
      app.api
        .patch(`/api/datasources/${ids['Twilio Basic']}`)
        .send({ name: 'Twilio Basic 2' })
        .expect(200),
    );
    await seen(
      app.api
        .patch(`/api/datasources/${ids['Twilio Basic']}`)
        .send({ authToken: MADE_UP_TOKEN_2 })
        .expect(200),
    );
    await seen(
      app.api
        .patch(`/api/datasources/${ids['Twilio Key']}`)
        .send({ apiKeySecret: 'short' })
        .expect(400),
    );

    // Errors that carry a secret-like value in the request: a token pasted into the wrong field, a
    // duplicate name, an unknown field holding the token, malformed JSON with the token inside.
    const misplaced = await seen(
      app.api
        .post('/api/datasources')
        .send({ name: 'Wrong Field', accountSid: OTHER_ACCOUNT, authToken: MADE_UP_KEY_SECRET })
        .expect(400),
    );
    expect(misplaced.body.error.field).toBe('authToken');
    await seen(
      app.api
        .post('/api/datasources')
        .send({ name: 'Emu Token', target: 'emulator', authToken: MADE_UP_TOKEN })
        .expect(409),
    );
    await seen(
      app.api
        .post('/api/datasources')
        .send({ name: 'Extra', target: 'emulator', token: MADE_UP_TOKEN_2 })
        .expect(400),
    );
    await seen(
      app.api
        .post('/api/datasources')
        .set('Content-Type', 'application/json')
        .send(`{"authToken": "${MADE_UP_TOKEN}",`)
        .expect(400),
    );
    await seen(
      app.api
        .post('/api/datasources/test')
        .send({ name: 'X', accountSid: 'ACbad', authToken: MADE_UP_TOKEN })
        .expect(400),
    );

    // The audit log recorded all of the above (tests, sends, changes of secrets) without one.
    const audit = await seen(app.api.get('/api/audit?limit=1000').expect(200));
    expect(audit.body.events.length).toBeGreaterThan(15);
    expect(JSON.stringify(audit.body)).toContain('(changed)');

    expect(texts.length).toBeGreaterThan(25);
    for (const text of texts) {
      for (const secret of secrets)
        expect(text.includes(secret), `an answer contains a secret: ${text.slice(0, 200)}`).toBe(
          false,
        );
    }
  });

  it('reads every datasource back with hasSecret and no secret-looking field', async () => {
    const res = await app.api.get('/api/datasources').expect(200);
    for (const ds of res.body as Record<string, unknown>[]) {
      expect(ds.hasSecret).toBe(true);
      for (const k of Object.keys(ds).filter((k) => k !== 'hasSecret'))
        expect(k).not.toMatch(/secret|token|password/i);
    }
  });

  it('writes no secret to the logs', async () => {
    expect(app.logs.length).toBeGreaterThan(20);
    const joined = app.logs.join('\n');
    for (const secret of secrets)
      expect(joined.includes(secret), 'a log line contains a secret').toBe(false);
  });

  it('stores secrets sealed (v1.) under their datasource id, and never in clear in app.db or its WAL', async () => {
    const rows = app.db.prepare('SELECT id, name, secret FROM datasources').all() as {
      id: string;
      name: string;
      secret: string | null;
    }[];
    const vault = createVault(key);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['Twilio Emulator']!.secret).toBeNull();
    const expected: Record<string, string> = {
      'Twilio Basic 2': MADE_UP_TOKEN_2,
      'Twilio Key': MADE_UP_KEY_SECRET,
      'Emu Token': app.emulator.identity.authToken,
      'Emu Key': app.emulator.identity.apiKeySecret,
    };
    for (const [name, secret] of Object.entries(expected)) {
      const row = byName[name]!;
      expect(row.secret!.startsWith('v1.')).toBe(true);
      expect(vault.decrypt(row.secret!, row.id)).toBe(secret);
    }

    const files = ['app.db', 'app.db-wal']
      .map((f) => path.join(app.dataDir, f))
      .filter((f) => fs.existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    // The files do hold the data: the names are there in clear.
    expect(bytes.includes(Buffer.from('Twilio Basic 2'))).toBe(true);
    for (const secret of secrets) {
      expect(bytes.includes(Buffer.from(secret)), 'a SQLite file holds a secret in clear').toBe(
        false,
      );
      expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }
  });
});

describe('the database files after close', () => {
  it('hold no secret in clear once the WAL is checkpointed', async () => {
    const app = await startApp({ keepDataDir: true });
    const token = 'abad1deaabad1deaabad1deaabad1dea';
    await app.api
      .post('/api/datasources')
      .send({ name: 'Closed', accountSid: OTHER_ACCOUNT, authToken: token })
      .expect(201);
    // A PATCH replaces the sealed value; the old one must not leave the token behind either.
    const list = await app.api.get('/api/datasources').expect(200);
    const id = (list.body as { id: string; name: string }[]).find((d) => d.name === 'Closed')!.id;
    await app.api
      .patch(`/api/datasources/${id}`)
      .send({ authToken: app.emulator.identity.authToken, target: 'emulator' })
      .expect(200);
    await app.close();
    const dir = app.dataDir;
    try {
      for (const file of fs.readdirSync(dir).filter((f) => f.startsWith('app.db'))) {
        const bytes = fs.readFileSync(path.join(dir, file));
        expect(bytes.includes(Buffer.from(token)), file).toBe(false);
        expect(bytes.includes(Buffer.from(app.emulator.identity.authToken)), file).toBe(false);
      }
    } finally {
      removeDataDir(dir);
    }
  });
});
