import { openSqlite, type SqliteDatabase } from '../sqlite';

// The app's SQLite file (DATA_DIR/app.db): datasources, saved queries, the page, users, their
// sessions and the audit log.

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE datasources (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE COLLATE NOCASE,
     auth_type TEXT NOT NULL CHECK (auth_type IN ('basic', 'api-key')),
     account_sid TEXT NOT NULL,
     api_key_sid TEXT,
     target TEXT NOT NULL CHECK (target IN ('twilio', 'emulator')),
     secret TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE queries (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE COLLATE NOCASE,
     datasource_id TEXT NOT NULL REFERENCES datasources (id),
     command TEXT NOT NULL,
     params TEXT NOT NULL,
     settings TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX queries_by_datasource ON queries (datasource_id);`,
  `CREATE TABLE pages (
     id TEXT PRIMARY KEY,
     doc TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  // Teams: accounts, sessions that survive a restart, the append-only audit log, and a version on
  // everything two people can edit at once (existing rows start at 1).
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE COLLATE NOCASE,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('admin', 'builder', 'operator', 'viewer')),
     disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE sessions (
     id_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at INTEGER NOT NULL,
     last_seen INTEGER NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE TABLE audit_events (
     id TEXT PRIMARY KEY,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     actor_id TEXT,
     action TEXT NOT NULL,
     target TEXT,
     details TEXT NOT NULL,
     outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
     ip TEXT
   );
   CREATE INDEX audit_events_by_time ON audit_events (at, id);
   CREATE INDEX audit_events_by_actor ON audit_events (actor);
   ALTER TABLE datasources ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE datasources ADD COLUMN updated_by TEXT;
   ALTER TABLE queries ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE queries ADD COLUMN updated_by TEXT;
   ALTER TABLE pages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE pages ADD COLUMN updated_by TEXT;`,
];

export type AppDatabase = SqliteDatabase;

export function openDatabase(file: string): AppDatabase {
  return openSqlite(file, MIGRATIONS);
}
