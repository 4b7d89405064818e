import path from 'node:path';
import type { Logger } from 'pino';
import type { EmulatorOptions } from './emulator/app';
import type { Config } from './env';

/**
 * The emulator's options from the app's configuration (shared by the server and `npm run
 * emulator`). The emulator is handed its settings rather than reading them, so that it depends on
 * nothing of the app's but shared infrastructure.
 */
export function emulatorOptionsFrom(config: Config, logger: Logger): EmulatorOptions {
  return {
    dir: path.join(config.dataDir, 'emulator'),
    logger,
    identity: { accountSid: config.emulator.accountSid, authToken: config.emulator.authToken },
    trial: config.emulator.trial,
    scheduleMinSeconds: config.emulator.scheduleMinSeconds,
    stepMs: config.emulator.stepMs,
    callbacksAllowPrivate: config.emulator.callbacksAllowPrivate,
  };
}
