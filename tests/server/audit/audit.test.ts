import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditPage } from '../../../src/contract/accounts';
import { startAuditRetention } from '../../../server/audit/retention';
import { loadConfig } from '../../../server/env';
import { createAuditService } from '../../../server/services';
import {
  addUser,
  ADMIN,
  cookieOf,
  passwordOf,
  setupAdmin,
  signIn,
  SETUP_TOKEN,
} from '../../helpers/accounts';
import { startApp, type RunningApp } from '../../helpers/app';

// The audit log: every sign-in (and failed attempt), run, send and change to a datasource,
// query, page or user is an event; no route changes or deletes one; readers without
// audit:read-all see their own; pages are cursor-paged, newest first; retention prunes.

const DAY = 86_400_000;

const eventsOf = async (app: RunningApp, cookie: string, query = '') =>
  (await app.api.get(`/api/audit?limit=1000${query}`).set('Cookie', cookie).expect(200)).body
    .events as AuditEvent[];

describe('the audit log', () => {
  let app: RunningApp;
  let admin: string;
  let builder: string;
  let operator: string;
  let ds: string;
  let query: string;
  const from = () => app.emulator.info().phoneNumbers[0]!;

  beforeAll(async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    admin = await setupAdmin(app);
    builder = (await addUser(app, admin, 'builder', 'bob')).cookie;
    const op = await addUser(app, admin, 'operator', 'olga');
    operator = op.cookie;
    await app.api
      .post('/api/session')
      .send({ username: 'olga', password: 'not her password' })
      .expect(401);
    await app.api.patch(`/api/users/${op.id}`).set('Cookie', admin).send({ role: 'operator' });
    const temp = await addUser(app, admin, 'viewer', 'temp');
    await app.api.delete(`/api/users/${temp.id}`).set('Cookie', admin).expect(204);

    ds = (
      await app.api
        .post('/api/datasources')
        .set('Cookie', admin)
        .send({
          name: 'Prod',
          target: 'twilio',
          accountSid: `AC${'1'.repeat(32)}`,
          authToken: 'a'.repeat(32),
        })
        .expect(201)
    ).body.id;
    await app.api
      .patch(`/api/datasources/${ds}`)
      .set('Cookie', admin)
      .send({ name: 'Production', authToken: 'b'.repeat(32) })
      .expect(200);
    const emu = (await app.api.get('/api/datasources').set('Cookie', admin)).body[0].id as string;
    await app.api.post(`/api/datasources/${emu}/test`).set('Cookie', builder).expect(200);
    query = (
      await app.api
        .post('/api/queries')
        .set('Cookie', builder)
        .send({
          name: 'Greet',
          datasourceId: emu,
          command: 'create-message',
          params: { to: '+14155550100', from: from(), body: '{{ Msg.text }}' },
        })
        .expect(201)
    ).body.id;
    await app.api
      .patch(`/api/queries/${query}`)
      .set('Cookie', builder)
      .send({ settings: { confirmBeforeRun: true } })
      .expect(200);
    await app.api
      .put('/api/page')
      .set('Cookie', builder)
      .send({ widgets: [{ id: 'w1', type: 'input', name: 'Msg', props: {} }] })
      .expect(200);
    await app.api
      .post(`/api/queries/${query}/run`)
      .set('Cookie', operator)
      .send({ params: { body: 'Hello from the app' } })
      .expect(200);
    await app.api
      .post(`/api/datasources/${emu}/execute`)
      .set('Cookie', builder)
      .send({ command: 'list-messages', params: {} })
      .expect(200);
    await app.api.delete(`/api/datasources/${ds}`).set('Cookie', admin).expect(204);
    await app.api
      .delete('/api/session')
      .set('Cookie', await signIn(app, 'bob'))
      .expect(204);
    // Her password change ends her session and opens a new one.
    operator = cookieOf(
      await app.api
        .post('/api/session/password')
        .set('Cookie', operator)
        .send({ current: passwordOf('olga'), next: 'olga-new-password' })
        .expect(200),
    );
  });
  afterAll(() => app.close());

  it('records every kind of event, with who, what, the outcome and the client', async () => {
    const events = await eventsOf(app, admin);
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      'setup',
      'session.sign_in',
      'session.sign_out',
      'session.password_change',
      'user.create',
      'user.update',
      'user.delete',
      'datasource.create',
      'datasource.update',
      'datasource.delete',
      'datasource.test',
      'datasource.execute',
      'query.create',
      'query.update',
      'page.update',
      'query.run',
    ])
      expect(actions, action).toContain(action);
    for (const e of events) {
      expect(Object.keys(e).sort()).toEqual(
        ['id', 'at', 'actor', 'action', 'target', 'details', 'outcome', 'ip'].sort(),
      );
      expect(e.ip).toMatch(/127\.0\.0\.1/);
    }
    expect(events).toContainEqual(
      expect.objectContaining({ actor: 'olga', action: 'session.sign_in', outcome: 'failure' }),
    );
    // Newest first.
    const times = events.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('says what changed, and of a secret only that it changed', async () => {
    const events = await eventsOf(app, admin, '&action=datasource.update');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: ADMIN.username,
      target: `datasource:${ds}`,
      details: {
        changes: { name: { before: 'Prod', after: 'Production' }, authToken: '(changed)' },
      },
    });
    const query = (await eventsOf(app, admin, '&action=query.update'))[0]!;
    expect(query.details).toMatchObject({
      changes: {
        settings: {
          before: expect.objectContaining({ confirmBeforeRun: false }),
          after: expect.objectContaining({ confirmBeforeRun: true }),
        },
      },
    });
    const page = (await eventsOf(app, admin, '&action=page.update'))[0]!;
    expect(page.details).toMatchObject({ changes: { added: ['Msg'], removed: [], changed: [] } });
    const password = (await eventsOf(app, admin, '&action=session.password_change'))[0]!;
    expect(password).toMatchObject({ actor: 'olga', outcome: 'success' });
  });

  it('shows operators and viewers their own events only; builders and admins all', async () => {
    const own = await eventsOf(app, operator);
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((e) => e.actor))).toEqual(new Set(['olga']));
    // Asking for someone else's gives nothing.
    expect(await eventsOf(app, operator, `&actor=${ADMIN.username}`)).toEqual([]);
    const all = await eventsOf(app, builder);
    expect(new Set(all.map((e) => e.actor))).toEqual(
      new Set([ADMIN.username, 'bob', 'olga', 'temp']),
    );
  });

  it('filters by actor, action (or a family of actions) and time, and pages with a cursor', async () => {
    expect((await eventsOf(app, admin, '&actor=BOB')).every((e) => e.actor === 'bob')).toBe(true);
    const family = await eventsOf(app, admin, '&action=user');
    expect(new Set(family.map((e) => e.action))).toEqual(
      new Set(['user.create', 'user.update', 'user.delete']),
    );
    const all = await eventsOf(app, admin);
    const future = new Date(app.clock.now() + DAY).toISOString();
    expect(await eventsOf(app, admin, `&since=${future}`)).toEqual([]);
    expect(await eventsOf(app, admin, `&until=${future}`)).toEqual(all);

    const paged: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await app.api.get(url).set('Cookie', admin).expect(200)).body as AuditPage;
      paged.push(...page.events);
      expect(page.events.length).toBeLessThanOrEqual(7);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));

    const bad = await app.api.get('/api/audit?cursor=bm9wZQ').set('Cookie', admin).expect(400);
    expect(bad.body.error.field).toBe('cursor');
    await app.api.get('/api/audit?limit=0').set('Cookie', admin).expect(400);
    await app.api.get('/api/audit?since=yesterday').set('Cookie', admin).expect(400);
    await app.api.get('/api/audit?colour=red').set('Cookie', admin).expect(400);
  });

  it('is append-only: no route changes or deletes an event', async () => {
    const before = await eventsOf(app, admin);
    const id = before[0]!.id;
    for (const [method, path] of [
      ['post', '/api/audit'],
      ['put', '/api/audit'],
      ['patch', `/api/audit/${id}`],
      ['delete', `/api/audit/${id}`],
      ['delete', '/api/audit'],
    ] as const) {
      const res = await app.api[method](path).set('Cookie', admin).send({});
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const after = await eventsOf(app, admin);
    expect(after.slice(-before.length)).toEqual(before);
  });

  it('keeps the body of a send', async () => {
    const run = (await eventsOf(app, admin, '&action=query.run'))[0]!;
    expect(run.details).toMatchObject({
      command: 'create-message',
      queryName: 'Greet',
      params: { Body: 'Hello from the app' },
    });
  });
});

