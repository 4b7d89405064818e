import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, setupAdmin, SETUP_TOKEN } from '../../helpers/accounts';
import { startApp, type RunningApp } from '../../helpers/app';

// Password guessing: 5 failed sign-ins a minute per client, 10 per 15 minutes per username
// (whatever the client), then 429 too_many_logins with Retry-After, even for the right password.
// Every attempt is an audit event; the counts come from those events, so they survive a restart.

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const attempt = (a: RunningApp, password: string, from?: string, username = ADMIN.username) => {
  const req = a.api.post('/api/session');
  if (from) void req.set('X-Forwarded-For', from);
  return req.send({ username, password });
};

describe('sign-in limits', () => {
  it('allows 5 failures a minute per client, then 429 with Retry-After', async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    const admin = await setupAdmin(app);
    await attempt(app, ADMIN.password).expect(200); // successes do not count
    for (let i = 0; i < 5; i++) {
      await attempt(app, `wrong guess ${i}`).expect(401);
      app.clock.advance(1000);
    }
    const blocked = await attempt(app, 'wrong guess 6').expect(429);
    expect(blocked.body.error.code).toBe('too_many_logins');
    // The first failure leaves the minute 56 s after it was made... minus the 5 s since.
    expect(blocked.headers['retry-after']).toBe('55');
    expect(blocked.body.error.message).toContain('55 s');
    await attempt(app, ADMIN.password).expect(429);
    // Another user from the same client is held too: the limit is the client's.
    await attempt(app, 'anything at all', undefined, 'someone').expect(429);
    app.clock.advance(55_000);
    await attempt(app, ADMIN.password).expect(200);

    const events = (
      await app.api
        .get('/api/audit?action=session.sign_in&limit=100')
        .set('Cookie', admin)
        .expect(200)
    ).body.events as { actor: string; outcome: string; ip: string }[];
    expect(events.filter((e) => e.outcome === 'failure')).toHaveLength(5);
    expect(events.filter((e) => e.outcome === 'denied')).toHaveLength(3);
    expect(events.filter((e) => e.outcome === 'success')).toHaveLength(2);
    expect(events.find((e) => e.outcome === 'denied' && e.actor === 'someone')).toBeDefined();
    expect(events.every((e) => e.ip !== null)).toBe(true);
  });

  it('allows 10 failures per 15 minutes per username, from any number of clients', async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN, TQB_TRUST_PROXY: 'loopback' } });
    await setupAdmin(app);
    for (let i = 0; i < 10; i++) {
      await attempt(app, `guess ${i}`, `203.0.113.${i}`).expect(401);
      app.clock.advance(10_000);
    }
    // Another case of the same name is the same user.
    const blocked = await attempt(app, ADMIN.password, '198.51.100.7', 'ADA').expect(429);
    expect(blocked.body.error.code).toBe('too_many_logins');
    // The first of the 10 leaves the window 15 minutes after it was made, 100 s ago.
    expect(blocked.headers['retry-after']).toBe(String(15 * 60 - 100));
    // Other users are not held.
    await attempt(app, 'wrong', '198.51.100.8', 'someone').expect(401);
    app.clock.advance((15 * 60 - 100) * 1000);
    await attempt(app, ADMIN.password, '198.51.100.7').expect(200);
  });

  it('keeps counting across a restart', async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN }, keepDataDir: true });
    await setupAdmin(app);
    for (let i = 0; i < 5; i++) await attempt(app, `wrong ${i}`).expect(401);
    const { dataDir } = app;
    const now = app.clock.now();
    await app.close();
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN }, dataDir });
    app.clock.set(now);
    await attempt(app, ADMIN.password).expect(429);
  });
});
