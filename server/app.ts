import express, { type Express } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './env';
import type { Emulator } from './emulator/app';
import { apiNotFound, HttpError, jsonErrorHandler } from './http-errors';
import { healthRouter } from './routes/health';
import { emulatorInfoRouter } from './routes/emulator-info';
import { datasourcesRouter } from './routes/datasources';
import { queriesRouter } from './routes/queries';
import { pageRouter } from './routes/page';
import { sessionRouter } from './routes/session';
import { usersRouter } from './routes/users';
import { auditRouter } from './routes/audit';
import type { AppDatabase } from './store/db';
import type { Vault } from './vault/vault';
import { accessGate, authenticate } from './accounts/middleware';
import { csrfGuard } from './security/csrf';
import { hostAllowlistGuard } from './security/host-allowlist';
import { securityHeaders } from './security/headers';
import { createRateLimiter, rateLimit } from './security/rate-limit';
import { appServices } from './services';

/** The largest JSON body the API reads; a bigger one gets 413. */
export const JSON_BODY_LIMIT = '64kb';

export interface AppDeps {
  config: Config;
  logger: Logger;
  emulator: Emulator;
  db: AppDatabase;
  vault: Vault;
  /** Where the relay reaches the built-in emulator over HTTP, known once the server listens. */
  emulatorBaseUrl(): string;
  /** What POST /api/setup asks for: TQB_SETUP_TOKEN, or one index.ts made and logged. */
  setupToken?: string;
  /** Whether HOST resolves only to loopback addresses (solo mode); by default, whether it is one. */
  hostIsLoopback?: boolean;
  /** The built browser app (vite build output); the server serves it when present. */
  staticDir?: string;
  now?(): number;
  /** How the relay waits between retries; tests pass one that does not wait. */
  retrySleep?(ms: number): Promise<void>;
}

/** Builds the HTTP app without listening, so tests drive it with supertest. */
export function createApp(deps: AppDeps): Express {
  const { logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy every request comes from the proxy's address; this makes req.ip the
  // client's (from X-Forwarded-For), as far as TQB_TRUST_PROXY says the hops can be believed.
  app.set('trust proxy', deps.config.trustProxy);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        {
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      );
    });
    next();
  });

  // Before everything, the emulator included: the relay reaches it by a name the guard always
  // allows (HOST, or 127.0.0.1 for a wildcard HOST; see emulatorBaseUrl in index.ts).
  app.use(hostAllowlistGuard(deps.config));

  // The emulator checks Twilio's own credentials (HTTP Basic with its Account SID and Auth Token or
  // API key) on every request, as Twilio does; the twilio library and scripts calling it cannot log
  // in to a browser session, so it stays outside the session gate and the browser headers below.
  app.use('/emulator', deps.emulator.app);
  app.use(securityHeaders());

  const services = appServices(deps);
  const { config } = deps;
  const executeLimiter = createRateLimiter({ limit: config.rateLimitPerMinute });
  const testLimiter = createRateLimiter({ limit: config.rateLimitPerMinute });

  const api = express.Router();
  // Who is asking, from the session cookie, and in which mode the instance is (from the database).
  api.use(authenticate(services.sessions));
  api.use(csrfGuard());
  api.use(accessGate());
  // Execute and test reach Twilio (and may spend money): limited per client before the body is read.
  api.post(['/datasources/:id/execute', '/queries/:id/run'], rateLimit(executeLimiter, 'execute'));
  api.post(
    ['/datasources/test', '/datasources/:id/test'],
    rateLimit(testLimiter, 'the connection test'),
  );
  // The lookups reach Twilio too (three calls when not cached): counted with the connection tests.
  api.get('/datasources/:id/lookups', rateLimit(testLimiter, 'the lookups'));
  api.use(express.json({ limit: JSON_BODY_LIMIT }));
  // Each router checks the role's permission per route (requirePermission).
  api.use(healthRouter());
  api.use(sessionRouter(services));
  api.use(usersRouter(services));
  api.use(auditRouter(services));
  api.use(emulatorInfoRouter(deps.emulator));
  api.use(
    datasourcesRouter({
      ...services,
      emulatorInfo: () => deps.emulator.info(),
    }),
  );
  api.use(queriesRouter(services));
  api.use(pageRouter(services));
  api.use(apiNotFound);
  app.use('/api', api);

  const staticDir = deps.staticDir;
  if (staticDir && fs.existsSync(path.join(staticDir, 'index.html'))) {
    // Source maps (built 'hidden', for error reports) would hand out the app's source: never served.
    app.get(/\.map$/i, () => {
      throw new HttpError(404, 'not_found', 'Not found.');
    });
    app.use(express.static(staticDir, { index: false, maxAge: '1h' }));
    // Deep links such as /queries/42 are the browser app's routes.
    app.get(/^(?!\/(api|emulator)\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(staticDir, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send(
          'Twilio Query Builder API is running, but the browser app is not built. Run `npm start` (or `npm run build`).',
        );
    });
  }

  app.use(jsonErrorHandler(logger));
  return app;
}
