import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import { seededDatasourceId } from '../../helpers/relay';

describe('GET /api/datasources/:id/lookups', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ emulator: { trial: true, scheduleMinSeconds: 120 } });
  });
  afterAll(() => app.close());

  it("offers the account's numbers, caller IDs, services and scheduling window", async () => {
    const id = await seededDatasourceId(app);
    const info = app.emulator.info();
    const res = await app.api.get(`/api/datasources/${id}/lookups`).expect(200);
    expect(res.body).toEqual({
      phoneNumbers: info.phoneNumbers,
      verifiedCallerIds: info.verifiedCallerIds,
      messagingServiceSids: info.messagingServiceSids,
      trial: true,
      scheduleMinSeconds: 120,
    });
  });

  it('gives empty lists and a reason when Twilio refuses the credentials', async () => {
    const created = await app.api
      .post('/api/datasources')
      .send({ name: 'Wrong token', target: 'emulator', authToken: '0'.repeat(32) })
      .expect(201);
    const res = await app.api.get(`/api/datasources/${created.body.id}/lookups`).expect(200);
    expect(res.body.phoneNumbers).toEqual([]);
    expect(res.body.trial).toBeNull();
    expect(res.body.error).toMatch(/20003/);
  });

  it('answers 404 for an unknown datasource', async () => {
    const res = await app.api.get('/api/datasources/ds_nope/lookups').expect(404);
    expect(res.body.error.code).toBe('datasource_not_found');
  });
});
