import express, { type ErrorRequestHandler, type Express } from 'express';
import path from 'node:path';
import type { Logger } from 'pino';
import { callbackHistory } from './callback-history';
import { createCallbackSender } from './callbacks';
import { systemClock, type Clock } from './clock';
import { twilioRouter, type EmulatorContext, type EmulatorSettings } from './context';
import { TwilioApiError, twilioErrors } from './errors';
import { authenticate, twilioPath } from './http';
import { loadOrCreateIdentity, type EmulatorIdentity, type IdentityOverrides } from './identity';
import { createLifecycle, type StatusChange } from './lifecycle';
import { accountJson, numbersRouter } from './routes/account';
import { messagesRouter } from './routes/messages';
import { seedAccount } from './seed';
import { openEmulatorStore, type MessageRow } from './store';
import { DEFAULT_SCHEDULE_MIN_SECONDS, parseAddress } from './twilio-rules';

// The Twilio Messages API emulator: its own Express app, its own SQLite file and credentials.
// The main server mounts it at /emulator; `npm run emulator` runs it alone.

export interface EmulatorOptions extends Partial<EmulatorSettings> {
  /** Folder for the emulator's database and credentials; ':memory:' keeps everything in memory. */
  dir: string;
  logger: Logger;
  identity?: IdentityOverrides;
  clock?: Clock;
  /** Run the lifecycle timer (status callbacks without reads); off in tests that drive the clock. */
  timer?: boolean;
  /** Post status callbacks to loopback, private and link-local addresses too; off by default. */
  callbacksAllowPrivate?: boolean;
}

/** The emulated account's public facts (GET /api/emulator): never a secret. */
export interface EmulatorInfo {
  accountSid: string;
  apiKeySid: string;
  trial: boolean;
  phoneNumbers: string[];
  messagingServiceSids: string[];
  verifiedCallerIds: string[];
}

export interface Emulator {
  app: Express;
  identity: EmulatorIdentity;
  settings: EmulatorSettings;
  clock: Clock;
  /** Applies due lifecycle steps now; returns how many status changes it made. */
  tick(): number;
  /** Public facts about the emulated account: never a secret. */
  info(): EmulatorInfo;
  /** Waits for status callbacks on their way. */
  drainCallbacks(): Promise<void>;
  close(): Promise<void>;
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const logger = options.logger.child({ component: 'emulator' });
  const memory = options.dir === ':memory:';
  const identity = loadOrCreateIdentity(memory ? null : options.dir, options.identity);
  const store = openEmulatorStore(memory ? ':memory:' : path.join(options.dir, 'emulator.db'));
  const clock = options.clock ?? systemClock;
  const settings: EmulatorSettings = {
    trial: options.trial ?? false,
    scheduleMinSeconds: options.scheduleMinSeconds ?? DEFAULT_SCHEDULE_MIN_SECONDS,
    stepMs: options.stepMs ?? 1000,
  };
  seedAccount(store, identity.accountSid, identity.createdAt);

  const history = callbackHistory(store);
  const callbacks = createCallbackSender({
    authToken: () => identity.authToken,
    logger,
    history,
    now: () => clock.now(),
    allowPrivate: options.callbacksAllowPrivate ?? false,
  });
  const onStatusChange = (change: StatusChange) => callbacks.send(change);

  // A Messaging Service keeps one sender per recipient ("sticky sender"): hash the recipient into the pool.
  const pickSender = (m: MessageRow): string | null => {
    const pool = store.allNumbers('phone_numbers', m.accountSid);
    if (pool.length === 0) return null;
    let hash = 0;
    for (const ch of m.to) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    const number = pool[hash % pool.length]!.phoneNumber;
    return parseAddress(m.to)?.channel === 'whatsapp' ? `whatsapp:${number}` : number;
  };

