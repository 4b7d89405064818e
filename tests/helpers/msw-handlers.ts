import { http, HttpResponse, type HttpResponseResolver } from 'msw';
import { validateCommand } from '../../src/contract/commands/validate';
import {
  datasourceInputSchema,
  datasourcePatchSchema,
  type DatasourceInput,
} from '../../src/contract/datasources';
import {
  executeRequestSchema,
  queryInputSchema,
  queryPatchSchema,
  type SavedQuery,
} from '../../src/contract/queries';
import type { EmulatorInfo, Lookups } from '../../src/contract/lookups';
import { HttpError } from '../../server/http-errors';
import { parseBody } from '../../server/routes/validate';
// The server's own rules: which secret survives an edit, what a complete datasource is.
import { applyPatch, requireComplete } from '../../server/datasources/service';
import {
  EMULATOR,
  executeCommand,
  testConnection,
  toPublic,
  type MockState,
  type StoredDatasource,
} from './mock-state';
import { createAuditHandlers, requireVersion } from './msw-audit';

// The app's API as msw handlers over the in-memory state of mock-state.ts, answering the shapes and
// errors of server/routes/*.ts: the same contract schemas validate the bodies, and errors leave as
// { error: { code, message, field? } } with the server's status codes.

const iso = (ms: number) => new Date(ms).toISOString();

const fail = (status: number, code: string, message: string, field?: string): never => {
  throw new HttpError(status, code, message, field);
};
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const secretOf = (d: { authType: string; authToken?: string; apiKeySecret?: string }) =>
  d.authType === 'api-key' ? d.apiKeySecret : d.authToken;

const nameTaken = (kind: 'datasource' | 'query', name: string) =>
  fail(
    409,
    'name_taken',
    kind === 'datasource'
      ? `A datasource named "${name}" already exists; choose another name`
      : `A query named "${name}" already exists; query names are unique`,
    'name',
  );

function normalize(state: MockState, input: DatasourceInput) {
  const emulatorTarget = input.target === 'emulator';
  const apiKey = input.authType === 'api-key';
  return {
    name: input.name,
    authType: input.authType,
    target: input.target,
    accountSid: input.accountSid ?? (emulatorTarget ? state.emulator.sid : ''),
    ...(apiKey
      ? { apiKeySid: input.apiKeySid ?? (emulatorTarget ? EMULATOR.apiKeySid : undefined) }
      : {}),
    secret: secretOf(input),
  };
}

function getDatasource(state: MockState, id: string): StoredDatasource {
  return (
    state.datasources.find((d) => d.id === id) ??
    fail(404, 'datasource_not_found', `No datasource with id ${id}`)
  );
}
function getQuery(state: MockState, id: string): SavedQuery {
  return (
    state.queries.find((q) => q.id === id) ?? fail(404, 'query_not_found', `No query with id ${id}`)
  );
}
function assertDatasource(state: MockState, id: string) {
  if (!state.datasources.some((d) => d.id === id))
    fail(400, 'invalid_query', `No datasource with id ${id}`, 'datasourceId');
}

/** A route: JSON with a status (200 unless told), or null for 204 No Content. */
export type Handler = (
  state: MockState,
  params: Record<string, string>,
  body: unknown,
  url: URL,
  headers: Headers,
) => { status?: number; json: unknown } | null;

/** Runs a route against the state; a thrown HttpError leaves as the server's JSON error. */
const route =
  (state: () => MockState, handle: Handler): HttpResponseResolver =>
  async ({ request, params }) => {
    const text =
      request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      const error = { code: 'entity_parse_failed', message: 'The request body is not valid JSON.' };
      return HttpResponse.json({ error }, { status: 400 });
    }
    try {
      const out = handle(
        state(),
        params as Record<string, string>,
        body,
        new URL(request.url),
        request.headers,
      );
      if (out === null) return new HttpResponse(null, { status: 204 });
      return HttpResponse.json(out.json as never, { status: out.status ?? 200 });
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const error = {
        code: err.code,
        message: err.message,
        ...(err.field ? { field: err.field } : {}),
        ...('conflict' in err ? { conflict: err.conflict } : {}),
      };
      return HttpResponse.json({ error }, { status: err.status });
    }
  };

