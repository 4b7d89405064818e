import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, setupAdmin, SETUP_TOKEN } from '../../helpers/accounts';
import { startApp, type RunningApp } from '../../helpers/app';
import { emulatorMessages } from '../../helpers/relay';

// POST /api/queries/:id/run: the saved query's datasource, command and timeout; the caller sends
// the resolved values of its fields, and only those bound to the page ({{ }} in the saved text)
// may differ from what the builder saved (403 field_not_bound otherwise). It answers as execute.

describe('running a saved query', () => {
  let app: RunningApp;
  let admin: string;
  let operator: string;
  let viewer: string;
  let notify: string;
  let lookup: string;
  let from: string;

  beforeAll(async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    admin = await setupAdmin(app);
    operator = (await addUser(app, admin, 'operator')).cookie;
    viewer = (await addUser(app, admin, 'viewer')).cookie;
    from = app.emulator.info().phoneNumbers[0]!;
    const ds = (await app.api.get('/api/datasources').set('Cookie', admin)).body[0].id as string;
    const save = async (name: string, command: string, params: Record<string, unknown>) =>
      (
        await app.api
          .post('/api/queries')
          .set('Cookie', admin)
          .send({ name, datasourceId: ds, command, params })
          .expect(201)
      ).body.id as string;
    // To is fixed by the builder; Body comes from a widget; From is fixed, with spaces the
    // browser trims.
    notify = await save('NotifyCustomer', 'create-message', {
      to: '+14155550100',
      from: `  ${from} `,
      body: 'Hello {{ Name.text }}',
    });
    lookup = await save('LookUp', 'fetch-message', { messageSid: '{{ Table1.selectedRow.sid }}' });
  });
  afterAll(() => app.close());

  const run = (id: string, cookie: string, params: Record<string, unknown>) =>
    app.api.post(`/api/queries/${id}/run`).set('Cookie', cookie).send({ params });

  it('sends with the bound values given and the fixed ones as saved, answering as execute', async () => {
    const res = await run(notify, operator, { body: 'Hello Ada' }).expect(200);
    expect(res.body).toMatchObject({
      ok: true,
      status: 201,
      request: { method: 'POST', params: { To: '+14155550100', From: from, Body: 'Hello Ada' } },
      data: { sid: expect.stringMatching(/^SM/), body: 'Hello Ada' },
    });
    expect(Object.keys(res.body).sort()).toEqual(
      ['ok', 'status', 'durationMs', 'request', 'data'].sort(),
    );
    // Fixed values sent back exactly as the browser resolves them are accepted.
    await run(notify, operator, { to: '+14155550100', from, body: 'Hi' }).expect(200);
    const sent = await emulatorMessages(app);
    expect(sent.map((m) => m.to)).toEqual(['+14155550100', '+14155550100']);
  });

  it('refuses a changed fixed field with 403 field_not_bound, sending nothing', async () => {
    const before = (await emulatorMessages(app)).length;
    const res = await run(notify, operator, { to: '+14155550199', body: 'Hi' }).expect(403);
    expect(res.body.error).toEqual({
      code: 'field_not_bound',
      message:
        'To is not bound to the app: its saved value is fixed, so it cannot be changed when the query runs',
      field: 'to',
    });
    // A field left empty by the builder is fixed too, and so is a param that is no field at all.
    const service = await run(notify, operator, {
      body: 'Hi',
      messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
    }).expect(403);
    expect(service.body.error.field).toBe('messagingServiceSid');
    const account = await run(notify, admin, {
      body: 'Hi',
      accountSid: 'AC0123456789abcdef0123456789abcdef',
    }).expect(403);
    expect(account.body.error.field).toBe('accountSid');
    const extra = await run(notify, admin, { body: 'Hi', statusCallbackMethod: 'GET' }).expect(403);
    expect(extra.body.error.field).toBe('statusCallbackMethod');
    expect((await emulatorMessages(app)).length).toBe(before);
  });

  it('validates the values as execute does (400 naming the field), and takes no other body', async () => {
    const res = await run(lookup, viewer, { messageSid: 'not a sid' }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_params', field: 'messageSid' });
    const missing = await run(notify, operator, {}).expect(400);
    expect(missing.body.error.field).toBe('body');
    await app.api
      .post(`/api/queries/${notify}/run`)
      .set('Cookie', operator)
      .send({ params: {}, command: 'delete-message' })
      .expect(400);
    await app.api.post('/api/queries/q_nope/run').set('Cookie', operator).send({}).expect(404);
  });

  it('lets a viewer run a read-only query, but not one that sends', async () => {
    const sid = (await emulatorMessages(app))[0]!.sid;
    const res = await run(lookup, viewer, { messageSid: sid }).expect(200);
    expect(res.body.data.sid).toBe(sid);
    const refused = await run(notify, viewer, { body: 'Hi' }).expect(403);
    expect(refused.body.error.code).toBe('forbidden');
  });

  it('records every run, refused ones too, and an operator cannot use execute', async () => {
    const ds = (await app.api.get('/api/datasources').set('Cookie', admin)).body[0].id as string;
    const exec = await app.api
      .post(`/api/datasources/${ds}/execute`)
      .set('Cookie', operator)
      .send({ command: 'create-message', params: { to: '+14155550100', from, body: 'x' } })
      .expect(403);
    expect(exec.body.error.code).toBe('forbidden');
    const events = (await app.api.get('/api/audit?limit=1000').set('Cookie', admin).expect(200))
      .body.events as {
      actor: string;
      action: string;
      outcome: string;
      target: string;
      details: Record<string, unknown>;
    }[];
    const runs = events.filter((e) => e.action === 'query.run');
    expect(runs.filter((e) => e.outcome === 'success')).toHaveLength(3);
    // Newest first: the operator's first send is the last of theirs.
    const sent = runs.filter((e) => e.outcome === 'success' && e.actor === 'operator').at(-1)!;
    expect(sent).toMatchObject({
      target: `query:${notify}`,
      details: {
        command: 'create-message',
        queryName: 'NotifyCustomer',
        params: { To: '+14155550100', From: from, Body: 'Hello Ada' },
        sid: expect.stringMatching(/^SM/),
        status: 201,
        errorCode: null,
        durationMs: expect.any(Number),
      },
    });
    expect(
      runs
        .filter((e) => e.outcome === 'denied')
        .map((e) => (e.details.error as { code: string }).code),
    ).toEqual(expect.arrayContaining(['field_not_bound', 'forbidden']));
    expect(runs.filter((e) => e.outcome === 'failure').length).toBeGreaterThanOrEqual(2);
    expect(events).toContainEqual(
      expect.objectContaining({
        actor: 'operator',
        action: 'datasource.execute',
        outcome: 'denied',
        target: `datasource:${ds}`,
      }),
    );
  });
});
