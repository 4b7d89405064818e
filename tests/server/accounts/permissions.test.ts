import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_SUMMARY, ROLES, type Role } from '../../../src/contract/accounts';
import { ADMIN, SETUP_TOKEN, usersOfEveryRole } from '../../helpers/accounts';
import { startApp, type RunningApp } from '../../helpers/app';

// Every API route for every role, from the roles table (not from the contract's
// PERMISSIONS, which this checks): a role that may use the route gets past the check (its answer
// is whatever the route says of the request: 200, or 400/404 for the deliberately empty bodies and
// unknown ids below), one that may not gets 403 forbidden naming what it may do, and nobody
// signed in gets 401.

const EVERYONE: readonly Role[] = ROLES;
const BUILDERS: readonly Role[] = ['admin', 'builder'];
const ADMINS: readonly Role[] = ['admin'];
const SENDERS: readonly Role[] = ['admin', 'builder', 'operator'];

interface Fixture {
  ds: string;
  send: string;
  list: string;
}

interface RouteCase {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (f: Fixture) => string;
  body?: Record<string, unknown>;
  roles: readonly Role[];
  /** The answer when allowed (the ids that do not exist, and the empty bodies, make it a 404 or 400). */
  allowed: number;
}

const ROUTES: RouteCase[] = [
  { method: 'get', path: () => '/api/datasources', roles: BUILDERS, allowed: 200 },
  { method: 'post', path: () => '/api/datasources', body: {}, roles: ADMINS, allowed: 400 },
  { method: 'post', path: () => '/api/datasources/test', body: {}, roles: BUILDERS, allowed: 400 },
  { method: 'get', path: (f) => `/api/datasources/${f.ds}`, roles: BUILDERS, allowed: 200 },
  { method: 'patch', path: () => '/api/datasources/nope', body: {}, roles: ADMINS, allowed: 404 },
  { method: 'delete', path: () => '/api/datasources/nope', roles: ADMINS, allowed: 404 },
  { method: 'post', path: (f) => `/api/datasources/${f.ds}/test`, roles: BUILDERS, allowed: 200 },
  { method: 'get', path: (f) => `/api/datasources/${f.ds}/lookups`, roles: BUILDERS, allowed: 200 },
  {
    method: 'post',
    path: (f) => `/api/datasources/${f.ds}/execute`,
    body: {},
    roles: BUILDERS,
    allowed: 400,
  },
  { method: 'get', path: () => '/api/emulator', roles: BUILDERS, allowed: 200 },
  { method: 'get', path: () => '/api/queries', roles: EVERYONE, allowed: 200 },
  { method: 'get', path: (f) => `/api/queries/${f.send}`, roles: EVERYONE, allowed: 200 },
  { method: 'post', path: () => '/api/queries', body: {}, roles: BUILDERS, allowed: 400 },
  { method: 'patch', path: () => '/api/queries/nope', body: {}, roles: BUILDERS, allowed: 404 },
  { method: 'delete', path: () => '/api/queries/nope', roles: BUILDERS, allowed: 404 },
  // A run that sends (the body is refused after the check); one that only reads (and runs).
  {
    method: 'post',
    path: (f) => `/api/queries/${f.send}/run`,
    body: { params: 7 },
    roles: SENDERS,
    allowed: 400,
  },
  {
    method: 'post',
    path: (f) => `/api/queries/${f.list}/run`,
    body: {},
    roles: EVERYONE,
    allowed: 200,
  },
  { method: 'get', path: () => '/api/page', roles: EVERYONE, allowed: 200 },
  { method: 'put', path: () => '/api/page', body: { widgets: 'x' }, roles: BUILDERS, allowed: 400 },
  { method: 'get', path: () => '/api/users', roles: ADMINS, allowed: 200 },
  { method: 'post', path: () => '/api/users', body: {}, roles: ADMINS, allowed: 400 },
  { method: 'patch', path: () => '/api/users/nope', body: {}, roles: ADMINS, allowed: 404 },
  { method: 'delete', path: () => '/api/users/nope', roles: ADMINS, allowed: 404 },
  { method: 'get', path: () => '/api/audit', roles: EVERYONE, allowed: 200 },
  {
    method: 'post',
    path: () => '/api/session/password',
    body: { current: 'not the password', next: 'a new long password' },
    roles: EVERYONE,
    allowed: 400,
  },
];

