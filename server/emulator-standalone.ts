import { createEmulator } from './emulator/app';
import { emulatorOptionsFrom } from './emulator-options';
import { loadConfig, ConfigError } from './env';
import { createLogger } from './logger';

// `npm run emulator`: the emulator alone on EMULATOR_PORT, sharing DATA_DIR's emulator folder with
// the main server (run one or the other against the same DATA_DIR, not both at once).

function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const emulator = createEmulator(emulatorOptionsFrom(config, logger));
  const server = emulator.app.listen(config.emulator.port, config.host, () => {
    const info = emulator.info();
    logger.info(
      {
        url: `http://${config.host}:${config.emulator.port}`,
        accountSid: info.accountSid,
        apiKeySid: info.apiKeySid,
      },
      'Twilio emulator listening',
    );
  });
  server.on('error', (err) => {
    logger.fatal({ err }, 'emulator could not listen');
    process.exit(1);
  });
  const stop = (signal: string) => {
    logger.info({ signal }, 'emulator shutting down');
    server.close(() => {
      void emulator.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main();
