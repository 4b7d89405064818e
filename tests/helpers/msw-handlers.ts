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
import { pageSchema } from '../../src/contract/page';
import {
  executeRequestSchema,
  queryInputSchema,
  queryPatchSchema,
} from '../../src/contract/queries';
import { DEFAULT_SCHEDULE_MIN_SECONDS } from '../../src/contract/twilio-limits';
import { datasourceService, toPublic } from '../../server/datasources/service';
import { HttpError } from '../../server/http-errors';
import { pageService } from '../../server/pages/service';
import { queryService } from '../../server/queries/service';
import { parseBody } from '../../server/routes/validate';
import type { DatasourceRecord } from '../../server/store/datasources';
import { datasourceRepo, EMULATOR, pageRepo, queryRepo, type MockState } from './mock-state';
import { BASE_URL, executeCommand, lookups, testConnection } from './mock-twilio';

// The app's API as msw handlers, for the component tests. The routes do what server/routes/*.ts
// do: parse the body with the contract's schema, call the server's own services (over in-memory
// repositories), answer; only what reaches Twilio is played by mock-twilio.ts. A thrown HttpError
// leaves as the server's { error: { code, message, field? } }. tests/server/msw-parity.test.ts
// sends the same requests here and to the real app, so a difference fails a test.

/** A vault that seals nothing, so tests can read the secret a datasource holds. */
const PLAIN_VAULT = { encrypt: (s: string) => s, decrypt: (s: string) => s };

/** The server's services, built over the state's arrays for one request. */
function services(s: MockState) {
  const queries = queryRepo(s);
  const pages = pageRepo(s);
  const datasources = datasourceService({
    repo: datasourceRepo(s),
    queries,
    vault: PLAIN_VAULT,
    emulator: EMULATOR,
    emulatorBaseUrl: () => BASE_URL.emulator,
    twilioBaseUrl: BASE_URL.twilio,
  });
  return {
    datasources,
    queries: queryService({ repo: queries, datasources, pages }),
    pages: pageService({ repo: pages, queries }),
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
interface Request {
  state: MockState;
  params: Record<string, string>;
  body: unknown;
  url: URL;
}
/** A route: JSON with a status (200 unless told), or null for 204 No Content. */
type Route = (api: Services, req: Request) => { status?: number; json: unknown } | null;

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
      const req = {
        state: s,
        params: params as Record<string, string>,
        body,
        url: new URL(request.url),
      };
      const out = handle(services(s), req);
      if (out === null) return new HttpResponse(null, { status: 204 });
      return HttpResponse.json(out.json as never, { status: out.status ?? 200 });
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const { status, code, message, field } = err;
      return HttpResponse.json(
        { error: { code, message, ...(field ? { field } : {}) } },
        { status },
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
    route('post', '/datasources', (api, { body }) => ({
      status: 201,
      json: toPublic(api.datasources.create(datasourceInput(body))),
    })),
    route('post', '/datasources/test', (api, { body }) => ({
      json: testConnection(api.datasources.credentialsFor(datasourceInput(body)).credentials),
    })),
    route('get', '/datasources/:id', (api, { params }) => ({
      json: toPublic(api.datasources.get(params.id!)),
    })),
    route('patch', '/datasources/:id', (api, { params, body }) => {
      const patch = parseBody(datasourcePatchSchema, body, 'invalid_datasource');
      return { json: toPublic(api.datasources.update(params.id!, patch)) };
    }),
    route('delete', '/datasources/:id', (api, { params, url }) => {
      api.datasources.remove(params.id!, { cascade: url.searchParams.get('cascade') === 'true' });
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
    route('post', '/datasources/:id/execute', (api, { state, params, body }) => {
      const ds = api.datasources.get(params.id!);
      const request = parseBody(executeRequestSchema, body, 'invalid_request');
      return { json: execute(state, ds, request.command, request.params) };
    }),

    route('get', '/queries', (api) => ({ json: api.queries.list() })),
    route('post', '/queries', (api, { body }) => ({
      status: 201,
      json: api.queries.create(parseBody(queryInputSchema, body, 'invalid_query')),
    })),
    route('get', '/queries/:id', (api, { params }) => ({ json: api.queries.get(params.id!) })),
    route('patch', '/queries/:id', (api, { params, body }) => {
      // An unknown id is a 404 whatever the body holds.
      const current = api.queries.get(params.id!);
      const patch = parseBody(queryPatchSchema, body, 'invalid_query');
      return { json: api.queries.update(current, patch) };
    }),
    route('delete', '/queries/:id', (api, { params }) => {
      api.queries.remove(params.id!);
      return null;
    }),

    route('get', '/page', (api) => ({ json: api.pages.get() })),
    route('put', '/page', (api, { body }) => ({
      json: api.pages.save(parseBody(pageSchema, body, 'invalid_page')),
    })),
  ];
}
