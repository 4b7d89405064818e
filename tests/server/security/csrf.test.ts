import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import { seededDatasourceId } from '../../helpers/relay';

// Cross-site request forgery: a state-changing API request with a foreign Origin is refused (403),
// and one with a body or Content-Type other than JSON too (415), so neither a cross-site form nor a
// no-cors fetch can change anything. Scripts (no Origin, JSON or no body) and the app's own
// body-less DELETEs keep working. Foreign Host names are refused too (DNS rebinding; every mode
// in host-allowlist.test.ts).

const validDatasource = (name: string) => ({ name, target: 'emulator' });

describe('CSRF rules on /api', () => {
  let app: RunningApp;
  let host: string;
  let emulatorDs: string;
  beforeAll(async () => {
    app = await startApp();
    host = new URL(app.url).host;
    emulatorDs = await seededDatasourceId(app);
  });
  afterAll(() => app.close());

  const names = async () =>
    ((await app.api.get('/api/datasources').expect(200)).body as { name: string }[]).map(
      (d) => d.name,
    );

  it.each([
    ['a cross-site form', 'application/x-www-form-urlencoded', 'name=Forged&target=emulator'],
    [
      'a multipart form',
      'multipart/form-data; boundary=xyz',
      '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nForged\r\n--xyz--\r\n',
    ],
    [
      'JSON sent as text/plain (a no-cors fetch)',
      'text/plain',
      JSON.stringify(validDatasource('Forged')),
    ],
    [
      'a JSON-looking type that is not JSON',
      'application/jsonp',
      JSON.stringify(validDatasource('Forged')),
    ],
  ])('refuses %s with 415 and changes nothing', async (_label, type, body) => {
    const res = await app.api
      .post('/api/datasources')
      .set('Content-Type', type)
      .send(body)
      .expect(415);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect(res.body.error.message).toMatch(
      /Send the request body as JSON with Content-Type: application\/json/,
    );
    expect(await names()).not.toContain('Forged');
  });

  it('refuses an empty form post (it still declares a Content-Type)', async () => {
    const res = await app.api
      .post(`/api/datasources/${emulatorDs}/test`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .expect(415);
    expect(res.body.error.message).toContain('application/x-www-form-urlencoded');
  });

  it('refuses a chunked body that declares no Content-Type', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>(
      (resolve, reject) => {
        const req = http.request(
          `${app.url}/api/datasources`,
          { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode!, body: text }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(validDatasource('Chunked')));
      },
    );
    expect(status).toBe(415);
    expect(JSON.parse(body).error.message).toMatch(/no Content-Type/);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['another port on this host', 'http://127.0.0.1:1'],
    ['an opaque origin', 'null'],
    ['a non-web scheme', 'file://'],
  ])('refuses JSON writes from %s with 403 and changes nothing', async (_label, origin) => {
    const res = await app.api
      .post('/api/datasources')
      .set('Origin', origin)
      .send(validDatasource('Cross'))
      .expect(403);
    expect(res.body.error.code).toBe('cross_origin_request');
    expect(res.body.error.message).toContain(origin);
    const patch = await app.api
      .patch(`/api/datasources/${emulatorDs}`)
      .set('Origin', origin)
      .send({ name: 'Renamed' })
      .expect(403);
    expect(patch.body.error.code).toBe('cross_origin_request');
    expect(await names()).toEqual(['Twilio Emulator']);
  });

  it('accepts writes from its own origin (any scheme: a TLS proxy may sit in front) and from scripts with no Origin', async () => {
    await app.api
      .post('/api/datasources')
      .set('Origin', app.url)
      .send(validDatasource('Own origin'))
      .expect(201);
    await app.api
      .post('/api/datasources')
      .set('Origin', `https://${host}`)
      .send(validDatasource('Behind TLS'))
      .expect(201);
    await app.api
      .post('/api/datasources')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify(validDatasource('Curl')))
      .expect(201);
    // curl -X POST .../test: no body, no Content-Type, no Origin.
    const test = await app.api.post(`/api/datasources/${emulatorDs}/test`).expect(200);
    expect(test.body.ok).toBe(true);
    expect(await names()).toEqual(expect.arrayContaining(['Own origin', 'Behind TLS', 'Curl']));
  });

  it("lets the app's body-less DELETE through, but not from another origin nor with a form body", async () => {
    const ds = (await app.api.post('/api/datasources').send(validDatasource('Doomed')).expect(201))
      .body.id;
    const foreign = await app.api
      .delete(`/api/datasources/${ds}`)
      .set('Origin', 'https://evil.example')
      .expect(403);
    expect(foreign.body.error.code).toBe('cross_origin_request');
    const form = await app.api
      .delete(`/api/datasources/${ds}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('cascade=true')
      .expect(415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    await app.api.get(`/api/datasources/${ds}`).expect(200);
    await app.api.delete(`/api/datasources/${ds}`).set('Origin', app.url).expect(204);
    await app.api.get(`/api/datasources/${ds}`).expect(404);
  });

  it('leaves reads alone: a GET with a foreign Origin is answered (the browser keeps the answer from that site)', async () => {
    const res = await app.api
      .get('/api/datasources')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('does not apply to the emulator, which takes form bodies as Twilio does', async () => {
    const { accountSid, authToken } = app.emulator.identity;
    const from = app.emulator.info().phoneNumbers[0]!;
    const res = await app.api
      .post(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`)
      .auth(accountSid, authToken)
      .type('form')
      .send({ To: '+14155550100', From: from, Body: 'form body' })
      .expect(201);
    expect(res.body.sid).toMatch(/^SM/);
  });

  it('answers API requests only for loopback Host names while open on loopback (DNS rebinding)', async () => {
    const port = new URL(app.url).port;
    for (const name of [`localhost:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`]) {
      await app.api.get('/api/datasources').set('Host', name).expect(200);
    }
    const rebound = await app.api
      .get('/api/datasources')
      .set('Host', `attacker.example:${port}`)
      .expect(403);
    expect(rebound.body.error.code).toBe('host_not_allowed');
    expect(rebound.body.error.message).toMatch(/TQB_ALLOWED_HOSTS/);
    await app.api
      .post('/api/datasources')
      .set('Host', `attacker.example:${port}`)
      .set('Origin', `http://attacker.example:${port}`)
      .send(validDatasource('Rebound'))
      .expect(403);
    expect(await names()).not.toContain('Rebound');
  });
});
