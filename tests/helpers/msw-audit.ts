import type { SetupServer } from 'msw/node';
import type { AuditRecord } from '../../server/audit/repository';

// Issue 12's helpers for the component tests: audit events to put in the fake's log (GET
// /api/audit is msw-handlers.ts's, over the server's audit service), and a record of the If-Match
// each write carried (If-Match and 412 are the server's services' own rules, also in the fake).

let seq = 0;
/** An audit event as the server records one; a run of Create Message to +15558675310 unless told. */
export function auditEvent(fields: Partial<AuditRecord> = {}): AuditRecord {
  seq += 1;
  return {
    id: `ev_${String(seq).padStart(6, '0')}`,
    at: '2030-01-01T12:00:00.000Z',
    actor: 'ada',
    actorId: null,
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
