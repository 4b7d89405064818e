import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { userRepository } from './accounts/users-repository';
import { startAuditRetention } from './audit/retention';
import { createAuditService } from './services';
import { createEmulator } from './emulator/app';
import { emulatorOptionsFrom } from './emulator-options';
import { checkServerAccess, ConfigError, isLoopbackHost, loadConfig, type Config } from './env';
import { createHttpServer } from './http-server';
import { createLogger } from './logger';
import { openDatabase } from './store/db';
import { createVault, loadOrCreateKey } from './vault/vault';

// The only module with side effects: read the configuration, open the data folder, listen, and
// shut down cleanly on SIGTERM/SIGINT.

function readConfig(): Config {
  try {
    const config = loadConfig();
    checkServerAccess(config);
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.accessSync(config.dataDir, fs.constants.W_OK);
    return config;
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else
      console.error(`Invalid configuration:\n  DATA_DIR cannot be used: ${(err as Error).message}`);
    process.exit(1);
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel);
const emulator = createEmulator(emulatorOptionsFrom(config, logger));
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const db = openDatabase(path.join(config.dataDir, 'app.db'));
const vault = createVault(loadOrCreateKey(config.dataDir, config.secretKey));
// The relay reaches the emulator over HTTP like any Twilio; a wildcard HOST is reached on loopback.
const loopback = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
const emulatorBaseUrl = () =>
  `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${config.port}/emulator`;
// Whoever reads this process's log may create the first admin; with several instances sharing the
// database, TQB_SETUP_TOKEN gives them one token.
const setupToken = config.setupToken ?? randomBytes(24).toString('base64url');
// Solo mode opens the app to whoever reaches HOST: judged by the addresses HOST resolves to.
const hostIsLoopback = await isLoopbackHost(config.host);
const app = createApp({
  config,
  hostIsLoopback,
  logger,
  emulator,
  db,
  vault,
  emulatorBaseUrl,
  setupToken,
  staticDir: path.join(root, 'dist'),
});
const retention = startAuditRetention(createAuditService({ config, logger, db }), logger);

const server = createHttpServer(app);
server.listen(config.port, config.host, () => {
  logger.info(
    {
      url: `http://${config.host}:${config.port}`,
      dataDir: config.dataDir,
      emulatorAccountSid: emulator.identity.accountSid,
    },
    'Twilio Query Builder listening',
  );
  void Promise.resolve(userRepository(db).any()).then((anyUser) => {
    if (anyUser) return;
    const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    logger.warn(
      // A token from TQB_SETUP_TOKEN is the operator's own: it stays out of the log.
      {
        setupUrl: `${base}/setup`,
        setupToken: config.setupToken === undefined ? setupToken : '(TQB_SETUP_TOKEN)',
      },
      'No account yet: create the first admin at /setup with this setup token, or run `npm run user -- add NAME --role admin`',
    );
  });
});
server.on('error', (err: NodeJS.ErrnoException) => {
  logger.fatal(
    { err },
    err.code === 'EADDRINUSE'
      ? `Port ${config.port} is in use: set PORT to another port`
      : 'cannot listen',
  );
  process.exit(1);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.warn('connections still open after 10 s; exiting');
    process.exit(1);
  }, 10_000);
  force.unref();
  retention.stop();
  server.close(() => {
    void emulator.close().finally(() => {
      db.close();
      logger.info('stopped');
      process.exit(0);
    });
  });
  server.closeIdleConnections();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
