import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkServerAccess,
  isLoopbackAddress,
  isLoopbackHost,
  loadConfig,
} from '../../../server/env';
import { ADMIN, cookieOf, setupAdmin, SETUP_TOKEN } from '../../helpers/accounts';
import { startApp, type RunningApp } from '../../helpers/app';
import { freePort, spawnServer, startServer } from '../../helpers/server-process';

// Access: open to the local user on loopback until the first account exists (solo); beyond
// loopback the server starts but answers only setup until then; once accounts exist every API
// route but health, the session state, sign-in and setup needs the session cookie.
// TQB_ACCESS_PASSWORD, which accounts replace, stops the server at start-up.

const OLD_PASSWORD = 'correct horse battery staple';

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

describe('start-up', () => {
  it('counts only loopback addresses as loopback addresses', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopbackAddress(host), host).toBe(true);
    // A name is not an address, whatever it says.
    for (const host of [
      'localhost',
      'app.localhost',
      '0.0.0.0',
      '::',
      '192.168.1.5',
      '10.0.0.1',
      '128.0.0.1',
      '127.0.0.1.nip.io',
      '::ffff:10.0.0.1',
    ])
      expect(isLoopbackAddress(host), host).toBe(false);
  });

  it('judges a loopback HOST by what it resolves to, not by its name', async () => {
    const dns: Record<string, string[]> = {
      localhost: ['127.0.0.1', '::1'],
      'app.localhost': ['127.0.0.1'],
      'foo.localhost': ['203.0.113.7'],
      'half.localhost': ['127.0.0.1', '203.0.113.7'],
      'loopback.example.com': ['127.0.0.2'],
    };
    const lookup = async (host: string) => {
      const found = dns[host];
      if (!found)
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return found;
    };
    for (const host of ['localhost', 'app.localhost', 'loopback.example.com', '127.0.0.1', '[::1]'])
      expect(await isLoopbackHost(host, lookup), host).toBe(true);
    for (const host of [
      'foo.localhost',
      'half.localhost',
      'nowhere.localhost',
      '0.0.0.0',
      '192.168.1.5',
    ])
      expect(await isLoopbackHost(host, lookup), host).toBe(false);
    // The system resolver, as the server uses it.
    expect(await isLoopbackHost('localhost')).toBe(true);
  });

  it('checks access at start-up', () => {
    expect(() => checkServerAccess(loadConfig({ HOST: '::' }))).not.toThrow();
    expect(() => checkServerAccess(loadConfig({ HOST: 'localhost' }))).not.toThrow();
    expect(() => checkServerAccess(loadConfig({ TQB_ACCESS_PASSWORD: OLD_PASSWORD }))).toThrow(
      /TQB_ACCESS_PASSWORD is no longer supported: accounts replace it/,
    );
  });

  it('refuses TQB_ACCESS_PASSWORD, saying what replaces it, without printing it', async () => {
    const { code, output } = await refusedStart({
      HOST: '0.0.0.0',
      TQB_ACCESS_PASSWORD: OLD_PASSWORD,
    });
    expect(code).toBe(1);
    expect(output).toContain(
      'TQB_ACCESS_PASSWORD is no longer supported: accounts replace it. Unset it, start the server and create the first admin ' +
        'at /setup with the setup token from the log, or run `npm run user -- add NAME --role admin`.',
    );
    expect(output).not.toContain(OLD_PASSWORD);
    expect(output).not.toContain('listening');
  });

  it('starts on 0.0.0.0 without an account, answers only setup, and logs the setup token', async () => {
    const server = await startServer({ HOST: '0.0.0.0' });
    try {
      expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok' });
      const closed = await fetch(`${server.url}/api/datasources`);
      expect(closed.status).toBe(401);
      expect((await closed.json()).error.code).toBe('setup_required');
      expect(await (await fetch(`${server.url}/api/session`)).json()).toEqual({
        setupRequired: true,
        mode: 'accounts',
        user: null,
      });
      const line = server
        .output()
        .split('\n')
        .find((l) => l.includes('"setupToken"'));
      expect(line, 'a log line with the setup token').toBeDefined();
      const logged = JSON.parse(line!) as { level: number; setupToken: string; setupUrl: string };
      expect(logged.level).toBe(40); // warn
      expect(logged.setupUrl).toMatch(/\/setup$/);
      expect(logged.setupToken).toMatch(/^[A-Za-z0-9_-]{32}$/);

      const setup = await fetch(`${server.url}/api/setup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ setupToken: logged.setupToken, ...ADMIN }),
      });
      expect(setup.status).toBe(201);
      const cookie = cookieOf({ headers: { 'set-cookie': setup.headers.getSetCookie() } });
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
      expect(server.output()).not.toContain(ADMIN.password);
    } finally {
      await server.stop();
    }
  });

  it('does not print a TQB_SETUP_TOKEN, nor a token once an account exists', async () => {
    const server = await startServer({ TQB_SETUP_TOKEN: SETUP_TOKEN }, { keepDataDir: true });
    try {
      expect(server.output()).toContain('No account yet');
      expect(server.output()).not.toContain(SETUP_TOKEN);
      const setup = await fetch(`${server.url}/api/setup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ setupToken: SETUP_TOKEN, ...ADMIN }),
      });
      expect(setup.status).toBe(201);
      await server.stop();
      const again = await startServer({ DATA_DIR: server.dataDir });
      await again.stop();
      expect(again.output()).not.toContain('No account yet');
      expect(again.output()).not.toContain('setupToken');
    } finally {
      await server.stop();
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});

