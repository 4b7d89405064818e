import { expect } from 'vitest';
import type { RunningApp } from './app';

// Small helpers for the relay's server tests: the seeded emulator datasource, an execute call,
// and a look at the emulator's messages straight from its own API (not through the relay).

export const WRONG_TOKEN = '0123456789abcdef0123456789abcdef';
export const OTHER_ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
export const FAKE_API_KEY_SID = 'SKfedcba9876543210fedcba9876543210';

export async function seededDatasourceId(app: RunningApp): Promise<string> {
  const res = await app.api.get('/api/datasources').expect(200);
  const seeded = (res.body as { id: string; name: string }[]).find(
    (d) => d.name === 'Twilio Emulator',
  );
  expect(seeded, 'the seeded "Twilio Emulator" datasource').toBeDefined();
  return seeded!.id;
}

export function execute(
  app: RunningApp,
  datasourceId: string,
  command: string,
  params: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return app.api
    .post(`/api/datasources/${datasourceId}/execute`)
    .send({ command, params, ...extra });
}

/** Every message the emulator holds, read with its own Auth Token, newest first. */
export async function emulatorMessages(
  app: RunningApp,
): Promise<{ sid: string; to: string; from: string | null; body: string; status: string }[]> {
  const { accountSid, authToken } = app.emulator.identity;
  const res = await app.api
    .get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=1000`)
    .auth(accountSid, authToken)
    .expect(200);
  return res.body.messages;
}

/** An ISO 8601 UTC time `minutes` ahead of the app's clock, without milliseconds. */
export function isoAhead(app: RunningApp, minutes: number): string {
  return new Date(app.clock.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
