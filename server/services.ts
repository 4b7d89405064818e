import { randomBytes } from 'node:crypto';
import { DEFAULT_SCHEDULE_MIN_SECONDS } from '../src/contract/twilio-limits';
import { sessionService } from './accounts/session-service';
import { sessionRepository } from './accounts/sessions-repository';
import { signInLimits } from './accounts/sign-in-limits';
import { userService } from './accounts/user-service';
import { userRepository } from './accounts/users-repository';
import { auditRepository } from './audit/repository';
import { auditService } from './audit/service';
import { datasourceService } from './datasources/service';
import type { Emulator } from './emulator/app';
import { isLoopbackAddress, type Config } from './env';
import type { Logger } from './logger';
import { pageService } from './pages/service';
import { queryService } from './queries/service';
import { runService } from './runs/service';
import type { AppDatabase } from './store/db';
import { datasourceRepository, type DatasourceRecord } from './store/datasources';
import { pageRepository } from './store/pages';
import { queryRepository } from './store/queries';
import { createClientCache } from './twilio/clients';
import { createLookupsCache } from './twilio/lookups-cache';
import { createRelay } from './twilio/relay';
import type { Vault } from './vault/vault';

// The services over one store: what the HTTP app composes, and what the `npm run user` CLI uses
// (the accounts and the audit log) without an HTTP server.

export interface StoreServicesDeps {
  config: Config;
  logger: Logger;
  db: AppDatabase;
  now?(): number;
}

export function createAuditService(deps: StoreServicesDeps, repo = auditRepository(deps.db)) {
  return auditService({
    repo,
    logger: deps.logger,
    now: deps.now ?? Date.now,
    bodies: deps.config.audit.bodies,
    retentionDays: deps.config.audit.retentionDays,
  });
}

/** Accounts and the audit log, over the store alone. */
export function accountServices(
  deps: StoreServicesDeps & { setupToken?: string; hostIsLoopback?: boolean },
) {
  const now = deps.now ?? Date.now;
  const auditRepo = auditRepository(deps.db);
  const audit = createAuditService(deps, auditRepo);
  const usersRepo = userRepository(deps.db);
  const sessionsRepo = sessionRepository(deps.db);
  const users = userService({ repo: usersRepo, sessions: sessionsRepo, audit, now });
  const sessions = sessionService({
    users: usersRepo,
    sessions: sessionsRepo,
    audit,
    limits: signInLimits({ repo: auditRepo, now }),
    now,
    setupToken: deps.setupToken ?? deps.config.setupToken ?? randomBytes(24).toString('base64url'),
    // index.ts resolves HOST before listening; without that, only a loopback address counts.
    loopback: deps.hostIsLoopback ?? isLoopbackAddress(deps.config.host),
  });
  return { audit, users, sessions };
}

export interface AppServicesDeps extends StoreServicesDeps {
  emulator: Emulator;
  vault: Vault;
  emulatorBaseUrl(): string;
  setupToken?: string;
  hostIsLoopback?: boolean;
  retrySleep?(ms: number): Promise<void>;
}

export function appServices(deps: AppServicesDeps) {
  const { audit, users, sessions } = accountServices(deps);
  const queryRepo = queryRepository(deps.db);
  const pageRepo = pageRepository(deps.db);
  const datasources = datasourceService({
    repo: datasourceRepository(deps.db),
    queries: queryRepo,
    vault: deps.vault,
    emulator: deps.emulator.identity,
    emulatorBaseUrl: deps.emulatorBaseUrl,
    twilioBaseUrl: deps.config.twilioApiBaseUrl,
    maxUpstreamBytes: deps.config.maxUpstreamBytes,
    audit,
  });
  datasources.seed();
  const queries = queryService({ repo: queryRepo, datasources, pages: pageRepo, audit });
  const pages = pageService({ repo: pageRepo, queries: queryRepo, audit });
  const clients = createClientCache((ds) => datasources.credentialsOf(ds));
  const lookups = createLookupsCache({ now: deps.now ?? Date.now });
  const scheduleMinSeconds = (ds: DatasourceRecord) =>
    ds.target === 'emulator'
      ? deps.emulator.settings.scheduleMinSeconds
      : DEFAULT_SCHEDULE_MIN_SECONDS;
  const relay = createRelay({
    clients,
    logger: deps.logger,
    now: deps.now ?? Date.now,
    ...(deps.retrySleep ? { sleep: deps.retrySleep } : {}),
    scheduleMinSeconds,
  });
  const runs = runService({ relay, datasources, queries, audit });
  return {
    audit,
    users,
    sessions,
    datasources,
    queries,
    pages,
    clients,
    lookups,
    runs,
    scheduleMinSeconds,
  };
}