  const lifecycle = createLifecycle({
    store,
    clock,
    stepMs: settings.stepMs,
    pickSender,
    onChange: onStatusChange,
    logger,
  });
  const ctx: EmulatorContext = {
    identity,
    store,
    clock,
    lifecycle,
    options: settings,
    logger,
    onStatusChange,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Twilio's paths are case-sensitive (/Accounts/{Sid}/Messages.json; /messages.json is a 404) and
  // a trailing slash names another, unknown resource. Set before the first route creates the router.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);

  // Credentials first, body second: a stranger learns nothing (not even the size limit) and the
  // emulator reads nothing from them, as Twilio answers 401 before it looks at the parameters.
  app.use('/2010-04-01', (req, res, next) => {
    const principal = authenticate(req.headers.authorization, identity);
    if (!principal) throw twilioErrors.authenticate();
    res.locals.principal = principal;
    next();
  });
  app.use('/2010-04-01', express.text({ type: 'application/x-www-form-urlencoded', limit: '1mb' }));

  app
    .route('/2010-04-01/Accounts/:accountSid.json')
    .get((req, res) => {
      if (req.params.accountSid !== identity.accountSid) throw twilioErrors.authenticate();
      // A Standard API key cannot read the Accounts resource; only the Auth Token (or a Main key) can.
      if (res.locals.principal === 'api-key') throw twilioErrors.authenticate();
      res.json(accountJson(ctx));
    })
    .all((req) => {
      throw twilioErrors.methodNotAllowed(req.method);
    });

  const account = twilioRouter();
  account.use((req, _res, next) => {
    // A path that stops at the account SID (Accounts/{Sid}.JSON, Accounts/{Sid}.json/) names no
    // resource: it falls through to the 404 whoever the account is.
    if (req.path !== '/' && req.params.accountSid !== identity.accountSid)
      throw twilioErrors.authenticate();
    next();
  });
  account.use(messagesRouter(ctx));
  // The emulator's own addition to Twilio's API: what became of each status callback of a message.
  account.get('/Messages/:sid/StatusCallbacks.json', (req, res) => {
    const sid = String(req.params.sid);
    if (!store.getMessage(identity.accountSid, sid)) throw twilioErrors.notFound(twilioPath(req));
    res.json({
      message_sid: sid,
      callbacks: history.of(sid).map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    });
  });
  account.use(numbersRouter(ctx));
  app.use('/2010-04-01/Accounts/:accountSid', account);

  app.use((req) => {
    throw twilioErrors.notFound(twilioPath(req));
  });
  app.use(errorHandler(logger));

  if (options.timer ?? true)
    lifecycle.start(Math.max(20, Math.min(200, Math.floor(settings.stepMs / 4))));

  return {
    app,
    identity,
    settings,
    clock,
    tick: () => lifecycle.tick(),
    info: () => ({
      accountSid: identity.accountSid,
      apiKeySid: identity.apiKeySid,
      trial: settings.trial,
      phoneNumbers: store
        .allNumbers('phone_numbers', identity.accountSid)
        .map((n) => n.phoneNumber),
      messagingServiceSids: store.services(identity.accountSid).map((s) => s.sid),
      verifiedCallerIds: store
        .allNumbers('caller_ids', identity.accountSid)
        .map((n) => n.phoneNumber),
    }),
    drainCallbacks: () => callbacks.drain(),
    async close() {
      lifecycle.stop();
      await callbacks.drain();
      store.close();
    },
  };
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof TwilioApiError) {
      res.status(err.status).json(err.toJSON());
      return;
    }
    // body-parser's own errors: a body too large, a bad charset, an aborted upload.
    const status =
      typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error({ err, path: req.path }, 'emulator request failed');
    const message =
      status === 413
        ? 'Request body too large: the limit is 1 MB'
        : status === 500
          ? 'Internal Server Error'
          : String(err.message);
    res
      .status(status)
      .json(new TwilioApiError(status, status === 500 ? 20500 : 20001, message).toJSON());
  };
}
