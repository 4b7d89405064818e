import { http, HttpResponse, type HttpResponseResolver } from 'msw';
import {
  COMMAND_HANDLERS,
  type CommandHandler,
  type CommandHandlers,
} from '../../server/twilio/commands';
import { validateCommand } from '../../src/contract/commands/validate';
import type { CommandId } from '../../src/contract/commands/types';
import { datasourceInputSchema, datasourcePatchSchema } from '../../src/contract/datasources';
import type { EmulatorInfo } from '../../src/contract/lookups';
import { pagePutSchema } from '../../src/contract/page';
import {
  executeRequestSchema,
  queryInputSchema,
  queryPatchSchema,
  queryRunRequestSchema,
} from '../../src/contract/queries';
import { auditQuerySchema, can, forbiddenMessage } from '../../src/contract/accounts';
import { ForbiddenError } from '../../server/accounts/permissions';
import { DEFAULT_SCHEDULE_MIN_SECONDS } from '../../src/contract/twilio-limits';
import { auditService } from '../../server/audit/service';
import { LOCAL_ACTOR, type RequestContext } from '../../server/context';
import { datasourceService, toPublic } from '../../server/datasources/service';
import { HttpError } from '../../server/http-errors';
import type { Logger } from '../../server/logger';
import { pageService } from '../../server/pages/service';
import { queryService } from '../../server/queries/service';
import { parseIfMatch } from '../../server/routes/etag';
import { etagOf } from '../../src/contract/versions';
import { parseBody } from '../../server/routes/validate';
import { runService } from '../../server/runs/service';
import type { DatasourceRecord } from '../../server/store/datasources';
import {
  actorOf,
  auditRepo,
  datasourceRepo,
  EMULATOR,
  pageRepo,
  queryRepo,
  type MockState,
} from './mock-state';
import { BASE_URL, executeCommand, lookups, testConnection } from './mock-twilio';

// The app's API as msw handlers, for the component tests. The routes do what server/routes/*.ts
// do: parse the body with the contract's schema, call the server's own services (over in-memory
// repositories), answer; only what reaches Twilio is played by mock-twilio.ts. A thrown HttpError
// leaves as the server's { error: { code, message, field? } }. tests/server/msw-parity.test.ts
// sends the same requests here and to the real app, so a difference fails a test.

/** A vault that seals nothing, so tests can read the secret a datasource holds. */
const PLAIN_VAULT = { encrypt: (s: string) => s, decrypt: (s: string) => s };

/** An audit store that fails is logged by the service; here nothing fails, so nothing is logged. */
const SILENT = { error: () => undefined } as unknown as Logger;

/** The server's services, built over the state's arrays for one request. */
function services(s: MockState) {
  const queries = queryRepo(s);
  const pages = pageRepo(s);
  const audit = auditService({
    repo: auditRepo(s),
    logger: SILENT,
    now: () => s.now,
    bodies: true,
    retentionDays: 0,
  });
  const datasources = datasourceService({
    repo: datasourceRepo(s),
    queries,
    vault: PLAIN_VAULT,
    emulator: EMULATOR,
    emulatorBaseUrl: () => BASE_URL.emulator,
    maxUpstreamBytes: 10 * 1024 * 1024,
    twilioBaseUrl: BASE_URL.twilio,
    audit,
  });
  const queryApi = queryService({ repo: queries, datasources, pages, audit });
  // The relay's part, played by mock-twilio.ts; the run service's rules (bound fields, the audit
  // event) are the server's own.
  const relay = {
    execute: async (ds: DatasourceRecord, command: CommandId, params: unknown) =>
      execute(s, ds, command, params),
  };
  return {
    audit,
    datasources,
    queries: queryApi,
    pages: pageService({ repo: pages, queries, audit }),
    runs: runService({ relay, datasources, queries: queryApi, audit }),
  };
}