describe('every route for every role', () => {
  let app: RunningApp;
  let cookies: Record<Role, string>;
  let fixture: Fixture;

  beforeAll(async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN, TQB_RATE_LIMIT: '0' } });
    cookies = await usersOfEveryRole(app);
    const as = (role: Role) => ({ Cookie: cookies[role] });
    const seeded = await app.api.get('/api/datasources').set(as('admin')).expect(200);
    const ds = (seeded.body as { id: string }[])[0]!.id;
    const query = async (name: string, command: string, params: Record<string, unknown>) =>
      (
        await app.api
          .post('/api/queries')
          .set(as('builder'))
          .send({ name, datasourceId: ds, command, params })
          .expect(201)
      ).body.id as string;
    fixture = {
      ds,
      send: await query('Notify', 'create-message', {
        to: '+14155550100',
        from: app.emulator.info().phoneNumbers[0],
        body: 'Your order shipped',
      }),
      list: await query('Recent', 'list-messages', { pageSize: '5' }),
    };
  });
  afterAll(() => app.close());

  for (const route of ROUTES) {
    const label = `${route.method.toUpperCase()} ${route.path({ ds: ':id', send: ':send', list: ':list' })}`;
    const call = (cookie?: string) => {
      const req = app.api[route.method](route.path(fixture));
      if (cookie) void req.set('Cookie', cookie);
      return route.body === undefined ? req : req.send(route.body);
    };

    it(`${label}: ${route.roles.join(', ')}`, async () => {
      for (const role of ROLES) {
        const res = await call(cookies[role]);
        if (route.roles.includes(role)) {
          expect(res.status, `${role} ${label}: ${res.text}`).toBe(route.allowed);
        } else {
          expect(res.status, `${role} ${label}: ${res.text}`).toBe(403);
          expect(res.body.error.code).toBe('forbidden');
          const summary = ROLE_SUMMARY[role];
          expect(res.body.error.message).toContain(summary.slice(1));
          expect(res.body.error.message).toMatch(/needs the role admin/);
        }
      }
      const anonymous = await call();
      expect(anonymous.status, `nobody ${label}`).toBe(401);
      expect(anonymous.body.error.code).toBe('login_required');
    });
  }

  it('names what was refused and who may do it', async () => {
    const res = await app.api.post('/api/datasources').set('Cookie', cookies.builder).send({});
    expect(res.body.error.message).toBe(
      'Builders may read and test datasources (never their secrets), edit queries and the page, and run anything; ' +
        'creating, editing or deleting datasources needs the role admin.',
    );
    const run = await app.api
      .post(`/api/queries/${fixture.send}/run`)
      .set('Cookie', cookies.viewer)
      .send({});
    expect(run.body.error.message).toMatch(
      /^Viewers may read the published app .*; running a saved query that sends or changes messages needs the role admin, builder or operator\.$/,
    );
  });

  it('keeps health and the session state open to everyone', async () => {
    await app.api.get('/api/health').expect(200);
    expect((await app.api.get('/api/session').expect(200)).body).toEqual({
      setupRequired: false,
      mode: 'accounts',
      user: null,
    });
    for (const role of ROLES) {
      const res = await app.api.get('/api/session').set('Cookie', cookies[role]).expect(200);
      expect(res.body.user).toMatchObject({
        username: role === 'admin' ? ADMIN.username : role,
        role,
      });
    }
  });
});