describe('audit settings', () => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('keeps only the length and SHA-256 of a body with TQB_AUDIT_BODIES=0', async () => {
    app = await startApp({ env: { TQB_AUDIT_BODIES: '0' } });
    const ds = (await app.api.get('/api/datasources')).body[0].id as string;
    const body = 'The secret plans for Friday';
    await app.api
      .post(`/api/datasources/${ds}/execute`)
      .send({
        command: 'create-message',
        params: { to: '+14155550100', from: app.emulator.info().phoneNumbers[0], body },
      })
      .expect(200);
    const events = (await app.api.get('/api/audit').expect(200)).body.events as AuditEvent[];
    const send = events.find((e) => e.action === 'datasource.execute')!;
    expect((send.details.params as Record<string, unknown>).Body).toEqual({
      length: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(JSON.stringify(events)).not.toContain('secret plans');
  });

  it('prunes events past TQB_AUDIT_RETENTION_DAYS at start-up and each day after; 0 keeps them', async () => {
    app = await startApp();
    const ds = (await app.api.get('/api/datasources')).body[0].id as string;
    await app.api.post(`/api/datasources/${ds}/test`).expect(200); // an event now
    app.clock.advance(30 * DAY);
    await app.api.post(`/api/datasources/${ds}/test`).expect(200); // and one 30 days later
    app.clock.advance(DAY);
    const logger = pino({ level: 'silent' });
    const audit = (days: string) =>
      createAuditService({
        config: loadConfig({ TQB_AUDIT_RETENTION_DAYS: days }),
        logger,
        db: app!.db,
        now: () => app!.clock.now(),
      });
    const count = async () => (await app!.api.get('/api/audit').expect(200)).body.events.length;

    const forever = startAuditRetention(audit('0'), logger);
    await forever.done;
    forever.stop();
    expect(await count()).toBe(2);

    const month = startAuditRetention(audit('30'), logger, 50);
    await month.done;
    expect(await count()).toBe(1);
    // The timer prunes again later, without a restart.
    app.clock.advance(30 * DAY);
    await expect.poll(count, { timeout: 2000 }).toBe(0);
    month.stop();
  });
});