describe('the session gate', () => {
  let app: RunningApp;
  let staticDir = '';
  let cookie = '';
  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-static-'));
    fs.writeFileSync(
      path.join(staticDir, 'index.html'),
      '<!doctype html><title>Twilio Query Builder</title>',
    );
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN }, staticDir });
    cookie = await setupAdmin(app);
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  const signIn = (body: unknown) => app.api.post('/api/session').send(body as object);

  it('answers every other API route 401 login_required without a session, known or not', async () => {
    for (const res of [
      await app.api.get('/api/datasources'),
      await app.api.get('/api/emulator'),
      await app.api.post('/api/queries').send({ name: 'x' }),
      await app.api.delete('/api/queries/abc'),
      await app.api.get('/api/users'),
      await app.api.get('/api/audit'),
      await app.api.post('/api/session/password').send({ current: 'a', next: 'b' }),
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
      setupRequired: false,
      mode: 'accounts',
      user: null,
    });
    expect((await app.api.get('/queries/42').expect(200)).text).toContain('Twilio Query Builder');
    const { accountSid, authToken } = app.emulator.identity;
    await app.api
      .get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`)
      .auth(accountSid, authToken)
      .expect(200);
    await app.api.get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`).expect(401);
  });

  it('refuses wrong credentials, or ones of the wrong type, and sets no cookie', async () => {
    const wrong = await signIn({ username: ADMIN.username, password: 'not-the-password' }).expect(
      401,
    );
    expect(wrong.body.error).toEqual({
      code: 'wrong_credentials',
      message: 'Wrong username or password',
    });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const typed = await signIn({ username: ADMIN.username, password: 12345 }).expect(400);
    expect(typed.body.error.field).toBe('password');
    await signIn({ ...ADMIN, admin: true }).expect(400);
  });

  it('opens a session with an HttpOnly, SameSite=Strict cookie that lasts 7 days', async () => {
    const res = await signIn(ADMIN).expect(200);
    expect(res.body).toEqual({
      setupRequired: false,
      mode: 'accounts',
      user: { id: expect.stringMatching(/^u_/), username: ADMIN.username, role: 'admin' },
    });
    const line = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('tqb_session='));
    expect(line).toMatch(
      /^tqb_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=604800$/,
    );
    const session = cookieOf(res);
    await app.api.get('/api/datasources').set('Cookie', session).expect(200);
    expect(
      (await app.api.get('/api/session').set('Cookie', `other=1; ${session}`).expect(200)).body.user
        .username,
    ).toBe(ADMIN.username);
    // Another sign-in gets another random id; a made-up one opens nothing.
    expect(cookieOf(await signIn(ADMIN).expect(200))).not.toBe(session);
    await app.api
      .get('/api/datasources')
      .set('Cookie', 'tqb_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
      .expect(401);
  });

  it('marks the cookie Secure behind an HTTPS proxy it trusts, and only then', async () => {
    const plain = await signIn(ADMIN).set('X-Forwarded-Proto', 'https').expect(200);
    expect([plain.headers['set-cookie']].flat().join()).not.toMatch(/Secure/);
    const proxied = await startApp({
      env: { TQB_SETUP_TOKEN: SETUP_TOKEN, TQB_TRUST_PROXY: 'loopback' },
    });
    try {
      const res = await proxied.api
        .post('/api/setup')
        .set('X-Forwarded-Proto', 'https')
        .send({ setupToken: SETUP_TOKEN, ...ADMIN })
        .expect(201);
      expect([res.headers['set-cookie']].flat().join()).toMatch(/; Secure$/);
      // The proxy's word decides: plain HTTP, or no word at all, is not Secure.
      const setCookie = async (proto: string | undefined) => {
        const req = proxied.api.post('/api/session').send(ADMIN);
        if (proto !== undefined) req.set('X-Forwarded-Proto', proto);
        return [(await req.expect(200)).headers['set-cookie']].flat().join();
      };
      expect(await setCookie('http')).not.toMatch(/Secure/);
      expect(await setCookie(undefined)).not.toMatch(/Secure/);
      const out = await proxied.api
        .delete('/api/session')
        .set('Cookie', cookieOf(res))
        .set('X-Forwarded-Proto', 'https')
        .expect(204);
      expect([out.headers['set-cookie']].flat().join()).toMatch(/Max-Age=0; Secure$/);
    } finally {
      await proxied.close();
    }
  });

  it('believes X-Forwarded-Proto only from the proxies TQB_TRUST_PROXY names', async () => {
    // This client (127.0.0.1) is not in the trusted range, so its header is its own say-so.
    const elsewhere = await startApp({
      env: { TQB_SETUP_TOKEN: SETUP_TOKEN, TQB_TRUST_PROXY: '10.0.0.0/8' },
    });
    try {
      const res = await elsewhere.api
        .post('/api/setup')
        .set('X-Forwarded-Proto', 'https')
        .send({ setupToken: SETUP_TOKEN, ...ADMIN })
        .expect(201);
      expect([res.headers['set-cookie']].flat().join()).not.toMatch(/Secure/);
    } finally {
      await elsewhere.close();
    }
  });

  it('ends the session on DELETE /api/session', async () => {
    const session = cookieOf(await signIn(ADMIN).expect(200));
    await app.api.get('/api/queries').set('Cookie', session).expect(200);
    const out = await app.api.delete('/api/session').set('Cookie', session).expect(204);
    expect([out.headers['set-cookie']].flat().join()).toMatch(/tqb_session=; .*Max-Age=0/);
    await app.api.get('/api/queries').set('Cookie', session).expect(401);
    // Signing out without a session is fine too.
    await app.api.delete('/api/session').expect(204);
  });

  it('holds sign-in to the CSRF rules and answers only to its own Host names, cookie or not', async () => {
    await signIn(ADMIN).set('Origin', 'https://evil.example').expect(403);
    await app.api.post('/api/session').type('form').send(ADMIN).expect(415);
    const health = await app.api.get('/api/health').set('Host', 'tqb.example.org').expect(403);
    expect(health.body.error.code).toBe('host_not_allowed');
    await app.api
      .get('/api/datasources')
      .set('Host', 'tqb.example.org')
      .set('Cookie', cookie)
      .expect(403);
  });
});