/** The handlers over the state `state()` returns (a getter, so each test can start afresh). */
export function createHandlers(state: () => MockState) {
  const r = (h: Handler) => route(state, h);
  return [
    http.get(
      '/api/emulator',
      r((s) => {
        const { sid, type, phoneNumbers, messagingServiceSids, verifiedCallerIds } = s.emulator;
        const info: EmulatorInfo = {
          accountSid: sid,
          apiKeySid: EMULATOR.apiKeySid,
          trial: type === 'Trial',
          phoneNumbers,
          messagingServiceSids,
          verifiedCallerIds,
        };
        return { json: info };
      }),
    ),
    http.get(
      '/api/datasources',
      r((s) => ({ json: s.datasources.map(toPublic) })),
    ),
    http.post(
      '/api/datasources',
      r((s, _p, body) => {
        const d = normalize(s, parseBody(datasourceInputSchema, body, 'invalid_datasource'));
        requireComplete(d, d.secret, false);
        const other = s.datasources.find((x) => sameName(x.name, d.name));
        if (other) nameTaken('datasource', other.name);
        const { secret, ...rest } = d;
        const stored: StoredDatasource = {
          id: `ds_${++s.seq}`,
          ...rest,
          // The emulator's own secret stands in when none was given.
          hasSecret: secret !== undefined || d.target === 'emulator',
          secret: secret ?? null,
          createdAt: iso(s.now),
          updatedAt: iso(s.now),
          version: 1,
          updatedBy: s.actor,
        };
        s.datasources.push(stored);
        return { status: 201, json: toPublic(stored) };
      }),
    ),
    http.post(
      '/api/datasources/test',
      r((s, _p, body) => {
        const d = normalize(s, parseBody(datasourceInputSchema, body, 'invalid_datasource'));
        requireComplete(d, d.secret, false);
        return { json: testConnection(s, d, d.secret ?? null) };
      }),
    ),
    http.get(
      '/api/datasources/:id',
      r((s, p) => ({ json: toPublic(getDatasource(s, p.id!)) })),
    ),
    http.patch(
      '/api/datasources/:id',
      r((s, p, body, _u, headers) => {
        const current = getDatasource(s, p.id!);
        const patch = parseBody(datasourcePatchSchema, body, 'invalid_datasource');
        requireVersion(headers, current, 'datasource');
        // The server's own rule for which secret survives an edit.
        const { newSecret, keepsSecret, ...fields } = applyPatch(current, patch);
        const { authType, target } = fields;
        const next: StoredDatasource = {
          ...current,
          ...fields,
          secret: newSecret ?? (keepsSecret ? current.secret : null),
          updatedAt: iso(s.now + 1000),
          version: current.version + 1,
          updatedBy: s.actor,
        };
        if (authType === 'api-key') next.apiKeySid = patch.apiKeySid ?? current.apiKeySid;
        else delete next.apiKeySid;
        requireComplete(next, newSecret, next.secret !== null);
        const other = s.datasources.find((x) => x.id !== current.id && sameName(x.name, next.name));
        if (other) nameTaken('datasource', other.name);
        next.hasSecret = next.secret !== null || target === 'emulator';
        s.datasources = s.datasources.map((x) => (x.id === current.id ? next : x));
        return { json: toPublic(next) };
      }),
    ),
    http.delete(
      '/api/datasources/:id',
      r((s, p, _b, url) => {
        const ds = getDatasource(s, p.id!);
        const users = s.queries.filter((q) => q.datasourceId === ds.id);
        if (users.length > 0 && url.searchParams.get('cascade') !== 'true') {
          const names = users.map((q) => q.name).join(', ');
          const message = `Datasource "${ds.name}" is used by queries ${names}; delete or move them first, or delete with ?cascade=true to delete them too`;
          fail(409, 'datasource_in_use', message);
        }
        s.queries = s.queries.filter((q) => q.datasourceId !== ds.id);
        s.datasources = s.datasources.filter((x) => x.id !== ds.id);
        return null;
      }),
    ),
    http.post(
      '/api/datasources/:id/test',
      r((s, p) => {
        const ds = getDatasource(s, p.id!);
        return { json: testConnection(s, ds, ds.secret) };
      }),
    ),
    http.get(
      '/api/datasources/:id/lookups',
      r((s, p) => {
        const ds = getDatasource(s, p.id!);
        const account =
          ds.target === 'emulator' ? s.emulator : s.accounts.find((a) => a.sid === ds.accountSid);
        const lookups: Lookups = {
          phoneNumbers: account?.phoneNumbers ?? [],
          verifiedCallerIds: account?.verifiedCallerIds ?? [],
          messagingServiceSids: account?.messagingServiceSids ?? [],
          trial: account ? account.type === 'Trial' : null,
          scheduleMinSeconds: s.scheduleMinSeconds,
          ...(account ? {} : { error: 'Twilio refused (20003): Authenticate' }),
        };
        return { json: lookups };
      }),
    ),
    http.post(
      '/api/datasources/:id/execute',
      r((s, p, body) => {
        const ds = getDatasource(s, p.id!);
        const { command, params } = parseBody(executeRequestSchema, body, 'invalid_request');
        const checked = validateCommand(command, params, {
          now: s.now,
          scheduleMinSeconds: s.scheduleMinSeconds,
        });
        if (!checked.ok) {
          throw new HttpError(
            400,
            'invalid_params',
            checked.errors.map((e) => e.message).join('; '),
            checked.errors[0]!.field || undefined,
          );
        }
        return { json: executeCommand(s, ds, command, checked.values) };
      }),
    ),
    http.get(
      '/api/queries',
      r((s) => ({ json: s.queries })),
    ),
    http.post(
      '/api/queries',
      r((s, _p, body) => {
        const input = parseBody(queryInputSchema, body, 'invalid_query');
        assertDatasource(s, input.datasourceId);
        const other = s.queries.find((q) => sameName(q.name, input.name));
        if (other) nameTaken('query', other.name);
        const q: SavedQuery = {
          id: `q_${++s.seq}`,
          ...input,
          params: input.params,
          createdAt: iso(s.now),
          updatedAt: iso(s.now),
          version: 1,
          updatedBy: s.actor,
        };
        s.queries.push(q);
        return { status: 201, json: q };
      }),
    ),
    http.get(
      '/api/queries/:id',
      r((s, p) => ({ json: getQuery(s, p.id!) })),
    ),
    http.patch(
      '/api/queries/:id',
      r((s, p, body, _u, headers) => {
        const current = getQuery(s, p.id!);
        const patch = parseBody(queryPatchSchema, body, 'invalid_query');
        requireVersion(headers, current, 'query');
        if (patch.datasourceId !== undefined) assertDatasource(s, patch.datasourceId);
        const { name } = patch;
        const other =
          name === undefined
            ? undefined
            : s.queries.find((q) => q.id !== current.id && sameName(q.name, name));
        if (other) nameTaken('query', other.name);
        // A settings field left out keeps its saved value.
        const settings = {
          ...current.settings,
          ...Object.fromEntries(
            Object.entries(patch.settings ?? {}).filter(([, v]) => v !== undefined),
          ),
        };
        const next: SavedQuery = {
          ...current,
          ...patch,
          params: patch.params ?? current.params,
          settings,
          updatedAt: iso(s.now + 1000),
          version: current.version + 1,
          updatedBy: s.actor,
        };
        s.queries = s.queries.map((q) => (q.id === current.id ? next : q));
        return { json: next };
      }),
    ),
    http.delete(
      '/api/queries/:id',
      r((s, p) => {
        getQuery(s, p.id!);
        s.queries = s.queries.filter((q) => q.id !== p.id);
        return null;
      }),
    ),
    // The page, the audit log and If-Match (issue 12).
    ...createAuditHandlers(r),
  ];
}
