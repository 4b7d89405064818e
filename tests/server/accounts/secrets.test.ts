import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, cookieOf, passwordOf, SETUP_TOKEN } from '../../helpers/accounts';
import { startApp, type RunningApp } from '../../helpers/app';

// Passwords (right or wrong), their hashes, session ids and the setup token never come out: not
// in an answer, not in a log line, not in an audit event; passwords and session ids are not in
// app.db in clear either (only argon2id hashes and SHA-256 digests are).

describe('account secrets never leave the server', () => {
  let app: RunningApp;
  const texts: string[] = [];
  const typed: string[] = [SETUP_TOKEN, ADMIN.password];
  const sessions: string[] = [];

  async function seen<T extends { text: string; headers: Record<string, unknown> }>(
    res: T | PromiseLike<T>,
  ): Promise<T> {
    const r = await res;
    texts.push(r.text);
    const line = ([r.headers['set-cookie'] ?? []].flat() as string[]).join();
    if (/tqb_session=[^;]/.test(line)) sessions.push(cookieOf(r).split('=')[1]!);
    return r;
  }

  beforeAll(async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    const wrongToken = 'not-the-setup-token-but-long';
    typed.push(wrongToken);
    await seen(
      app.api
        .post('/api/setup')
        .send({ setupToken: wrongToken, ...ADMIN })
        .expect(403),
    );
    const admin = cookieOf(
      await seen(
        app.api
          .post('/api/setup')
          .send({ setupToken: SETUP_TOKEN, ...ADMIN })
          .expect(201),
      ),
    );
    const as = (cookie: string) => ({ Cookie: cookie });
    await seen(
      app.api
        .post('/api/setup')
        .send({ setupToken: SETUP_TOKEN, username: 'x', password: 'x-password-long' })
        .expect(409),
    );
    typed.push('x-password-long');
    for (const role of ['builder', 'operator', 'viewer'] as const) {
      typed.push(passwordOf(role));
      await seen(
        app.api
          .post('/api/users')
          .set(as(admin))
          .send({ username: role, password: passwordOf(role), role })
          .expect(201),
      );
    }
    const wrong = 'a-wrong-password-typed';
    typed.push(wrong);
    await seen(
      app.api.post('/api/session').send({ username: 'builder', password: wrong }).expect(401),
    );
    await seen(
      app.api.post('/api/session').send({ username: 'ghost', password: wrong }).expect(401),
    );
    const builder = cookieOf(
      await seen(
        app.api
          .post('/api/session')
          .send({ username: 'builder', password: passwordOf('builder') })
          .expect(200),
      ),
    );
    const next = 'the-builders-next-password';
    typed.push(next);
    await seen(
      app.api
        .post('/api/session/password')
        .set(as(builder))
        .send({ current: wrong, next })
        .expect(400),
    );
    await seen(
      app.api
        .post('/api/session/password')
        .set(as(builder))
        .send({ current: passwordOf('builder'), next })
        .expect(200),
    );
    const users = (await seen(app.api.get('/api/users').set(as(admin)).expect(200))).body as {
      id: string;
      username: string;
    }[];
    const reset = 'set-by-the-admin-for-viewer';
    typed.push(reset);
    const viewer = users.find((u) => u.username === 'viewer')!;
    await seen(
      app.api.patch(`/api/users/${viewer.id}`).set(as(admin)).send({ password: reset }).expect(200),
    );
    await seen(
      app.api
        .patch(`/api/users/${viewer.id}`)
        .set(as(admin))
        .send({ password: 'short' })
        .expect(400),
    );
    await seen(app.api.post('/api/users').set(as(admin)).send({ password: reset }).expect(400));
    await seen(app.api.get('/api/session').set(as(admin)).expect(200));
    await seen(app.api.get('/api/audit?limit=1000').set(as(admin)).expect(200));
    await seen(app.api.delete('/api/session').set(as(admin)).expect(204));
  });
  afterAll(() => app.close());

  const hashes = () =>
    (app.db.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[]).map(
      (r) => r.password_hash,
    );

  it('stores argon2id hashes and session digests, never a password or a session id', () => {
    expect(hashes().every((h) => h.startsWith('$argon2id$v=19$m=19456,t=2,p=1$'))).toBe(true);
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    const files = ['app.db', 'app.db-wal']
      .map((f) => path.join(app.dataDir, f))
      .filter((f) => fs.existsSync(f));
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    expect(bytes.includes(Buffer.from('builder'))).toBe(true);
    for (const secret of [...typed, ...sessions])
      expect(bytes.includes(Buffer.from(secret)), `app.db holds ${secret}`).toBe(false);
  });

  it('answers without a password, a hash or a session id in any body', () => {
    const secrets = [...typed, ...hashes(), ...sessions];
    expect(texts.length).toBeGreaterThan(15);
    for (const text of texts)
      for (const secret of secrets)
        expect(text.includes(secret), `an answer holds a secret: ${text.slice(0, 200)}`).toBe(
          false,
        );
  });

  it('logs none of them, and the audit log holds none of them', () => {
    const secrets = [...typed, ...hashes(), ...sessions];
    const logs = app.logs.join('\n');
    const audit = JSON.stringify(app.db.prepare('SELECT * FROM audit_events').all());
    expect(audit).toContain('session.password_change');
    for (const secret of secrets) {
      expect(logs.includes(secret), `a log line holds ${secret}`).toBe(false);
      expect(audit.includes(secret), `an audit event holds ${secret}`).toBe(false);
    }
  });
});
