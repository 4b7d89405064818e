import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import {
  execute,
  FAKE_API_KEY_SID,
  OTHER_ACCOUNT,
  seededDatasourceId,
  WRONG_TOKEN,
} from '../../helpers/relay';

// The datasource API over real HTTP: create, read, edit, delete, the rules on bodies, and the
// "Test connection" calls against the real emulator through the twilio library.

const PUBLIC_KEYS = [
  'id',
  'name',
  'authType',
  'accountSid',
  'target',
  'hasSecret',
  'createdAt',
  'updatedAt',
  'version',
  'updatedBy',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('datasources CRUD', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('seeds a new DATA_DIR with the "Twilio Emulator" datasource', async () => {
    const res = await app.api.get('/api/datasources').expect(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      name: 'Twilio Emulator',
      authType: 'basic',
      target: 'emulator',
      accountSid: app.emulator.identity.accountSid,
      hasSecret: true,
    });
    expect(Object.keys(res.body[0]).sort()).toEqual([...PUBLIC_KEYS].sort());
  });

  it('creates a basic datasource with 201 and reads it back in the documented shape, nothing more', async () => {
    const res = await app.api
      .post('/api/datasources')
      .send({
        name: 'Prod',
        authType: 'basic',
        accountSid: OTHER_ACCOUNT,
        authToken: WRONG_TOKEN,
        target: 'twilio',
      })
      .expect(201);
    expect(Object.keys(res.body).sort()).toEqual([...PUBLIC_KEYS].sort());
    expect(res.body).toMatchObject({
      name: 'Prod',
      authType: 'basic',
      accountSid: OTHER_ACCOUNT,
      target: 'twilio',
      hasSecret: true,
    });
    expect(res.body.id).toMatch(/^ds_[A-Za-z0-9_-]+$/);
    expect(res.body.createdAt).toMatch(ISO);
    expect(res.body.updatedAt).toBe(res.body.createdAt);

    const one = await app.api.get(`/api/datasources/${res.body.id}`).expect(200);
    expect(one.body).toEqual(res.body);
    const list = await app.api.get('/api/datasources').expect(200);
    expect(list.body.map((d: { id: string }) => d.id)).toContain(res.body.id);
  });

  it('creates an api-key datasource: apiKeySid is part of the read-back, target defaults to twilio', async () => {
    const res = await app.api
      .post('/api/datasources')
      .send({
        name: 'Keyed',
        authType: 'api-key',
        accountSid: OTHER_ACCOUNT,
        apiKeySid: FAKE_API_KEY_SID,
        apiKeySecret: 'madeUpKeySecret12345',
      })
      .expect(201);
    expect(Object.keys(res.body).sort()).toEqual([...PUBLIC_KEYS, 'apiKeySid'].sort());
    expect(res.body).toMatchObject({
      authType: 'api-key',
      apiKeySid: FAKE_API_KEY_SID,
      target: 'twilio',
      hasSecret: true,
    });
  });

  it('fills the account of an emulator datasource created without one', async () => {
    const res = await app.api
      .post('/api/datasources')
      .send({ name: 'Emu Key', target: 'emulator', authType: 'api-key' })
      .expect(201);
    expect(res.body).toMatchObject({
      accountSid: app.emulator.identity.accountSid,
      apiKeySid: app.emulator.identity.apiKeySid,
      hasSecret: true,
    });
  });

  it('keeps the saved secret on a PATCH without one, and execute still works', async () => {
    const created = await app.api
      .post('/api/datasources')
      .send({
        name: 'Emu Explicit',
        target: 'emulator',
        authToken: app.emulator.identity.authToken,
      })
      .expect(201);
    const patched = await app.api
      .patch(`/api/datasources/${created.body.id}`)
      .send({ name: 'Emu Renamed' })
      .expect(200);
    expect(patched.body).toMatchObject({
      id: created.body.id,
      name: 'Emu Renamed',
      hasSecret: true,
    });
    expect(Date.parse(patched.body.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(created.body.updatedAt),
    );
    expect(patched.body.createdAt).toBe(created.body.createdAt);

    const run = await execute(app, created.body.id, 'list-messages', { pageSize: 1 }).expect(200);
    expect(run.body.ok).toBe(true);

    // A twilio datasource can be renamed without sending its Auth Token again.
    const prod = await app.api
      .post('/api/datasources')
      .send({ name: 'Prod Two', accountSid: OTHER_ACCOUNT, authToken: WRONG_TOKEN })
      .expect(201);
    await app.api
      .patch(`/api/datasources/${prod.body.id}`)
      .send({ name: 'Prod Three' })
      .expect(200);
  });

  it('uses a new secret given in a PATCH: a wrong token makes the test fail with 20003', async () => {
    const created = await app.api
      .post('/api/datasources')
      .send({ name: 'Emu To Break', target: 'emulator' })
      .expect(201);
    const before = await app.api.post(`/api/datasources/${created.body.id}/test`).expect(200);
    expect(before.body.ok).toBe(true);

    await app.api
      .patch(`/api/datasources/${created.body.id}`)
      .send({ authToken: WRONG_TOKEN })
      .expect(200);
    const after = await app.api.post(`/api/datasources/${created.body.id}/test`).expect(200);
    expect(after.body.ok).toBe(false);
    expect(after.body.error.code).toBe(20003);
    const run = await execute(app, created.body.id, 'list-messages').expect(200);
    expect(run.body).toMatchObject({ ok: false, status: 401, error: { code: 20003 } });
  });

  it("refuses a PATCH carrying the other auth type's secret or key, naming the field, and changes nothing", async () => {
    const basic = await app.api
      .post('/api/datasources')
      .send({ name: 'Basic Prod', accountSid: OTHER_ACCOUNT, authToken: WRONG_TOKEN })
      .expect(201);
    const keySecret = 'a'.repeat(32);
    const wrongSecret = await app.api
      .patch(`/api/datasources/${basic.body.id}`)
      .send({ apiKeySecret: keySecret })
      .expect(400);
    expect(wrongSecret.body.error).toMatchObject({
      code: 'invalid_datasource',
      field: 'apiKeySecret',
    });
    expect(wrongSecret.body.error.message).toMatch(
      /uses Auth Token .*remove apiKeySecret, send authToken instead, or send authType: 'api-key' to switch/,
    );
    expect(JSON.stringify(wrongSecret.body)).not.toContain(keySecret);
    const wrongSid = await app.api
      .patch(`/api/datasources/${basic.body.id}`)
      .send({ name: 'Renamed', apiKeySid: FAKE_API_KEY_SID })
      .expect(400);
    expect(wrongSid.body.error.field).toBe('apiKeySid');
    expect((await app.api.get(`/api/datasources/${basic.body.id}`).expect(200)).body).toEqual(
      basic.body,
    );

    // Switching authType with the new type's fields is the way to change it.
    const switched = await app.api
      .patch(`/api/datasources/${basic.body.id}`)
      .send({ authType: 'api-key', apiKeySid: FAKE_API_KEY_SID, apiKeySecret: keySecret })
      .expect(200);
    expect(switched.body).toMatchObject({
      authType: 'api-key',
      apiKeySid: FAKE_API_KEY_SID,
      hasSecret: true,
    });
    const wrongToken = await app.api
      .patch(`/api/datasources/${basic.body.id}`)
      .send({ authToken: WRONG_TOKEN })
      .expect(400);
    expect(wrongToken.body.error).toMatchObject({ code: 'invalid_datasource', field: 'authToken' });
    expect(wrongToken.body.error.message).toMatch(
      /uses API Key .*send apiKeySid and apiKeySecret instead, or send authType: 'basic'/,
    );
    const back = await app.api
      .patch(`/api/datasources/${basic.body.id}`)
      .send({ authType: 'basic', apiKeySecret: keySecret })
      .expect(400);
    expect(back.body.error).toMatchObject({ field: 'apiKeySecret' });
    expect(back.body.error.message).toMatch(/is being set to Auth Token/);
    await app.api
      .patch(`/api/datasources/${basic.body.id}`)
      .send({ authType: 'basic', authToken: WRONG_TOKEN })
      .expect(200);
  });

  it('deletes with 204; a datasource used by queries is refused with 409 naming them, unless ?cascade=true', async () => {
    const ds = await app.api
      .post('/api/datasources')
      .send({ name: 'Doomed', target: 'emulator' })
      .expect(201);
    const id = ds.body.id as string;
    for (const name of ['UsesDoomedA', 'UsesDoomedB']) {
      await app.api
        .post('/api/queries')
        .send({ name, datasourceId: id, command: 'list-messages' })
        .expect(201);
    }
    const refused = await app.api.delete(`/api/datasources/${id}`).expect(409);
    expect(refused.body.error.code).toBe('datasource_in_use');
    expect(refused.body.error.message).toContain('UsesDoomedA');
    expect(refused.body.error.message).toContain('UsesDoomedB');
    await app.api.get(`/api/datasources/${id}`).expect(200);

    const gone = await app.api.delete(`/api/datasources/${id}?cascade=true`).expect(204);
    expect(gone.text).toBe('');
    await app.api.get(`/api/datasources/${id}`).expect(404);
    const queries = await app.api.get('/api/queries').expect(200);
    expect(queries.body.map((q: { name: string }) => q.name)).not.toContain('UsesDoomedA');

    const lone = await app.api
      .post('/api/datasources')
      .send({ name: 'Lone', target: 'emulator' })
      .expect(201);
    await app.api.delete(`/api/datasources/${lone.body.id}`).expect(204);
    await app.api.delete(`/api/datasources/${lone.body.id}`).expect(404);
  });

  it('answers an unknown id with a JSON 404 on every route', async () => {
    const id = 'ds_doesNotExist';
    const answers = await Promise.all([
      app.api.get(`/api/datasources/${id}`),
      app.api.patch(`/api/datasources/${id}`).send({ name: 'x' }),
      app.api.delete(`/api/datasources/${id}`),
      app.api.post(`/api/datasources/${id}/test`),
      execute(app, id, 'list-messages'),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body.error).toMatchObject({ code: 'datasource_not_found' });
      expect(res.body.error.message).toContain(id);
    }
  });

  it('refuses a duplicate name with 409, ignoring case, on create and on rename', async () => {
    const res = await app.api
      .post('/api/datasources')
      .send({ name: 'twilio emulator', target: 'emulator' })
      .expect(409);
    expect(res.body.error).toMatchObject({ code: 'name_taken', field: 'name' });
    const other = await app.api
      .post('/api/datasources')
      .send({ name: 'Rename Me', target: 'emulator' })
      .expect(201);
    const rename = await app.api
      .patch(`/api/datasources/${other.body.id}`)
      .send({ name: 'Twilio Emulator' })
      .expect(409);
    expect(rename.body.error.field).toBe('name');
  });

  const badBodies: [string, unknown, string | undefined][] = [
    ['missing accountSid for target twilio', { name: 'B1', authToken: WRONG_TOKEN }, 'accountSid'],
    ['missing authToken for target twilio', { name: 'B2', accountSid: OTHER_ACCOUNT }, 'authToken'],
    [
      'missing apiKeySid for an api-key twilio datasource',
      {
        name: 'B3',
        authType: 'api-key',
        accountSid: OTHER_ACCOUNT,
        apiKeySecret: 'abcdefghijklmnop',
      },
      'apiKeySid',
    ],
    [
      'a bad Account SID',
      { name: 'B4', accountSid: 'AC123', authToken: WRONG_TOKEN },
      'accountSid',
    ],
    [
      'an Account SID with another prefix',
      { name: 'B5', accountSid: 'SK0123456789abcdef0123456789abcdef', authToken: WRONG_TOKEN },
      'accountSid',
    ],
    [
      'a bad API Key SID',
      {
        name: 'B6',
        authType: 'api-key',
        accountSid: OTHER_ACCOUNT,
        apiKeySid: 'SKxyz',
        apiKeySecret: 'abcdefghijklmnop',
      },
      'apiKeySid',
    ],
    [
      'a token that is not 32 hex digits',
      { name: 'B7', accountSid: OTHER_ACCOUNT, authToken: 'not-a-token' },
      'authToken',
    ],
    ['a name of the wrong type', { name: 42, target: 'emulator' }, 'name'],
    ['an empty name', { name: '   ', target: 'emulator' }, 'name'],
    ['an unknown authType', { name: 'B8', authType: 'oauth', target: 'emulator' }, 'authType'],
    ['an unknown target', { name: 'B9', target: 'staging' }, 'target'],
  ];
  for (const [what, body, field] of badBodies) {
    it(`refuses ${what} with 400 naming the field`, async () => {
      const res = await app.api
        .post('/api/datasources')
        .send(body as object)
        .expect(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_datasource', field });
      expect(res.body.error.message.length).toBeGreaterThan(5);
    });
  }

  it('refuses unknown fields, naming them', async () => {
    const res = await app.api
      .post('/api/datasources')
      .send({ name: 'U', target: 'emulator', region: 'ie1' })
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_datasource', field: 'region' });
    expect(res.body.error.message).toMatch(
      /Unknown field "region": remove it; accepted fields are name, authType, target, accountSid, authToken, apiKeySid, apiKeySecret/,
    );
    const patch = await app.api
      .patch(`/api/datasources/${await seededDatasourceId(app)}`)
      .send({ secret: 'x' })
      .expect(400);
    expect(patch.body.error).toMatchObject({ code: 'invalid_datasource', field: 'secret' });
    expect(patch.body.error.message).toMatch(
      /"secret": remove it; accepted fields are .*authToken/,
    );
    const two = await app.api
      .post('/api/datasources/test')
      .send({ name: 'U', target: 'emulator', region: 'ie1', edge: 'dublin' })
      .expect(400);
    expect(two.body.error.field).toBe('region');
    expect(two.body.error.message).toMatch(/Unknown fields "region", "edge": remove them/);
  });

  it('refuses bodies that are not a JSON object, and malformed JSON, with 400 JSON errors', async () => {
    const raw = (text: string) =>
      app.api.post('/api/datasources').set('Content-Type', 'application/json').send(text);
    for (const res of [
      await raw('[1,2]'),
      await raw('"text"'),
      await raw('null'),
      await raw('{"name": "x",'),
      await app.api.post('/api/datasources'),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toEqual(expect.any(String));
      expect(res.body.error.message).toEqual(expect.any(String));
    }
    expect((await raw('{"name": "x",')).body.error.message).toMatch(/not valid JSON/);
    const names = (await app.api.get('/api/datasources')).body.map((d: { name: string }) => d.name);
    expect(names).not.toContain('x');
  });
});

describe('testing a connection', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('tests a saved basic datasource by fetching the account', async () => {
    const id = await seededDatasourceId(app);
    const res = await app.api.post(`/api/datasources/${id}/test`).expect(200);
    expect(res.body).toEqual({
      ok: true,
      account: {
        sid: app.emulator.identity.accountSid,
        friendlyName: expect.any(String),
        status: 'active',
        type: 'Full',
      },
    });
  });

  it('tests an unsaved body the same way, and saves nothing', async () => {
    const res = await app.api
      .post('/api/datasources/test')
      .send({ name: 'Unsaved', target: 'emulator' })
      .expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.account.sid).toBe(app.emulator.identity.accountSid);
    const names = (await app.api.get('/api/datasources')).body.map((d: { name: string }) => d.name);
    expect(names).not.toContain('Unsaved');
  });

  it("tests an API key (the emulator's own) with a call a Standard key can make, and says why the account is unknown", async () => {
    const body = { name: 'Key', target: 'emulator', authType: 'api-key' };
    const unsaved = await app.api.post('/api/datasources/test').send(body).expect(200);
    expect(unsaved.body).toMatchObject({
      ok: true,
      account: {
        sid: app.emulator.identity.accountSid,
        friendlyName: null,
        status: null,
        type: null,
      },
    });
    expect(unsaved.body.note).toMatch(/Standard key cannot/);
    const saved = await app.api.post('/api/datasources').send(body).expect(201);
    const res = await app.api.post(`/api/datasources/${saved.body.id}/test`).expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.note).toMatch(/Standard key/);
  });

  it('reports a wrong Auth Token as ok:false with Twilio error 20003', async () => {
    const res = await app.api
      .post('/api/datasources/test')
      .send({ name: 'Wrong', target: 'emulator', authToken: WRONG_TOKEN })
      .expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.error).toMatchObject({ code: 20003, status: 401 });
    expect(res.body.error.message).toMatch(/Auth Token/);
    expect(res.body.account).toBeUndefined();
  });

  it('reports a wrong API key secret as ok:false with 20003', async () => {
    const res = await app.api
      .post('/api/datasources/test')
      .send({
        name: 'Wrong key',
        target: 'emulator',
        authType: 'api-key',
        apiKeySecret: 'definitelyNotTheSecret1',
      })
      .expect(200);
    expect(res.body).toMatchObject({ ok: false, error: { code: 20003 } });
  });

  it('validates an unsaved body before testing it', async () => {
    const res = await app.api
      .post('/api/datasources/test')
      .send({ name: 'T', accountSid: 'ACnope', authToken: WRONG_TOKEN })
      .expect(400);
    expect(res.body.error.field).toBe('accountSid');
  });
});

describe('testing a trial account', () => {
  it('lists the verified caller IDs, which alone can receive messages', async () => {
    const app = await startApp({ emulator: { trial: true } });
    try {
      const id = await seededDatasourceId(app);
      const res = await app.api.post(`/api/datasources/${id}/test`).expect(200);
      expect(res.body.ok).toBe(true);
      expect(res.body.account.type).toBe('Trial');
      expect(res.body.verifiedCallerIds).toEqual(app.emulator.info().verifiedCallerIds);
      expect(res.body.verifiedCallerIds.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
