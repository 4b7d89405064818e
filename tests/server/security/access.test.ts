import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServerAccess, isLoopbackHost, loadConfig } from '../../../server/env';
import { startApp, type RunningApp } from '../../helpers/app';
import { freePort, spawnServer, startServer } from '../../helpers/server-process';

// Access: open on loopback; beyond it the server will not start without TQB_ACCESS_PASSWORD, and
// with a password every API route but /api/health and /api/session needs the session cookie that
// POST /api/session {password} sets. Failed logins are limited to 5 a minute per client.

const PASSWORD = 'correct horse battery staple';

const sessionCookie = (setCookie: string[] | string | undefined): string => {
  const line = [setCookie ?? []].flat().find((c) => c.startsWith('tqb_session='));
  expect(line, 'a tqb_session cookie').toBeDefined();
  return line!;
};
const cookieValue = (line: string) => line.split(';')[0]!;

/** Starts the real server expecting it to refuse; stops it if it listens after all. */
async function refusedStart(env: Record<string, string>) {
  const proc = spawnServer({ PORT: String(await freePort()), ...env });
  const code = await Promise.race([
    proc.exited,
    new Promise<'still running'>((r) => setTimeout(() => r('still running'), 15_000)),
  ]);
  if (code === 'still running') {
    proc.child.kill('SIGTERM'); // tsx passes SIGTERM on to the server it runs
    await proc.exited;
  }
  return { code, output: proc.output() };
}

describe('start-up beyond loopback', () => {
  it('counts only loopback addresses as loopback', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      'localhost',
      'LOCALHOST',
      'app.localhost',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '0.0.0.0',
      '::',
      '192.168.1.5',
      '10.0.0.1',
      'example.com',
      'localhost.example.com',
      '128.0.0.1',
      '127.0.0.1.nip.io',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
    expect(() => checkServerAccess(loadConfig({ HOST: '::' }))).toThrow(
      /TQB_ACCESS_PASSWORD must be set/,
    );
    expect(() =>
      checkServerAccess(loadConfig({ HOST: '::', TQB_ACCESS_PASSWORD: PASSWORD })),
    ).not.toThrow();
    expect(() => checkServerAccess(loadConfig({ HOST: 'localhost' }))).not.toThrow();
  });

  it('refuses a non-loopback HOST without TQB_ACCESS_PASSWORD, naming the variable', async () => {
    const { code, output } = await refusedStart({ HOST: '0.0.0.0' });
    expect(code).toBe(1);
    expect(output).toMatch(
      /TQB_ACCESS_PASSWORD must be set when HOST is not a loopback address \(HOST is "0\.0\.0\.0"\)/,
    );
    expect(output).not.toContain('listening');
  });

  it('refuses a password that is too short without printing it', async () => {
    const { code, output } = await refusedStart({
      HOST: '0.0.0.0',
      TQB_ACCESS_PASSWORD: 'hunter2',
    });
    expect(code).toBe(1);
    expect(output).toMatch(
      /TQB_ACCESS_PASSWORD must be at least 12 characters long \(got 7 characters\)/,
    );
    expect(output).not.toContain('hunter2');
  });

  it('starts on 0.0.0.0 with a password and asks for it', async () => {
    const server = await startServer({ HOST: '0.0.0.0', TQB_ACCESS_PASSWORD: PASSWORD });
    try {
      expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok' });
      const closed = await fetch(`${server.url}/api/datasources`);
      expect(closed.status).toBe(401);
      expect((await closed.json()).error.code).toBe('login_required');
      const login = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = cookieValue(sessionCookie(login.headers.getSetCookie()));
      const open = await fetch(`${server.url}/api/datasources`, { headers: { Cookie: cookie } });
      expect(open.status).toBe(200);
      // The relay still reaches the built-in emulator, which keeps its own credentials.
      const [seeded] = (await open.json()) as { id: string }[];
      const run = await fetch(`${server.url}/api/datasources/${seeded!.id}/execute`, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/json' },
        body: JSON.stringify({ command: 'list-messages', params: {} }),
      });
      expect(await run.json()).toMatchObject({ ok: true, status: 200 });
      expect(server.output()).not.toContain(PASSWORD);
    } finally {
      await server.stop();
    }
  });
});

