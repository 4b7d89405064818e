import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  ADMIN,
  cookieOf,
  passwordOf,
  setupAdmin,
  signIn,
  SETUP_TOKEN,
} from '../../helpers/accounts';
import { removeDataDir, startApp, type RunningApp } from '../../helpers/app';

// Sessions live in the database: they survive a restart, end after 12 hours idle or 7 days in
// all (the app's clock is a manual one here), and end at once on sign-out, a password change, or
// when the user is disabled or deleted. A role change applies to the next request.

const HOUR = 60 * 60_000;

describe('sessions', () => {
  let app: RunningApp;
  let admin: string;
  beforeAll(async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN }, keepDataDir: true });
    admin = await setupAdmin(app);
  });
  afterAll(async () => {
    await app.close();
    removeDataDir(app.dataDir);
  });

  const whoAmI = async (cookie: string) =>
    (await app.api.get('/api/session').set('Cookie', cookie).expect(200)).body.user as {
      username: string;
      role: string;
    } | null;

  it('ends a session idle for more than 12 hours; use keeps it going', async () => {
    const { cookie } = await addUser(app, admin, 'viewer', 'idle');
    app.clock.advance(11 * HOUR);
    expect(await whoAmI(cookie)).toMatchObject({ username: 'idle' });
    app.clock.advance(11 * HOUR); // 22 hours since sign-in, 11 since last use
    expect(await whoAmI(cookie)).toMatchObject({ username: 'idle' });
    app.clock.advance(12 * HOUR + 60_000);
    expect(await whoAmI(cookie)).toBeNull();
    await app.api.get('/api/page').set('Cookie', cookie).expect(401);
    admin = await signIn(app, ADMIN.username, ADMIN.password);
  });

  it('ends any session 7 days after sign-in, however much it is used', async () => {
    const { cookie } = await addUser(app, admin, 'viewer', 'busy');
    for (let h = 0; h < 7 * 24; h += 10) {
      app.clock.advance(10 * HOUR);
      if (h + 10 < 7 * 24) expect(await whoAmI(cookie), `after ${h + 10} hours`).not.toBeNull();
    }
    app.clock.advance(HOUR);
    expect(await whoAmI(cookie)).toBeNull();
    admin = await signIn(app, ADMIN.username, ADMIN.password);
  });

  it('ends one session on sign-out, leaving the user’s others', async () => {
    const first = (await addUser(app, admin, 'operator', 'twotabs')).cookie;
    const second = await signIn(app, 'twotabs');
    await app.api.delete('/api/session').set('Cookie', first).expect(204);
    expect(await whoAmI(first)).toBeNull();
    expect(await whoAmI(second)).toMatchObject({ username: 'twotabs' });
  });

  it('ends every session of a user who changes their password, and signs the changer in anew', async () => {
    const laptop = (await addUser(app, admin, 'builder', 'mover')).cookie;
    const phone = await signIn(app, 'mover');
    const wrong = await app.api
      .post('/api/session/password')
      .set('Cookie', laptop)
      .send({ current: 'not my password', next: 'a brand new password' })
      .expect(400);
    expect(wrong.body.error).toMatchObject({ code: 'wrong_password', field: 'current' });
    const weak = await app.api
      .post('/api/session/password')
      .set('Cookie', laptop)
      .send({ current: passwordOf('mover'), next: 'short' })
      .expect(400);
    expect(weak.body.error.field).toBe('next');
    const changed = await app.api
      .post('/api/session/password')
      .set('Cookie', laptop)
      .send({ current: passwordOf('mover'), next: 'a brand new password' })
      .expect(200);
    expect(changed.body.user).toMatchObject({ username: 'mover', role: 'builder' });
    const fresh = cookieOf(changed);
    expect(await whoAmI(laptop)).toBeNull();
    expect(await whoAmI(phone)).toBeNull();
    expect(await whoAmI(fresh)).toMatchObject({ username: 'mover' });
    await app.api
      .post('/api/session')
      .send({ username: 'mover', password: passwordOf('mover') })
      .expect(401);
    await signIn(app, 'mover', 'a brand new password');
  });

  it('ends the sessions of a user an admin disables, gives a new password or deletes', async () => {
    const disabled = await addUser(app, admin, 'operator', 'leaver');
    await app.api
      .patch(`/api/users/${disabled.id}`)
      .set('Cookie', admin)
      .send({ disabled: true })
      .expect(200);
    expect(await whoAmI(disabled.cookie)).toBeNull();
    // A disabled user cannot sign in, and is told no more than for a wrong password.
    const refused = await app.api
      .post('/api/session')
      .send({ username: 'leaver', password: passwordOf('leaver') })
      .expect(401);
    expect(refused.body.error.code).toBe('wrong_credentials');

    const reset = await addUser(app, admin, 'operator', 'forgetful');
    await app.api
      .patch(`/api/users/${reset.id}`)
      .set('Cookie', admin)
      .send({ password: 'set-by-the-admin-123' })
      .expect(200);
    expect(await whoAmI(reset.cookie)).toBeNull();
    await signIn(app, 'forgetful', 'set-by-the-admin-123');

    const deleted = await addUser(app, admin, 'viewer', 'gone');
    await app.api.delete(`/api/users/${deleted.id}`).set('Cookie', admin).expect(204);
    expect(await whoAmI(deleted.cookie)).toBeNull();
  });

  it('applies a role change to the next request', async () => {
    const user = await addUser(app, admin, 'viewer', 'promoted');
    await app.api.post('/api/queries').set('Cookie', user.cookie).send({}).expect(403);
    await app.api
      .patch(`/api/users/${user.id}`)
      .set('Cookie', admin)
      .send({ role: 'builder' })
      .expect(200);
    await app.api.post('/api/queries').set('Cookie', user.cookie).send({}).expect(400);
    expect(await whoAmI(user.cookie)).toMatchObject({ role: 'builder' });
  });

  it('answers an unknown user, a wrong password and a disabled user alike', async () => {
    app.clock.advance(61_000); // past the failures above (5 a minute per client)
    const answers = await Promise.all(
      [
        { username: 'nobody-at-all', password: 'whatever-password' },
        { username: ADMIN.username, password: 'whatever-password' },
        { username: 'leaver', password: passwordOf('leaver') },
      ].map((body) => app.api.post('/api/session').send(body)),
    );
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 'wrong_credentials', message: 'Wrong username or password' },
      });
    }
  });

  it('signs in case-insensitively and survives a restart', async () => {
    app.clock.advance(61_000);
    const cookie = await signIn(app, ADMIN.username.toUpperCase(), ADMIN.password);
    const { dataDir } = app;
    const now = app.clock.now();
    await app.close();
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN }, dataDir });
    app.clock.set(now);
    expect(await whoAmI(cookie)).toMatchObject({ username: ADMIN.username });
  });
});
