import { createHash, randomBytes } from 'node:crypto';
import {
  can,
  type AuditAction,
  type AuditOutcome,
  type AuditPage,
  type AuditQuery,
} from '../../src/contract/accounts';
import type { Actor } from '../context';
import { HttpError } from '../http-errors';
import type { Logger } from '../logger';
import type { AuditRecord, AuditRepository } from './repository';

// The audit log's rules: what an event keeps (never a secret; a message body only when
// TQB_AUDIT_BODIES allows), who reads which events, and how long they are kept.

export interface AuditServiceDeps {
  repo: AuditRepository;
  logger: Logger;
  now(): number;
  /** Keep message bodies; false keeps their length and SHA-256. */
  bodies: boolean;
  /** Days to keep events; 0 keeps them forever. */
  retentionDays: number;
}

export interface AuditEntry {
  action: AuditAction;
  target?: string | null;
  details?: Record<string, unknown>;
  outcome?: AuditOutcome;
}

/** Who acted and from where: a request's context, or for a failed sign-in the name typed. */
export interface AuditSource {
  actor: Pick<Actor, 'id' | 'username'>;
  ip: string | null;
}

const DAY_MS = 86_400_000;

let sequence = 0;
/** Sorts by time, then by order of recording within this process (the cursor's tie-break). */
function newEventId(at: number): string {
  sequence = (sequence + 1) % 36 ** 6;
  return `ev_${at.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(6, '0')}${randomBytes(6).toString('base64url')}`;
}

const encodeCursor = (e: { at: string; id: string }) =>
  Buffer.from(JSON.stringify([e.at, e.id])).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    )
      return { at: value[0], id: value[1] };
  } catch {
    // Not ours: answered below.
  }
  throw new HttpError(
    400,
    'invalid_request',
    'cursor is not one this server gave: pass the nextCursor of the previous page',
    'cursor',
  );
}

/** A message body in an event: itself, or only its length and SHA-256 when bodies are not kept. */
function protectBody(details: Record<string, unknown>, keep: boolean): Record<string, unknown> {
  const params = details.params as Record<string, unknown> | undefined;
  if (keep || !params || typeof params.Body !== 'string') return details;
  const body = params.Body;
  return {
    ...details,
    params: {
      ...params,
      Body: { length: body.length, sha256: createHash('sha256').update(body).digest('hex') },
    },
  };
}

export function auditService(deps: AuditServiceDeps) {
  const { repo } = deps;
  return {
    /**
     * Appends an event. A store that fails to take it is logged, not thrown: the action it
     * records (a message sent) has already happened, and its answer must still reach the caller.
     */
    async record(source: AuditSource, entry: AuditEntry): Promise<void> {
      const now = deps.now();
      const event: AuditRecord = {
        id: newEventId(now),
        at: new Date(now).toISOString(),
        actor: source.actor.username,
        actorId: source.actor.id,
        action: entry.action,
        target: entry.target ?? null,
        details: protectBody(entry.details ?? {}, deps.bodies),
        outcome: entry.outcome ?? 'success',
        ip: source.ip,
      };
      try {
        await repo.append(event);
      } catch (err) {
        deps.logger.error({ err, action: event.action }, 'audit event lost');
      }
    },

    /** Newest first; a reader without audit:read-all sees only their own events. */
    async list(query: AuditQuery, viewer: Actor): Promise<AuditPage> {
      const own = !can(viewer.role, 'audit:read-all');
      const rows = await repo.list(
        {
          actor: own && viewer.id === null ? viewer.username : query.actor,
          actorId: own && viewer.id !== null ? viewer.id : undefined,
          action: query.action,
          since: query.since && new Date(query.since).toISOString(),
          until: query.until && new Date(query.until).toISOString(),
          before: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
        },
        query.limit + 1,
      );
      const events = rows.slice(0, query.limit);
      const last = events[events.length - 1];
      return {
        // The account id is the server's business; the event names the actor.
        events: events.map(({ actorId: _id, ...event }) => event),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      };
    },

    /** Deletes events past the retention; answers how many. */
    async prune(): Promise<number> {
      if (deps.retentionDays === 0) return 0;
      const cutoff = new Date(deps.now() - deps.retentionDays * DAY_MS).toISOString();
      return repo.pruneBefore(cutoff);
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
