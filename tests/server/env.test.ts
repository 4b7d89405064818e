import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/env';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      twilioApiBaseUrl: 'https://api.twilio.com',
      logLevel: 'info',
      emulator: {
        port: 4010,
        trial: false,
        scheduleMinSeconds: 900,
        stepMs: 1000,
        accountSid: undefined,
        authToken: undefined,
      },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/tqb',
      TWILIO_API_BASE_URL: 'http://127.0.0.1:4010/',
      TQB_EMULATOR_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
      TQB_EMULATOR_AUTH_TOKEN: 'B'.repeat(32),
      TQB_EMULATOR_TRIAL: '1',
      TQB_EMULATOR_SCHEDULE_MIN_SECONDS: '60',
      TQB_EMULATOR_STEP_MS: '10',
      EMULATOR_PORT: '4999',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/tqb',
      twilioApiBaseUrl: 'http://127.0.0.1:4010',
      logLevel: 'debug',
      emulator: {
        port: 4999,
        trial: true,
        scheduleMinSeconds: 60,
        stepMs: 10,
        accountSid: 'AC' + 'a'.repeat(32),
        authToken: 'b'.repeat(32),
      },
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', TQB_EMULATOR_TRIAL: '' }).port).toBe(3000);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['TWILIO_API_BASE_URL', 'ftp://example.com'],
    ['TWILIO_API_BASE_URL', 'not a url'],
    ['TQB_EMULATOR_ACCOUNT_SID', 'SK' + 'a'.repeat(32)],
    ['TQB_EMULATOR_AUTH_TOKEN', 'short'],
    ['TQB_EMULATOR_TRIAL', 'yes'],
    ['LOG_LEVEL', 'verbose'],
    ['TQB_EMULATOR_STEP_MS', '-5'],
  ])('stops on a bad %s and names it', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toContain(JSON.stringify(value));
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
