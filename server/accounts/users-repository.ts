import type { PublicUser, Role } from '../../src/contract/accounts';
import type { Awaitable } from '../context';
import type { AppDatabase } from '../store/db';

// Users as stored. The rules (who may be demoted, what a password must be) are the service's; the
// repository makes the writes that depend on a count (the first user, the last admin) atomic.

export interface UserRecord extends PublicUser {
  /** argon2id, PHC string; never leaves the server. */
  passwordHash: string;
}

export interface UserChanges {
  role?: Role | undefined;
  passwordHash?: string | undefined;
  disabled?: boolean | undefined;
}

/** What a guarded write did: done, refused because it would leave no enabled admin, or no such user. */
export type GuardedWrite<T> =
  { ok: true; value: T } | { ok: false; reason: 'last_admin' | 'not_found' };

export interface UserRepository {
  /** Whether any account exists: the instance is then in accounts mode for good. */
  any(): Awaitable<boolean>;
  list(): Awaitable<UserRecord[]>;
  get(id: string): Awaitable<UserRecord | undefined>;
  /** Case-insensitive, as usernames are unique. */
  findByUsername(username: string): Awaitable<UserRecord | undefined>;
  /** Inserts; false when the username is taken (case-insensitively). */
  insert(user: UserRecord): Awaitable<boolean>;
  /** Inserts only while no user exists; false once one does. */
  insertFirst(user: UserRecord): Awaitable<boolean>;
  /**
   * Applies `changes` in one transaction with the check: when `needsAnotherAdmin(current, next)`
   * says so, refuses unless another enabled admin exists. Answers the user as written.
   */
  update(
    id: string,
    changes: UserChanges,
    at: string,
    needsAnotherAdmin: AdminGuard,
  ): Awaitable<GuardedWrite<UserRecord>>;
  /** Deletes (and with it the user's sessions), under the same check with `next` null. */
  remove(id: string, needsAnotherAdmin: AdminGuard): Awaitable<GuardedWrite<UserRecord>>;
}

/** Whether this change (next null: a deletion) needs another enabled admin to remain. */
export type AdminGuard = (current: UserRecord, next: UserRecord | null) => boolean;

interface Row {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  disabled: 0 | 1;
  created_at: string;
  updated_at: string;
}

const fromRow = (r: Row): UserRecord => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ||
  (err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

export function userRepository(db: AppDatabase): UserRepository {
  const anyUser = db.prepare('SELECT EXISTS (SELECT 1 FROM users) AS found');
  const all = db.prepare('SELECT * FROM users ORDER BY username COLLATE NOCASE');
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const byName = db.prepare('SELECT * FROM users WHERE username = ? COLLATE NOCASE');
  const insert = db.prepare(
    `INSERT INTO users (id, username, password_hash, role, disabled, created_at, updated_at)
     VALUES (@id, @username, @passwordHash, @role, @disabled, @createdAt, @updatedAt)`,
  );
  const otherAdmins = db.prepare(
    "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id != ?",
  );
  const update = db.prepare(
    `UPDATE users SET role = @role, password_hash = @passwordHash, disabled = @disabled, updated_at = @updatedAt
     WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM users WHERE id = ?');

  const get = (id: string) => {
    const row = byId.get(id) as Row | undefined;
    return row && fromRow(row);
  };
  const toRow = (u: UserRecord) => ({ ...u, disabled: u.disabled ? 1 : 0 });
  const noOtherAdmin = (id: string) => (otherAdmins.get(id) as { n: number }).n === 0;

  const insertFirst = db.transaction((user: UserRecord): boolean => {
    if ((anyUser.get() as { found: 0 | 1 }).found === 1) return false;
    insert.run(toRow(user));
    return true;
  });
  const guardedUpdate = db.transaction(
    (id: string, changes: UserChanges, at: string, guard: AdminGuard): GuardedWrite<UserRecord> => {
      const current = get(id);
      if (!current) return { ok: false, reason: 'not_found' };
      const next: UserRecord = {
        ...current,
        role: changes.role ?? current.role,
        passwordHash: changes.passwordHash ?? current.passwordHash,
        disabled: changes.disabled ?? current.disabled,
        updatedAt: at,
      };
      if (guard(current, next) && noOtherAdmin(id)) return { ok: false, reason: 'last_admin' };
      update.run(toRow(next));
      return { ok: true, value: next };
    },
  );
  const guardedRemove = db.transaction(
    (id: string, guard: AdminGuard): GuardedWrite<UserRecord> => {
      const current = get(id);
      if (!current) return { ok: false, reason: 'not_found' };
      if (guard(current, null) && noOtherAdmin(id)) return { ok: false, reason: 'last_admin' };
      remove.run(id);
      return { ok: true, value: current };
    },
  );

  return {
    any: () => (anyUser.get() as { found: 0 | 1 }).found === 1,
    list: () => (all.all() as Row[]).map(fromRow),
    get,
    findByUsername(username) {
      const row = byName.get(username) as Row | undefined;
      return row && fromRow(row);
    },
    insert(user) {
      try {
        insert.run(toRow(user));
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },
    insertFirst: (user) => insertFirst(user),
    update: (id, changes, at, guard) => guardedUpdate(id, changes, at, guard),
    remove: (id, guard) => guardedRemove(id, guard),
  };
}
