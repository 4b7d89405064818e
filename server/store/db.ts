import { openSqlite, type SqliteDatabase } from '../sqlite';

// The app's SQLite file (DATA_DIR/app.db): datasources, saved queries and the page.

const MIGRATIONS: string[] = [
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
];

export type AppDatabase = SqliteDatabase;

export function openDatabase(file: string): AppDatabase {
  return openSqlite(file, MIGRATIONS);
}
