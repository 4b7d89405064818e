import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import { seededDatasourceId } from '../../helpers/relay';

// Saved queries over real HTTP: names are unique identifiers (bindings refer to them), params are
// kept as typed with their {{ }} bindings, settings have defaults and bounds.

const QUERY_KEYS = [
  'id',
  'name',
  'datasourceId',
  'command',
  'params',
  'settings',
  'createdAt',
  'updatedAt',
  'version',
  'updatedBy',
];

describe('saved queries', () => {
  let app: RunningApp;
  let dsId: string;
  beforeAll(async () => {
    app = await startApp();
    dsId = await seededDatasourceId(app);
  });
  afterAll(() => app.close());

  it('creates a query with 201, default settings and params kept verbatim, bindings included', async () => {
    const params = {
      to: '{{Input1.text}}',
      from: '+15005550006',
      body: 'Hello {{ Table1.selectedRow.name }}!\n  two spaces kept  ',
      mediaUrl: ['https://example.com/a.png', '{{Image1.url}}'],
    };
    const res = await app.api
      .post('/api/queries')
      .send({ name: 'SendHello', datasourceId: dsId, command: 'create-message', params })
      .expect(201);
    expect(Object.keys(res.body).sort()).toEqual([...QUERY_KEYS].sort());
    expect(res.body).toMatchObject({
      name: 'SendHello',
      datasourceId: dsId,
      command: 'create-message',
    });
    expect(res.body.params).toEqual(params);
    expect(res.body.settings).toEqual({
      runOnPageLoad: false,
      confirmBeforeRun: false,
      timeoutMs: 15000,
    });
    expect(res.body.id).toMatch(/^q_/);

    const one = await app.api.get(`/api/queries/${res.body.id}`).expect(200);
    expect(one.body).toEqual(res.body);
    const list = await app.api.get('/api/queries').expect(200);
    expect(list.body.find((q: { id: string }) => q.id === res.body.id)).toEqual(res.body);
  });

  it('fills missing settings fields with their defaults, and params with {}', async () => {
    const res = await app.api
      .post('/api/queries')
      .send({
        name: 'ListOnLoad',
        datasourceId: dsId,
        command: 'list-messages',
        settings: { runOnPageLoad: true },
      })
      .expect(201);
    expect(res.body.settings).toEqual({
      runOnPageLoad: true,
      confirmBeforeRun: false,
      timeoutMs: 15000,
    });
    expect(res.body.params).toEqual({});
  });

  it('keeps names unique, ignoring case, with 409 on create and on rename', async () => {
    await app.api
      .post('/api/queries')
      .send({ name: 'Unique1', datasourceId: dsId, command: 'fetch-message' })
      .expect(201);
    const dup = await app.api
      .post('/api/queries')
      .send({ name: 'unique1', datasourceId: dsId, command: 'fetch-message' })
      .expect(409);
    expect(dup.body.error).toMatchObject({ code: 'name_taken', field: 'name' });
    const other = await app.api
      .post('/api/queries')
      .send({ name: 'Unique2', datasourceId: dsId, command: 'fetch-message' })
      .expect(201);
    const rename = await app.api
      .patch(`/api/queries/${other.body.id}`)
      .send({ name: 'Unique1' })
      .expect(409);
    expect(rename.body.error.field).toBe('name');
    // Renaming to its own name is not a clash.
    await app.api.patch(`/api/queries/${other.body.id}`).send({ name: 'Unique2' }).expect(200);
  });

  for (const name of ['Send Hello', '1stQuery', 'send-hello', '', 'a'.repeat(65), 'ünïcode']) {
    it(`refuses the name ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…` : name)}: it must be an identifier`, async () => {
      const res = await app.api
        .post('/api/queries')
        .send({ name, datasourceId: dsId, command: 'list-messages' })
        .expect(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_query', field: 'name' });
    });
  }

  for (const name of ['constructor', '__proto__', 'prototype']) {
    it(`refuses the name ${name}: bindings could never read it`, async () => {
      const res = await app.api
        .post('/api/queries')
        .send({ name, datasourceId: dsId, command: 'list-messages' })
        .expect(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_query', field: 'name' });
      expect(res.body.error.message).toMatch(/bindings never read/);
    });
  }

  it('accepts identifier names with _ and $', async () => {
    await app.api
      .post('/api/queries')
      .send({ name: '_list$2', datasourceId: dsId, command: 'list-messages' })
      .expect(201);
  });

  for (const [timeoutMs, ok] of [
    [999, false],
    [1000, true],
    [60000, true],
    [60001, false],
    [1500.5, false],
    ['5000', false],
  ] as const) {
    it(`${ok ? 'accepts' : 'refuses'} timeoutMs ${JSON.stringify(timeoutMs)}`, async () => {
      const res = await app.api.post('/api/queries').send({
        name: `T${String(timeoutMs).replace(/\W/g, '_')}`,
        datasourceId: dsId,
        command: 'list-messages',
        settings: { timeoutMs },
      });
      if (ok) {
        expect(res.status).toBe(201);
        expect(res.body.settings.timeoutMs).toBe(timeoutMs);
      } else {
        expect(res.status).toBe(400);
        expect(res.body.error.field).toBe('settings.timeoutMs');
      }
    });
  }

  it('refuses an unknown datasourceId with 400 naming the field', async () => {
    const res = await app.api
      .post('/api/queries')
      .send({ name: 'Orphan', datasourceId: 'ds_nope', command: 'list-messages' })
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_query', field: 'datasourceId' });
    const created = await app.api
      .post('/api/queries')
      .send({ name: 'Moves', datasourceId: dsId, command: 'list-messages' })
      .expect(201);
    const move = await app.api
      .patch(`/api/queries/${created.body.id}`)
      .send({ datasourceId: 'ds_nope' })
      .expect(400);
    expect(move.body.error.field).toBe('datasourceId');
  });

  it('refuses an unknown command, unknown fields and bad settings', async () => {
    const command = await app.api
      .post('/api/queries')
      .send({ name: 'Bad1', datasourceId: dsId, command: 'send-fax' })
      .expect(400);
    expect(command.body.error.field).toBe('command');
    const unknown = await app.api
      .post('/api/queries')
      .send({ name: 'Bad2', datasourceId: dsId, command: 'list-messages', owner: 'me' })
      .expect(400);
    expect(unknown.body.error).toMatchObject({ code: 'invalid_query', field: 'owner' });
    expect(unknown.body.error.message).toMatch(
      /Unknown field "owner": remove it; accepted fields are name, datasourceId, command, params, settings/,
    );
    const settings = await app.api
      .post('/api/queries')
      .send({
        name: 'Bad3',
        datasourceId: dsId,
        command: 'list-messages',
        settings: { runOnPageLoad: 'yes' },
      })
      .expect(400);
    expect(settings.body.error.field).toBe('settings.runOnPageLoad');
    const extra = await app.api
      .post('/api/queries')
      .send({
        name: 'Bad4',
        datasourceId: dsId,
        command: 'list-messages',
        settings: { retries: 3 },
      })
      .expect(400);
    expect(extra.body.error.field).toBe('settings.retries');
    expect(extra.body.error.message).toMatch(
      /accepted fields of settings are runOnPageLoad, confirmBeforeRun, timeoutMs/,
    );
    const ok = await app.api
      .post('/api/queries')
      .send({ name: 'Good1', datasourceId: dsId, command: 'list-messages' })
      .expect(201);
    const patchExtra = await app.api
      .patch(`/api/queries/${ok.body.id}`)
      .send({ settings: { retries: 3 } })
      .expect(400);
    expect(patchExtra.body.error.field).toBe('settings.retries');
    const params = await app.api
      .post('/api/queries')
      .send({ name: 'Bad5', datasourceId: dsId, command: 'list-messages', params: ['x'] })
      .expect(400);
    expect(params.body.error.field).toBe('params');
  });

  it('merges a partial settings PATCH and leaves the other fields as they were', async () => {
    const created = await app.api
      .post('/api/queries')
      .send({
        name: 'Patchy',
        datasourceId: dsId,
        command: 'create-message',
        params: { to: '{{Input1.text}}', body: 'hi' },
        settings: { runOnPageLoad: false, confirmBeforeRun: true, timeoutMs: 20000 },
      })
      .expect(201);
    const id = created.body.id as string;
    const patched = await app.api
      .patch(`/api/queries/${id}`)
      .send({ settings: { timeoutMs: 30000 } })
      .expect(200);
    expect(patched.body.settings).toEqual({
      runOnPageLoad: false,
      confirmBeforeRun: true,
      timeoutMs: 30000,
    });
    expect(patched.body.params).toEqual({ to: '{{Input1.text}}', body: 'hi' });
    expect(patched.body.name).toBe('Patchy');
    expect(patched.body.createdAt).toBe(created.body.createdAt);

    const second = await app.api
      .patch(`/api/queries/${id}`)
      .send({ settings: { runOnPageLoad: true }, params: { to: '{{Input2.text}}' } })
      .expect(200);
    expect(second.body.settings).toEqual({
      runOnPageLoad: true,
      confirmBeforeRun: true,
      timeoutMs: 30000,
    });
    // params are replaced as a whole: they are the form's fields as typed.
    expect(second.body.params).toEqual({ to: '{{Input2.text}}' });

    const renamed = await app.api
      .patch(`/api/queries/${id}`)
      .send({ name: 'Patchy2', command: 'schedule-message' })
      .expect(200);
    expect(renamed.body).toMatchObject({
      name: 'Patchy2',
      command: 'schedule-message',
      settings: second.body.settings,
    });
    expect((await app.api.get(`/api/queries/${id}`).expect(200)).body).toEqual(renamed.body);

    const bad = await app.api
      .patch(`/api/queries/${id}`)
      .send({ settings: { timeoutMs: 100 } })
      .expect(400);
    expect(bad.body.error.field).toBe('settings.timeoutMs');
  });

  it('deletes a query with 204, then answers 404 for it', async () => {
    const created = await app.api
      .post('/api/queries')
      .send({ name: 'Temp', datasourceId: dsId, command: 'list-messages' })
      .expect(201);
    const res = await app.api.delete(`/api/queries/${created.body.id}`).expect(204);
    expect(res.text).toBe('');
    const gone = await app.api.get(`/api/queries/${created.body.id}`).expect(404);
    expect(gone.body.error).toMatchObject({ code: 'query_not_found' });
    await app.api.delete(`/api/queries/${created.body.id}`).expect(404);
    await app.api.patch(`/api/queries/${created.body.id}`).send({ name: 'Again' }).expect(404);
    // The name is free again.
    await app.api
      .post('/api/queries')
      .send({ name: 'Temp', datasourceId: dsId, command: 'list-messages' })
      .expect(201);
  });

  it('refuses bodies that are not a JSON object', async () => {
    const res = await app.api
      .post('/api/queries')
      .set('Content-Type', 'application/json')
      .send('[]')
      .expect(400);
    expect(res.body.error.code).toBe('invalid_query');
    const malformed = await app.api
      .post('/api/queries')
      .set('Content-Type', 'application/json')
      .send('{')
      .expect(400);
    expect(malformed.body.error.message).toMatch(/not valid JSON/);
  });
});
