import { pino, type Logger, type LevelWithSilent } from 'pino';

// Every path that could carry a credential is censored before a line is written, whatever the
// level. The list covers headers, datasource bodies and the emulator's own account record.
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  '*.authToken',
  '*.auth_token',
  '*.apiKeySecret',
  '*.password',
  'authToken',
  'auth_token',
  'apiKeySecret',
  'password',
];

export function createLogger(level: LevelWithSilent, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'twilio-query-builder' },
    },
    destination,
  );
}

export type { Logger };
