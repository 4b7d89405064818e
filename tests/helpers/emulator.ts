import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import twilio from 'twilio';
import { pino } from 'pino';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../server/emulator/app';
import { createManualClock, type ManualClock } from '../../server/emulator/clock';

// Starts the real emulator on an ephemeral loopback port with a clock the test moves by hand, and
// hands out official twilio clients pointed at it.

export interface RunningEmulator {
  emulator: Emulator;
  clock: ManualClock;
  baseUrl: string;
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  /** A twilio client with the account's Auth Token, talking HTTP to the emulator. */
  client(): twilio.Twilio;
  /** A twilio client that signs in with the emulator's API key. */
  apiKeyClient(): twilio.Twilio;
  close(): Promise<void>;
}

export async function startEmulator(
  options: Partial<EmulatorOptions> = {},
): Promise<RunningEmulator> {
  const clock = createManualClock(Date.UTC(2030, 0, 15, 12, 0, 0));
  const emulator = createEmulator({
    dir: ':memory:',
    logger: pino({ level: 'silent' }),
    clock,
    timer: false,
    ...options,
  });
  const server: Server = await new Promise((resolve) => {
    const s = emulator.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const { accountSid, authToken, apiKeySid, apiKeySecret } = emulator.identity;
  const point = (c: twilio.Twilio) => {
    c.api.baseUrl = baseUrl;
    return c;
  };
  return {
    emulator,
    clock,
    baseUrl,
    accountSid,
    authToken,
    apiKeySid,
    apiKeySecret,
    client: () => point(twilio(accountSid, authToken)),
    apiKeyClient: () => point(twilio(apiKeySid, apiKeySecret, { accountSid })),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}
