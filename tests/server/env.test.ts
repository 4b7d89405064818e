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
      setupToken: undefined,
      accessPasswordSet: false,
      audit: { bodies: true, retentionDays: 365 },
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
      TQB_SETUP_TOKEN: 'a-setup-token-for-tests',
      TQB_AUDIT_BODIES: '0',
      TQB_AUDIT_RETENTION_DAYS: '0',
    });
    expect(config).toMatchObject({
      setupToken: 'a-setup-token-for-tests',
      audit: { bodies: false, retentionDays: 0 },
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
    ['TQB_EMULATOR_TRIAL', 'yes'],
    ['LOG_LEVEL', 'verbose'],
    ['TQB_EMULATOR_STEP_MS', '-5'],
    ['TQB_AUDIT_BODIES', 'no'],
    ['TQB_AUDIT_RETENTION_DAYS', '-1'],
    ['TQB_AUDIT_RETENTION_DAYS', 'forever'],
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

  it('refuses a short setup token without echoing it', () => {
    expect(() => loadConfig({ TQB_SETUP_TOKEN: 'hunter2' })).toThrow(
      /TQB_SETUP_TOKEN must be at least 12 characters long \(got 7 characters, value not shown\)/,
    );
    expect(() => loadConfig({ TQB_SETUP_TOKEN: 'hunter2' })).not.toThrow(/hunter2/);
  });

  const messageFor = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it.each([
    [
      'TQB_SECRET_KEY',
      'c2hvcnQtYnV0LXNlY3JldC1rZXk=',
      /got 28 characters of base64 that decode to 20 bytes/,
    ],
    ['TQB_SECRET_KEY', 'Secret!Key#' + 'x'.repeat(38), /got 49 characters, not base64/],
    ['TQB_EMULATOR_AUTH_TOKEN', 'abcdef0123456789', /got 16 characters, all hexadecimal/],
    ['TQB_EMULATOR_AUTH_TOKEN', 'z'.repeat(32), /got 32 characters, not all hexadecimal/],
    ['TQB_SETUP_TOKEN', 's'.repeat(300), /got 300 characters/],
  ])('says what is wrong with a bad %s but never shows it', (name, value, what) => {
    const message = messageFor({ [name]: value });
    expect(message).toContain(name);
    expect(message).toMatch(what);
    expect(message).toContain('value not shown');
    expect(message).not.toContain(value);
    // Nor a recognisable piece of it, quoted or not.
    expect(message).not.toContain(value.slice(0, 8));
  });

  it('notes the retired TQB_ACCESS_PASSWORD for the server to refuse, whatever its value', () => {
    expect(loadConfig({ TQB_ACCESS_PASSWORD: 'x' }).accessPasswordSet).toBe(true);
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
