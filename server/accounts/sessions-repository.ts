import type { Awaitable } from '../context';
import type { AppDatabase } from '../store/db';

// Sign-in sessions as stored: by the SHA-256 of the cookie's id (a stolen database opens no
// session), with when they began and were last used, in milliseconds since the epoch.

export interface SessionRecord {
  idHash: string;
  userId: string;
  createdAt: number;
  lastSeen: number;
}

export interface SessionRepository {
  create(session: SessionRecord): Awaitable<void>;
  get(idHash: string): Awaitable<SessionRecord | undefined>;
  touch(idHash: string, at: number): Awaitable<void>;
  remove(idHash: string): Awaitable<void>;
  removeForUser(userId: string): Awaitable<number>;
  /** Deletes sessions last used before `idleBefore` or begun before `createdBefore`. */
  removeExpired(idleBefore: number, createdBefore: number): Awaitable<number>;
}

interface Row {
  id_hash: string;
  user_id: string;
  created_at: number;
  last_seen: number;
}

export function sessionRepository(db: AppDatabase): SessionRepository {
  const insert = db.prepare(
    'INSERT INTO sessions (id_hash, user_id, created_at, last_seen) VALUES (@idHash, @userId, @createdAt, @lastSeen)',
  );
  const byHash = db.prepare('SELECT * FROM sessions WHERE id_hash = ?');
  const touch = db.prepare('UPDATE sessions SET last_seen = ? WHERE id_hash = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const removeForUser = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE last_seen < ? OR created_at < ?');
  return {
    create(session) {
      insert.run(session);
    },
    get(idHash) {
      const row = byHash.get(idHash) as Row | undefined;
      return (
        row && {
          idHash: row.id_hash,
          userId: row.user_id,
          createdAt: row.created_at,
          lastSeen: row.last_seen,
        }
      );
    },
    touch(idHash, at) {
      touch.run(at, idHash);
    },
    remove(idHash) {
      remove.run(idHash);
    },
    removeForUser: (userId) => removeForUser.run(userId).changes,
    removeExpired: (idleBefore, createdBefore) =>
      removeExpired.run(idleBefore, createdBefore).changes,
  };
}
