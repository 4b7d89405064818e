import { expect } from 'vitest';
import type { Role } from '../../src/contract/accounts';
import type { RunningApp } from './app';

// Accounts for server tests: the setup token the app is started with, the first admin, users of
// each role, and their session cookies.

export const SETUP_TOKEN = 'test-setup-token-0123456789';
export const ADMIN = { username: 'ada', password: 'ada-has-a-long-password' };
export const passwordOf = (username: string) => `${username}-password-1234`;

/** The `tqb_session=...` pair of a response's Set-Cookie, to send back as Cookie. */
export function cookieOf(res: { headers: Record<string, unknown> }): string {
  const lines = [res.headers['set-cookie'] ?? []].flat() as string[];
  const line = lines.find((c) => c.startsWith('tqb_session='));
  expect(line, 'a tqb_session cookie').toBeDefined();
  return line!.split(';')[0]!;
}

/** Creates the first admin with POST /api/setup; answers its cookie. */
export async function setupAdmin(app: RunningApp): Promise<string> {
  const res = await app.api
    .post('/api/setup')
    .send({ setupToken: SETUP_TOKEN, ...ADMIN })
    .expect(201);
  return cookieOf(res);
}

export async function signIn(app: RunningApp, username: string, password = passwordOf(username)) {
  return cookieOf(await app.api.post('/api/session').send({ username, password }).expect(200));
}

/** An admin adds a user of `role` (named after it unless told), who then signs in. */
export async function addUser(
  app: RunningApp,
  adminCookie: string,
  role: Role,
  username: string = role,
): Promise<{ id: string; cookie: string; username: string }> {
  const res = await app.api
    .post('/api/users')
    .set('Cookie', adminCookie)
    .send({ username, password: passwordOf(username), role })
    .expect(201);
  return { id: res.body.id as string, cookie: await signIn(app, username), username };
}

/** The first admin and one signed-in user of every other role. */
export async function usersOfEveryRole(app: RunningApp): Promise<Record<Role, string>> {
  const admin = await setupAdmin(app);
  return {
    admin,
    builder: (await addUser(app, admin, 'builder')).cookie,
    operator: (await addUser(app, admin, 'operator')).cookie,
    viewer: (await addUser(app, admin, 'viewer')).cookie,
  };
}
