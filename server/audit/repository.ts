import type { AuditAction, AuditEvent, AuditOutcome } from '../../src/contract/accounts';
import type { Awaitable } from '../context';
import type { AppDatabase } from '../store/db';

// The audit log as stored: append, read newest first, prune by age. Nothing here updates or
// deletes one event; pruning removes whole days past the retention.

export interface AuditRecord extends AuditEvent {
  /** The account that acted, when it was one (not `local`, `cli` or a failed sign-in). */
  actorId: string | null;
}

export interface AuditFilter {
  actor?: string | undefined;
  actorId?: string | undefined;
  /** An action (`query.run`), or a family of them (`query`: query.create, query.run...). */
  action?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** Only events older than this one (the previous page's last). */
  before?: { at: string; id: string } | undefined;
}

export interface FailureFilter {
  actions: readonly string[];
  /** Only failures after this time (a window's start, which is itself outside it). */
  since: string;
  ip?: string | undefined;
  /** Compared case-insensitively: usernames are. */
  actor?: string | undefined;
}

export interface AuditRepository {
  append(event: AuditRecord): Awaitable<void>;
  /** Newest first, at most `limit`. */
  list(filter: AuditFilter, limit: number): Awaitable<AuditRecord[]>;
  /** When each failed attempt matching `filter` happened, oldest first (sign-in limits). */
  failureTimes(filter: FailureFilter): Awaitable<string[]>;
  /** Deletes events older than `at`; answers how many. */
  pruneBefore(at: string): Awaitable<number>;
}

interface Row {
  id: string;
  at: string;
  actor: string;
  actor_id: string | null;
  action: AuditAction;
  target: string | null;
  details: string;
  outcome: AuditOutcome;
  ip: string | null;
}

const fromRow = (r: Row): AuditRecord => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  actorId: r.actor_id,
  action: r.action,
  target: r.target,
  details: JSON.parse(r.details) as Record<string, unknown>,
  outcome: r.outcome,
  ip: r.ip,
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function auditRepository(db: AppDatabase): AuditRepository {
  const insert = db.prepare(
    `INSERT INTO audit_events (id, at, actor, actor_id, action, target, details, outcome, ip)
     VALUES (@id, @at, @actor, @actorId, @action, @target, @details, @outcome, @ip)`,
  );
  const prune = db.prepare('DELETE FROM audit_events WHERE at < ?');

  return {
    append(event) {
      insert.run({ ...event, details: JSON.stringify(event.details) });
    },
    list(filter, limit) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, ...values: unknown[]) => {
        where.push(clause);
        params.push(...values);
      };
      if (filter.actor !== undefined) add('actor = ? COLLATE NOCASE', filter.actor);
      if (filter.actorId !== undefined) add('actor_id = ?', filter.actorId);
      if (filter.action !== undefined)
        add(
          "(action = ? OR action LIKE ? ESCAPE '\\')",
          filter.action,
          `${escapeLike(filter.action)}.%`,
        );
      if (filter.since !== undefined) add('at >= ?', filter.since);
      if (filter.until !== undefined) add('at <= ?', filter.until);
      if (filter.before !== undefined)
        add(
          '(at < ? OR (at = ? AND id < ?))',
          filter.before.at,
          filter.before.at,
          filter.before.id,
        );
      const sql =
        `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
        'ORDER BY at DESC, id DESC LIMIT ?';
      return (db.prepare(sql).all(...params, limit) as Row[]).map(fromRow);
    },
    failureTimes(filter) {
      const where = [
        `action IN (${filter.actions.map(() => '?').join(', ')})`,
        "outcome = 'failure'",
        'at > ?',
      ];
      const params: unknown[] = [...filter.actions, filter.since];
      if (filter.ip !== undefined) {
        where.push('ip = ?');
        params.push(filter.ip);
      }
      if (filter.actor !== undefined) {
        where.push('actor = ? COLLATE NOCASE');
        params.push(filter.actor);
      }
      const sql = `SELECT at FROM audit_events WHERE ${where.join(' AND ')} ORDER BY at LIMIT 1000`;
      return (db.prepare(sql).all(...params) as { at: string }[]).map((r) => r.at);
    },
    pruneBefore: (at) => prune.run(at).changes,
  };
}
