import { http, type HttpResponseResolver } from 'msw';
import type { SetupServer } from 'msw/node';
import {
  auditQuerySchema,
  type AuditEvent,
  type AuditPage,
  type EditConflict,
} from '../../src/contract/accounts';
import type { Versioned } from '../../src/contract/versions';
import { pageSchema, type SavedPage } from '../../src/contract/page';
import { HttpError } from '../../server/http-errors';
import { parseBody } from '../../server/routes/validate';
import type { MockState } from './mock-state';
import type { Handler } from './msw-handlers';

// Issue 12's API in the fake, as the spec (ISSUE12.md) has the server answer: the widget page with
// its version, If-Match on every write (412 `edit_conflict` with who changed it, when the version
// moved on), and GET /api/audit over the state's events, newest first, cursor-paged.

class EditConflictError extends HttpError {
  constructor(
    message: string,
    readonly conflict: EditConflict,
  ) {
    super(412, 'edit_conflict', message);
  }
}

/**
 * Refuses a write whose If-Match names another version than the one held. Without If-Match a write
 * is accepted (scripts), as on the server.
 */
export function requireVersion(
  headers: Headers,
  current: Versioned & { updatedAt: string | null },
  what: string,
): void {
  const header = headers.get('if-match');
  if (header === null) return;
  if (header === `"${current.version}"`) return;
  const updatedAt = current.updatedAt ?? new Date(0).toISOString();
  throw new EditConflictError(
    `This ${what} was changed by ${current.updatedBy ?? 'someone else'} at ${updatedAt} since you opened it.`,
    { version: current.version, updatedBy: current.updatedBy, updatedAt },
  );
}

const encodeCursor = (e: AuditEvent) => btoa(JSON.stringify([e.at, e.id]));
const decodeCursor = (cursor: string) => JSON.parse(atob(cursor)) as [string, string];

/** Newest first: by time, then by id. */
const newerFirst = (a: AuditEvent, b: AuditEvent) =>
  a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at);

let seq = 0;
/** An audit event as the server records one; a run of Create Message to +15558675310 unless told. */
export function auditEvent(fields: Partial<AuditEvent> = {}): AuditEvent {
  seq += 1;
  return {
    id: `ev_${String(seq).padStart(6, '0')}`,
    at: '2030-01-01T12:00:00.000Z',
    actor: 'ada',
    action: 'query.run',
    target: 'query:q_send',
    details: {
      command: 'create-message',
      queryName: 'SendSms',
      params: { To: '+15558675310', From: '+15017122661', Body: 'Hello' },
      sid: 'SM' + '0'.repeat(31) + '1',
      status: 'queued',
      errorCode: null,
      durationMs: 42,
    },
    outcome: 'success',
    ip: '127.0.0.1',
    ...fields,
  };
}

/** The handlers, over the fake's own route wrapper (JSON errors, the request's headers). */
export function createAuditHandlers(r: (h: Handler) => HttpResponseResolver) {
  return [
    http.get(
      '/api/page',
      r((s) => ({ json: s.page })),
    ),
    http.put(
      '/api/page',
      r((s, _p, body, _u, headers) => {
        const { widgets } = parseBody(pageSchema, body, 'invalid_page');
        requireVersion(headers, s.page, 'page');
        const next: SavedPage = {
          widgets,
          updatedAt: new Date(s.now + 1000).toISOString(),
          version: s.page.version + 1,
          updatedBy: s.actor,
        };
        s.page = next;
        return { json: next };
      }),
    ),
    http.get(
      '/api/audit',
      r((s: MockState, _p, _b, url) => {
        const q = parseBody(
          auditQuerySchema,
          Object.fromEntries(url.searchParams),
          'invalid_audit_query',
        );
        const after = q.cursor ? decodeCursor(q.cursor) : null;
        const matching = [...s.audit].sort(newerFirst).filter(
          (e) =>
            (!q.actor || e.actor.toLowerCase() === q.actor.toLowerCase()) &&
            (!q.action || e.action === q.action) &&
            (!q.since || e.at >= q.since) &&
            (!q.until || e.at <= q.until) &&
            // Strictly older than the cursor's event.
            (!after || e.at < after[0] || (e.at === after[0] && e.id < after[1])),
        );
        const events = matching.slice(0, q.limit);
        const page: AuditPage = {
          events,
          nextCursor: matching.length > q.limit ? encodeCursor(events[events.length - 1]!) : null,
        };
        return { json: page };
      }),
    ),
  ];
}

/**
 * "METHOD /path If-Match" of every write that reached msw in this test, in order ("-" when it
 * carried none). Call once at the top of a test file, after setupMockApi.
 */
export function recordIfMatch(server: SetupServer): string[] {
  const log: string[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.method !== 'PATCH' && request.method !== 'PUT') return;
    const { pathname } = new URL(request.url);
    log.push(`${request.method} ${pathname} ${request.headers.get('if-match') ?? '-'}`);
  });
  beforeEach(() => {
    log.length = 0;
  });
  return log;
}
