import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, cookieOf, SETUP_TOKEN } from '../../helpers/accounts';
import { startApp, type RunningApp } from '../../helpers/app';

// The modes and the first account: solo (loopback, no account) is open as before with the actor
// `local`; POST /api/setup needs the setup token in every mode, creates the first admin, signs it
// in and switches the instance to accounts for good.

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const setup = (a: RunningApp, body: Record<string, unknown>) =>
  a.api.post('/api/setup').send({ setupToken: SETUP_TOKEN, ...ADMIN, ...body });

describe('solo mode', () => {
  it('is open on loopback with the local user as an admin, and audits as local', async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    expect((await app.api.get('/api/session').expect(200)).body).toEqual({
      setupRequired: true,
      mode: 'solo',
      user: { id: 'local', username: 'local', role: 'admin' },
    });
    const ds = await app.api
      .post('/api/datasources')
      .send({ name: 'Emu', target: 'emulator' })
      .expect(201);
    expect(ds.body).toMatchObject({ version: 1, updatedBy: 'local' });
    await app.api.get('/api/users').expect(200, []);
    const events = (await app.api.get('/api/audit').expect(200)).body.events;
    expect(events).toEqual([
      expect.objectContaining({
        actor: 'local',
        action: 'datasource.create',
        target: `datasource:${ds.body.id}`,
        outcome: 'success',
      }),
    ]);
  });

  it('has nothing to sign in to, no password to change, and no users to add but through setup', async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    const signIn = await app.api.post('/api/session').send(ADMIN).expect(409);
    expect(signIn.body.error.code).toBe('no_accounts');
    expect(signIn.body.error.message).toMatch(/\/setup/);
    const change = await app.api
      .post('/api/session/password')
      .send({ current: ADMIN.password, next: 'another long password' })
      .expect(409);
    expect(change.body.error.code).toBe('no_accounts');
    const add = await app.api
      .post('/api/users')
      .send({ username: 'eve', password: 'eve-password-123', role: 'admin' })
      .expect(409);
    expect(add.body.error.code).toBe('no_accounts');
    await app.api.delete('/api/session').expect(204);
  });
});

describe('POST /api/setup', () => {
  it('refuses a wrong token with 403, creating nothing', async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    const res = await setup(app, { setupToken: `${SETUP_TOKEN}x` }).expect(403);
    expect(res.body.error).toMatchObject({ code: 'wrong_setup_token', field: 'setupToken' });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await app.api.get('/api/session').expect(200)).body.mode).toBe('solo');
  });

  it('creates the first admin, signs it in (201), and switches to accounts for good', async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    const res = await setup(app, {}).expect(201);
    expect(res.body).toEqual({
      setupRequired: false,
      mode: 'accounts',
      user: { id: expect.stringMatching(/^u_/), username: ADMIN.username, role: 'admin' },
    });
    const cookie = cookieOf(res);
    await app.api.get('/api/users').set('Cookie', cookie).expect(200);
    // The local user is gone: every route now needs a session.
    await app.api.get('/api/datasources').expect(401);
    expect((await app.api.get('/api/session').expect(200)).body).toEqual({
      setupRequired: false,
      mode: 'accounts',
      user: null,
    });
    // A second setup, even with the right token, is a 409.
    const again = await setup(app, { username: 'mallory' }).expect(409);
    expect(again.body.error.code).toBe('already_set_up');
    const events = (await app.api.get('/api/audit').set('Cookie', cookie).expect(200)).body.events;
    expect(events.map((e: { action: string }) => e.action)).toContain('setup');
  });

  it('validates the username and password', async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    const short = await setup(app, { password: 'short' }).expect(400);
    expect(short.body.error).toMatchObject({ code: 'invalid_setup', field: 'password' });
    expect(short.body.error.message).toMatch(/at least 12 characters/);
    const name = await setup(app, { username: 'ada lovelace' }).expect(400);
    expect(name.body.error.field).toBe('username');
  });

  it('takes the first of two concurrent setups only', async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    const [a, b] = await Promise.all([
      setup(app, { username: 'first' }),
      setup(app, { username: 'second' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });

  it('limits wrong tokens to 5 a minute per client', async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    for (let i = 0; i < 5; i++) await setup(app, { setupToken: `guess-${i}-aaaaaaa` }).expect(403);
    const blocked = await setup(app, {}).expect(429);
    expect(blocked.body.error.code).toBe('too_many_logins');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    app.clock.advance(61_000);
    await setup(app, {}).expect(201);
  });
});

describe('beyond loopback without an account', () => {
  it('answers 401 setup_required on everything but health, the session state and setup', async () => {
    app = await startApp({ env: { HOST: '0.0.0.0', TQB_SETUP_TOKEN: SETUP_TOKEN } });
    await app.api.get('/api/health').expect(200);
    expect((await app.api.get('/api/session').expect(200)).body).toEqual({
      setupRequired: true,
      mode: 'accounts',
      user: null,
    });
    for (const res of [
      await app.api.get('/api/datasources'),
      await app.api.get('/api/page'),
      await app.api.post('/api/session').send(ADMIN),
      await app.api.delete('/api/session'),
      await app.api.get('/api/audit'),
      await app.api.get('/api/nope'),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('setup_required');
      expect(res.body.error.message).toMatch(/setup token/);
    }
    const cookie = cookieOf(await setup(app, {}).expect(201));
    await app.api.get('/api/datasources').set('Cookie', cookie).expect(200);
  });
});
