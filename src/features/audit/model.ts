import type { AuditEvent } from '../../contract/accounts';
import { COMMAND_LABELS } from '../../contract/commands/labels';
import { toCsv } from '../../lib/csv';

// The Audit screen's rules, without React: what the filters ask the server, what an event's
// details say, and the CSV of what is loaded.

export interface AuditFilters {
  actor: string;
  /** One of AUDIT_ACTIONS, or '' for any. */
  action: string;
  /** `datetime-local` values (the person's own time zone), or ''. */
  since: string;
  until: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { actor: '', action: '', since: '', until: '' };
export const AUDIT_PAGE_SIZE = 100;

/** A `datetime-local` value as the ISO 8601 instant the server compares with. */
function instant(local: string): string | null {
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The query string of GET /api/audit: the filters given (empty ones left out) and the page wanted. */
export function auditSearch(filters: AuditFilters, cursor: string | null): string {
  const search = new URLSearchParams();
  const actor = filters.actor.trim();
  if (actor) search.set('actor', actor);
  if (filters.action) search.set('action', filters.action);
  const since = instant(filters.since);
  if (since) search.set('since', since);
  const until = instant(filters.until);
  if (until) search.set('until', until);
  if (cursor) search.set('cursor', cursor);
  search.set('limit', String(AUDIT_PAGE_SIZE));
  return search.toString();
}

export interface RunDetails {
  command: string;
  queryName: string | null;
  to: string | null;
  /** The body as sent, or what is kept of it when bodies are not (`TQB_AUDIT_BODIES=0`). */
  body: string | null;
  sid: string | null;
  status: string | null;
  errorCode: string | null;
  durationMs: number | null;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const text = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

/** A run's or a send's details (query.run, datasource.execute), or null for other events. */
export function runOf(event: AuditEvent): RunDetails | null {
  const d = event.details;
  if (typeof d.command !== 'string') return null;
  const params = (d.params ?? {}) as Record<string, unknown>;
  return {
    command: d.command,
    queryName: text(d.queryName),
    to: text(params.To),
    body: text(params.Body),
    sid: text(d.sid),
    status: text(d.status),
    errorCode: text(d.errorCode),
    durationMs: typeof d.durationMs === 'number' ? d.durationMs : null,
  };
}

/** What a change event changed, field by field, or null for other events. */
export function changesOf(event: AuditEvent): FieldChange[] | null {
  const changes = event.details.changes;
  if (!changes || typeof changes !== 'object') return null;
  return Object.entries(changes as Record<string, { before?: unknown; after?: unknown }>).map(
    ([field, c]) => ({ field, before: c?.before, after: c?.after }),
  );
}

export const commandLabel = (command: string) =>
  (COMMAND_LABELS as Record<string, string>)[command] ?? command;

/** One line for the details cell while it is closed. */
export function summaryOf(event: AuditEvent): string {
  const run = runOf(event);
  if (run)
    return [
      commandLabel(run.command),
      run.to && `To ${run.to}`,
      run.status,
      run.errorCode && `error ${run.errorCode}`,
    ]
      .filter(Boolean)
      .join(' · ');
  const changes = changesOf(event);
  if (changes) return changes.length ? `Changed ${changes.map((c) => c.field).join(', ')}` : '';
  return Object.keys(event.details).length ? JSON.stringify(event.details) : '';
}

export const formatTime = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms)
    ? iso
    : new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
};

/** The loaded events as CSV; a cell a spreadsheet would run as a formula starts with ' instead. */
export function auditCsv(events: readonly AuditEvent[]): string {
  const rows = events.map((e) => {
    const run = runOf(e);
    return {
      at: e.at,
      actor: e.actor,
      action: e.action,
      target: e.target ?? '',
      outcome: e.outcome,
      ip: e.ip ?? '',
      command: run?.command ?? '',
      to: run?.to ?? '',
      body: run?.body ?? '',
      sid: run?.sid ?? '',
      status: run?.status ?? '',
      errorCode: run?.errorCode ?? '',
      details: JSON.stringify(e.details),
    };
  });
  return toCsv(rows, [
    'at',
    'actor',
    'action',
    'target',
    'outcome',
    'ip',
    'command',
    'to',
    'body',
    'sid',
    'status',
    'errorCode',
    'details',
  ]);
}