// As the relay (server/twilio/relay.ts) does: the contract's check, then the command's own. The
// scheduling window is Twilio's, which the real emulator keeps unless configured otherwise.
const handlers: CommandHandlers = COMMAND_HANDLERS;
function execute<C extends CommandId>(
  s: MockState,
  ds: DatasourceRecord,
  command: C,
  params: unknown,
) {
  const checked = validateCommand(command, params, {
    now: s.now,
    scheduleMinSeconds: DEFAULT_SCHEDULE_MIN_SECONDS,
  });
  if (!checked.ok) {
    const message = checked.errors.map((e) => e.message).join('; ');
    throw new HttpError(400, 'invalid_params', message, checked.errors[0]!.field || undefined);
  }
  const accountSid = checked.values.accountSid ?? ds.accountSid;
  const { prepare }: CommandHandler<C> = handlers[command];
  const values = prepare ? prepare(checked.values, accountSid) : checked.values;
  return executeCommand(s, command, values, accountSid);
}

type Services = ReturnType<typeof services>;
export interface Request {
  state: MockState;
  params: Record<string, string>;
  body: unknown;
  url: URL;
  /** Who asks, as the server's services take it. */
  ctx: RequestContext;
  /** The versions If-Match accepts (undefined: any), as server/routes/etag.ts reads them. */
  ifMatch: readonly number[] | undefined;
}
/** What a route answers: JSON with a status (200 unless told), or null for 204 No Content. */
export type Answer = { status?: number; json: unknown } | null;
/** A route. A versioned answer (`version` in it) carries its ETag, as the server's do. */
export type Route = (api: Services, req: Request) => Answer | Promise<Answer>;

const versionOf = (json: unknown) =>
  typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'number'
    ? json.version
    : undefined;

const resolver =
  (state: () => MockState, handle: Route): HttpResponseResolver =>
  async ({ request, params }) => {
    const text = await request.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // express.json()'s refusal, as the server's error handler words it.
      const error = { code: 'entity_parse_failed', message: 'The request body is not valid JSON.' };
      return HttpResponse.json({ error }, { status: 400 });
    }
    try {
      const s = state();
      const req: Request = {
        state: s,
        params: params as Record<string, string>,
        body,
        url: new URL(request.url),
        // The accounts guard (msw-accounts.ts) has let only requests with an actor through.
        ctx: { actor: actorOf(s) ?? LOCAL_ACTOR, ip: '127.0.0.1' },
        ifMatch: parseIfMatch(request.headers.get('if-match') ?? undefined),
      };
      const out = await handle(services(s), req);
      if (out === null) return new HttpResponse(null, { status: 204 });
      const version = Array.isArray(out.json) ? undefined : versionOf(out.json);
      return HttpResponse.json(out.json as never, {
        status: out.status ?? 200,
        ...(version === undefined ? {} : { headers: { ETag: etagOf(version) } }),
      });
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const { status, code, message, field, headers, extra } = err;
      return HttpResponse.json(
        { error: { code, message, ...(field ? { field } : {}), ...extra } },
        { status, headers },
      );
    }
  };