describe('the session gate', () => {
  let app: RunningApp;
  let staticDir = '';
  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-static-'));
    fs.writeFileSync(
      path.join(staticDir, 'index.html'),
      '<!doctype html><title>Twilio Query Builder</title>',
    );
    app = await startApp({ env: { TQB_ACCESS_PASSWORD: PASSWORD }, staticDir });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  const login = (password: unknown) => app.api.post('/api/session').send({ password });

  it('answers every other API route 401 login_required without a session, known or not', async () => {
    for (const res of [
      await app.api.get('/api/datasources'),
      await app.api.get('/api/emulator'),
      await app.api.post('/api/queries').send({ name: 'x' }),
      await app.api.delete('/api/queries/abc'),
      await app.api.get('/api/no-such-route'),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body.error.code).toBe('login_required');
      expect(res.body.error.message).toMatch(/POST \/api\/session/);
    }
  });

  it('keeps health, the session state, the static app and the emulator reachable', async () => {
    await app.api.get('/api/health').expect(200);
    expect((await app.api.get('/api/session').expect(200)).body).toEqual({
      passwordRequired: true,
      authenticated: false,
    });
    expect((await app.api.get('/queries/42').expect(200)).text).toContain('Twilio Query Builder');
    const { accountSid, authToken } = app.emulator.identity;
    await app.api
      .get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`)
      .auth(accountSid, authToken)
      .expect(200);
    await app.api.get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`).expect(401);
  });

  it('refuses a wrong password, or one of the wrong type, and sets no cookie', async () => {
    const wrong = await login('correct horse battery stapl').expect(401);
    expect(wrong.body.error).toMatchObject({ code: 'wrong_password', field: 'password' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const typed = await login(12345).expect(400);
    expect(typed.body.error.field).toBe('password');
    await app.api.post('/api/session').send({ password: PASSWORD, admin: true }).expect(400);
  });

  it('opens a session with an HttpOnly, SameSite=Strict cookie that ends with the browser', async () => {
    const res = await login(PASSWORD).expect(200);
    expect(res.body).toEqual({ passwordRequired: true, authenticated: true });
    const line = sessionCookie(res.headers['set-cookie']);
    expect(line).toMatch(/^tqb_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const cookie = cookieValue(line);
    await app.api.get('/api/datasources').set('Cookie', cookie).expect(200);
    expect(
      (await app.api.get('/api/session').set('Cookie', `other=1; ${cookie}`).expect(200)).body
        .authenticated,
    ).toBe(true);
    // A second login gets another random id; a made-up one opens nothing.
    const again = cookieValue(
      sessionCookie((await login(PASSWORD).expect(200)).headers['set-cookie']),
    );
    expect(again).not.toBe(cookie);
    await app.api
      .get('/api/datasources')
      .set('Cookie', 'tqb_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
      .expect(401);
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const res = await login(PASSWORD).set('X-Forwarded-Proto', 'https').expect(200);
    expect(sessionCookie(res.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  it('ends the session on DELETE /api/session', async () => {
    const cookie = cookieValue(
      sessionCookie((await login(PASSWORD).expect(200)).headers['set-cookie']),
    );
    await app.api.get('/api/queries').set('Cookie', cookie).expect(200);
    const out = await app.api.delete('/api/session').set('Cookie', cookie).expect(204);
    expect(sessionCookie(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    await app.api.get('/api/queries').set('Cookie', cookie).expect(401);
  });

  it('holds the login to the CSRF rules and answers to any Host (the cookie guards it)', async () => {
    await app.api
      .post('/api/session')
      .set('Origin', 'https://evil.example')
      .send({ password: PASSWORD })
      .expect(403);
    await app.api.post('/api/session').type('form').send({ password: PASSWORD }).expect(415);
    await app.api.get('/api/health').set('Host', 'tqb.example.org').expect(200);
  });
});

describe('failed logins', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ env: { TQB_ACCESS_PASSWORD: PASSWORD } });
  });
  afterAll(() => app.close());

  it('allows 5 failures a minute per client, then 429 with Retry-After, even for the right password', async () => {
    await app.api.post('/api/session').send({ password: PASSWORD }).expect(200); // successes do not count
    for (let i = 0; i < 5; i++)
      await app.api
        .post('/api/session')
        .send({ password: `wrong guess ${i}` })
        .expect(401);
    const blocked = await app.api
      .post('/api/session')
      .send({ password: 'wrong guess 6' })
      .expect(429);
    expect(blocked.body.error.code).toBe('too_many_logins');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(12); // one attempt comes back every 12 s
    expect(blocked.body.error.message).toContain(`${retryAfter} s`);
    await app.api.post('/api/session').send({ password: PASSWORD }).expect(429);
  });

  it('answers 409 to a login when no password is set', async () => {
    const open = await startApp();
    try {
      const res = await open.api.post('/api/session').send({ password: PASSWORD }).expect(409);
      expect(res.body.error.code).toBe('no_password');
      expect((await open.api.get('/api/session').expect(200)).body).toEqual({
        passwordRequired: false,
        authenticated: true,
      });
    } finally {
      await open.close();
    }
  });
});
