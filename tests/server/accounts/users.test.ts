import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  ADMIN,
  passwordOf,
  setupAdmin,
  signIn,
  SETUP_TOKEN,
} from '../../helpers/accounts';
import { startApp, type RunningApp } from '../../helpers/app';

// Users, for admins: list, add, change (role, password, disabled), delete. Usernames are unique
// whatever their case; the last enabled admin can be neither demoted, disabled nor deleted.

const USER_KEYS = ['id', 'username', 'role', 'disabled', 'createdAt', 'updatedAt'];

describe('users', () => {
  let app: RunningApp;
  let admin: string;
  let adminId: string;
  beforeAll(async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    admin = await setupAdmin(app);
    adminId = (await app.api.get('/api/session').set('Cookie', admin)).body.user.id;
  });
  afterAll(() => app.close());

  const users = () => app.api.get('/api/users').set('Cookie', admin).expect(200);
  const patch = (id: string, body: Record<string, unknown>) =>
    app.api.patch(`/api/users/${id}`).set('Cookie', admin).send(body);

  it('adds a user (201) in the documented shape, never with a password or its hash', async () => {
    const res = await app.api
      .post('/api/users')
      .set('Cookie', admin)
      .send({ username: 'Grace', password: passwordOf('Grace'), role: 'builder' })
      .expect(201);
    expect(Object.keys(res.body).sort()).toEqual([...USER_KEYS].sort());
    expect(res.body).toMatchObject({ username: 'Grace', role: 'builder', disabled: false });
    const list = (await users()).body as { username: string }[];
    expect(list.map((u) => u.username)).toEqual([ADMIN.username, 'Grace']);
    for (const u of list) expect(Object.keys(u).sort()).toEqual([...USER_KEYS].sort());
    expect(JSON.stringify(list)).not.toMatch(/argon2|password/i);
  });

  it('refuses a taken username whatever its case, a weak password and an unknown role', async () => {
    const taken = await app.api
      .post('/api/users')
      .set('Cookie', admin)
      .send({ username: 'GRACE', password: 'another-long-password', role: 'viewer' })
      .expect(409);
    expect(taken.body.error).toMatchObject({ code: 'username_taken', field: 'username' });
    const weak = await app.api
      .post('/api/users')
      .set('Cookie', admin)
      .send({ username: 'linus', password: 'short', role: 'viewer' })
      .expect(400);
    expect(weak.body.error).toMatchObject({ code: 'invalid_user', field: 'password' });
    const role = await app.api
      .post('/api/users')
      .set('Cookie', admin)
      .send({ username: 'linus', password: 'long-enough-password', role: 'owner' })
      .expect(400);
    expect(role.body.error.field).toBe('role');
    expect(role.body.error.message).toMatch(/admin, builder, operator, viewer/);
    const name = await app.api
      .post('/api/users')
      .set('Cookie', admin)
      .send({ username: 'a'.repeat(65), password: 'long-enough-password', role: 'viewer' })
      .expect(400);
    expect(name.body.error.field).toBe('username');
  });

  it('changes a role, a password and whether the user is disabled', async () => {
    const user = await addUser(app, admin, 'viewer', 'margaret');
    const res = await patch(user.id, { role: 'operator' }).expect(200);
    expect(res.body).toMatchObject({ username: 'margaret', role: 'operator', disabled: false });
    await patch(user.id, { disabled: true }).expect(200);
    await app.api
      .post('/api/session')
      .send({ username: 'margaret', password: passwordOf('margaret') })
      .expect(401);
    await patch(user.id, { disabled: false, password: 'margaret-new-password' }).expect(200);
    await signIn(app, 'margaret', 'margaret-new-password');
    await patch('u_nobody', { role: 'viewer' }).expect(404);
    await patch(user.id, { username: 'renamed' }).expect(400);
  });

  it('keeps an enabled admin: the last one cannot be demoted, disabled or deleted (409)', async () => {
    for (const body of [{ role: 'builder' }, { disabled: true }]) {
      const res = await patch(adminId, body).expect(409);
      expect(res.body.error.code).toBe('last_admin');
      expect(res.body.error.message).toMatch(/last enabled admin/);
    }
    const del = await app.api.delete(`/api/users/${adminId}`).set('Cookie', admin).expect(409);
    expect(del.body.error.code).toBe('last_admin');
    // A disabled admin does not count.
    const sleeper = await addUser(app, admin, 'admin', 'sleeper');
    await patch(sleeper.id, { disabled: true }).expect(200);
    await patch(adminId, { role: 'viewer' }).expect(409);
    // With a second enabled admin, either may step down.
    await patch(sleeper.id, { disabled: false }).expect(200);
    await patch(adminId, { role: 'builder' }).expect(200);
    await patch(sleeper.id, { role: 'viewer' }).expect(403); // admin is now a builder
    const sleeperAdmin = await signIn(app, 'sleeper');
    const last = await app.api
      .patch(`/api/users/${sleeper.id}`)
      .set('Cookie', sleeperAdmin)
      .send({ role: 'viewer' })
      .expect(409);
    expect(last.body.error.code).toBe('last_admin');
    await app.api
      .patch(`/api/users/${adminId}`)
      .set('Cookie', sleeperAdmin)
      .send({ role: 'admin' })
      .expect(200);
    await app.api.delete(`/api/users/${sleeper.id}`).set('Cookie', admin).expect(204);
    await app.api.delete(`/api/users/${sleeper.id}`).set('Cookie', admin).expect(404);
  });
});
