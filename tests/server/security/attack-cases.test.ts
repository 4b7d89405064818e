import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import { seededDatasourceId } from '../../helpers/relay';

// The attack run's findings (issue 16) as fixed cases beside the random fuzzing: each request once
// got a 500, passed a check it should not have, or reached something it should not.

describe("the attack run's cases", () => {
  let app: RunningApp;
  let ds: string;
  let account: string;
  beforeAll(async () => {
    app = await startApp({ env: { TQB_RATE_LIMIT: '0' } });
    ds = await seededDatasourceId(app);
    account = app.emulator.identity.accountSid;
  });
  afterAll(() => app.close());

  const INHERITED = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

  it.each(INHERITED)('refuses a pageUri parameter named %s with a 400 naming it', async (key) => {
    const res = await app.api
      .post(`/api/datasources/${ds}/execute`)
      .send({
        command: 'list-messages',
        params: { pageUri: `/2010-04-01/Accounts/${account}/Messages.json?${key}=1` },
      })
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_params', field: 'pageUri' });
    expect(res.body.error.message).toContain(key);
  });

  it.each(['evil.example', 'evil.example:3000', '127.0.0.1.nip.io', 'localhost.evil.example'])(
    'refuses a request naming the host %s (DNS rebinding)',
    async (host) => {
      const res = await app.api.get('/api/datasources').set('Host', host).expect(403);
      expect(res.body.error.code).toBe('host_not_allowed');
      expect(res.body.error.message).toContain('TQB_ALLOWED_HOSTS');
    },
  );

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses %s as a query name and as a widget name',
    async (name) => {
      const query = await app.api
        .post('/api/queries')
        .send({ name, datasourceId: ds, command: 'list-messages', params: {} })
        .expect(400);
      expect(query.body.error.field).toBe('name');
      const page = await app.api
        .put('/api/page')
        .send({ widgets: [{ id: 'w1', type: 'text', name, width: 6, props: {} }] })
        .expect(400);
      expect(page.body.error.message).toMatch(/name/i);
    },
  );

  it('refuses to save a page whose bindings would make every viewer do too much work', async () => {
    const heavy = `{{ "a".repeat(99999).replaceAll("a", "bb") ${'+ "x" '.repeat(500)}}}`;
    const res = await app.api
      .put('/api/page')
      .send({
        widgets: [{ id: 'w1', type: 'text', name: 'Heavy', width: 6, props: { text: heavy } }],
      })
      .expect(400);
    expect(res.body.error.code).toBe('page_too_heavy');
    expect(res.body.error.message).toContain('Heavy');
  });
});