/** The handlers over the state `state()` returns (a getter, so each test can start afresh). */
export function createHandlers(state: () => MockState, baseUrl = '') {
  const route = (method: keyof typeof http, path: string, handle: Route) =>
    http[method](`${baseUrl}/api${path}`, resolver(state, handle));
  const datasourceInput = (body: unknown) =>
    parseBody(datasourceInputSchema, body, 'invalid_datasource');

  return [
    route('get', '/emulator', () => {
      const info: EmulatorInfo = {
        accountSid: EMULATOR.accountSid,
        apiKeySid: EMULATOR.apiKeySid,
        trial: false,
        phoneNumbers: EMULATOR.phoneNumbers,
        messagingServiceSids: [EMULATOR.messagingServiceSid],
        verifiedCallerIds: EMULATOR.verifiedCallerIds,
      };
      return { json: info };
    }),

    route('get', '/datasources', (api) => ({ json: api.datasources.list() })),
    route('post', '/datasources', async (api, { body, ctx }) => ({
      status: 201,
      json: toPublic(await api.datasources.create(datasourceInput(body), ctx)),
    })),
    route('post', '/datasources/test', (api, { body }) => ({
      json: testConnection(api.datasources.credentialsFor(datasourceInput(body))),
    })),
    route('get', '/datasources/:id', (api, { params }) => ({
      json: toPublic(api.datasources.get(params.id!)),
    })),
    route('patch', '/datasources/:id', async (api, { params, body, ctx, ifMatch }) => {
      const patch = parseBody(datasourcePatchSchema, body, 'invalid_datasource');
      return { json: toPublic(await api.datasources.update(params.id!, patch, ctx, ifMatch)) };
    }),
    route('delete', '/datasources/:id', async (api, { params, url, ctx }) => {
      const cascade = url.searchParams.get('cascade') === 'true';
      await api.datasources.remove(params.id!, { cascade }, ctx);
      return null;
    }),
    route('post', '/datasources/:id/test', (api, { params }) => {
      const ds = api.datasources.get(params.id!);
      return { json: testConnection(api.datasources.credentialsOf(ds)) };
    }),
    route('get', '/datasources/:id/lookups', (api, { params }) => {
      const ds = api.datasources.get(params.id!);
      return { json: lookups(api.datasources.credentialsOf(ds), DEFAULT_SCHEDULE_MIN_SECONDS) };
    }),
    route('post', '/datasources/:id/execute', async (api, { params, body, ctx }) => {
      const ds = api.datasources.get(params.id!);
      const request = parseBody(executeRequestSchema, body, 'invalid_request');
      return { json: await api.runs.execute(ds, request, ctx) };
    }),

    route('get', '/queries', (api) => ({ json: api.queries.list() })),
    route('post', '/queries', async (api, { body, ctx }) => ({
      status: 201,
      json: await api.queries.create(parseBody(queryInputSchema, body, 'invalid_query'), ctx),
    })),
    route('get', '/queries/:id', (api, { params }) => ({ json: api.queries.get(params.id!) })),
    route('patch', '/queries/:id', async (api, { params, body, ctx, ifMatch }) => {
      // An unknown id is a 404 whatever the body holds.
      const current = api.queries.get(params.id!);
      const patch = parseBody(queryPatchSchema, body, 'invalid_query');
      return { json: await api.queries.update(current, patch, ctx, ifMatch) };
    }),
    route('delete', '/queries/:id', async (api, { params, ctx }) => {
      await api.queries.remove(params.id!, ctx);
      return null;
    }),
    route('post', '/queries/:id/run', async (api, { params, body, ctx }) => {
      // As the server's requirePermission: sending needs more than reading, and a refusal is an event.
      const needed = api.runs.permissionToRun(params.id!);
      if (!can(ctx.actor.role, needed)) {
        const query = api.queries.get(params.id!);
        const error = new ForbiddenError(forbiddenMessage(ctx.actor.role, needed), needed);
        await api.runs.denied(ctx, 'query.run', `query:${query.id}`, {
          command: query.command,
          queryName: query.name,
          error,
        });
        throw error;
      }
      const { params: values } = parseBody(queryRunRequestSchema, body, 'invalid_request');
      return { json: await api.runs.run(params.id!, values, ctx) };
    }),

    route('get', '/page', (api) => ({ json: api.pages.get() })),
    route('put', '/page', async (api, { body, ctx, ifMatch }) => ({
      json: await api.pages.save(parseBody(pagePutSchema, body, 'invalid_page'), ctx, ifMatch),
    })),

    route('get', '/audit', async (api, { url, ctx }) => {
      const query = parseBody(
        auditQuerySchema,
        Object.fromEntries(url.searchParams),
        'invalid_request',
      );
      return { json: await api.audit.list(query, ctx.actor) };
    }),
  ];
}
