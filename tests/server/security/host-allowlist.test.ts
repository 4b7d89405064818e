import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/env';
import { ADMIN, cookieOf, setupAdmin, SETUP_TOKEN } from '../../helpers/accounts';
import { startApp, type RunningApp } from '../../helpers/app';
import { execute } from '../../helpers/relay';
import { startServer } from '../../helpers/server-process';

// DNS rebinding: the server answers only to the Host names it is known by (HOST and the loopback
// names on any port, plus TQB_ALLOWED_HOSTS), in every mode, so a page whose name was made to
// resolve to the server can neither use an open install nor guess sign-ins once accounts exist.

const expectRefused = (res: request.Response) => {
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('host_not_allowed');
  expect(res.body.error.message).toMatch(/TQB_ALLOWED_HOSTS/);
};

describe('TQB_ALLOWED_HOSTS', () => {
  it('reads comma-separated host names and host:port, and refuses anything else', () => {
    expect(loadConfig({}).allowedHosts).toEqual([]);
    expect(
      loadConfig({ TQB_ALLOWED_HOSTS: ' TQB.example.org , tqb.example.org:8443,[::1]:80,10.0.0.5' })
        .allowedHosts,
    ).toEqual(['tqb.example.org', 'tqb.example.org:8443', '[::1]:80', '10.0.0.5']);
    for (const bad of ['https://tqb.example.org', 'tqb.example.org/app', 'a b', '*.example.org']) {
      expect(() => loadConfig({ TQB_ALLOWED_HOSTS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ TQB_ALLOWED_HOSTS: bad }), bad).toThrow(
        /TQB_ALLOWED_HOSTS must be/,
      );
    }
  });
});

describe('the Host allowlist, by default', () => {
  let app: RunningApp;
  let port: string;
  beforeAll(async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    port = new URL(app.url).port;
  });
  afterAll(() => app.close());

  it('answers the loopback names on any port (npm run dev proxies from its own), in solo mode', async () => {
    for (const name of [
      `localhost:${port}`,
      `[::1]:${port}`,
      `127.0.0.1:${port}`,
      `LOCALHOST:${port}`,
      'localhost:5173',
      '127.0.0.1',
    ])
      await app.api.get('/api/datasources').set('Host', name).expect(200);
  });

  it('refuses another name on the API, the app and the emulator', async () => {
    for (const name of [`attacker.example:${port}`, 'attacker.example', `app.localhost:${port}`]) {
      expectRefused(await app.api.get('/api/datasources').set('Host', name));
      expectRefused(await app.api.get('/').set('Host', name));
      const { accountSid, authToken } = app.emulator.identity;
      expectRefused(
        await app.api
          .get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`)
          .auth(accountSid, authToken)
          .set('Host', name),
      );
    }
  });

  it('keeps refusing once accounts exist: a rebinding page cannot guess sign-ins', async () => {
    const admin = await setupAdmin(app);
    const rebound = `attacker.example:${port}`;
    expectRefused(
      await app.api
        .post('/api/session')
        .set('Host', rebound)
        .set('Origin', `http://${rebound}`)
        .send(ADMIN),
    );
    expectRefused(await app.api.get('/api/health').set('Host', rebound));
    expectRefused(await app.api.get('/api/queries').set('Host', rebound).set('Cookie', admin));
    // Its own names still work, cookie and all.
    await app.api
      .get('/api/queries')
      .set('Host', `localhost:${port}`)
      .set('Cookie', admin)
      .expect(200);
  });
});

describe('the Host allowlist behind a proxy (HOST=0.0.0.0, TQB_ALLOWED_HOSTS)', () => {
  let app: RunningApp;
  let port: string;
  beforeAll(async () => {
    app = await startApp({
      env: {
        HOST: '0.0.0.0',
        TQB_ALLOWED_HOSTS: 'tqb.example.org,intranet.example:8443',
        TQB_SETUP_TOKEN: SETUP_TOKEN,
      },
    });
    port = new URL(app.url).port;
  });
  afterAll(() => app.close());

  it('answers the public name on any port, a host:port only on that port, and the loopback names', async () => {
    const admin = await setupAdmin(app);
    for (const name of [
      'tqb.example.org',
      'tqb.example.org:443',
      'intranet.example:8443',
      `127.0.0.1:${port}`,
    ])
      await app.api.get('/api/queries').set('Host', name).set('Cookie', admin).expect(200);
    for (const name of ['intranet.example', 'intranet.example:80', 'evil.example', '0.0.0.0'])
      expectRefused(await app.api.get('/api/queries').set('Host', name).set('Cookie', admin));
  });

  it('signs in through the proxy and reaches the emulator through the relay', async () => {
    const cookie = cookieOf(
      await app.api
        .post('/api/session')
        .set('Host', 'tqb.example.org')
        .set('Origin', 'https://tqb.example.org')
        .send(ADMIN)
        .expect(200),
    );
    const list = await app.api
      .get('/api/datasources')
      .set('Host', 'tqb.example.org')
      .set('Cookie', cookie)
      .expect(200);
    const ds = (list.body as { id: string; name: string }[]).find(
      (d) => d.name === 'Twilio Emulator',
    );
    const res = await execute(app, ds!.id, 'list-messages')
      .set('Cookie', cookie)
      .set('Host', 'tqb.example.org');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
  });
});

describe('the real server on a wildcard HOST', () => {
  it('answers its public name from TQB_ALLOWED_HOSTS and relays to its emulator over loopback', async () => {
    const server = await startServer({
      HOST: '0.0.0.0',
      TQB_ALLOWED_HOSTS: 'tqb.example.org',
      TQB_SETUP_TOKEN: SETUP_TOKEN,
    });
    try {
      const api = () => request(server.url);
      expectRefused(await api().get('/api/health').set('Host', 'evil.example'));
      const cookie = cookieOf(
        await api()
          .post('/api/setup')
          .set('Host', 'tqb.example.org')
          .send({ setupToken: SETUP_TOKEN, ...ADMIN })
          .expect(201),
      );
      const list = await api()
        .get('/api/datasources')
        .set('Host', 'tqb.example.org')
        .set('Cookie', cookie)
        .expect(200);
      const ds = (list.body as { id: string; name: string }[]).find(
        (d) => d.name === 'Twilio Emulator',
      );
      const res = await api()
        .post(`/api/datasources/${ds!.id}/execute`)
        .set('Host', 'tqb.example.org')
        .set('Cookie', cookie)
        .send({ command: 'list-messages', params: {} })
        .expect(200);
      expect(res.body.ok).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
