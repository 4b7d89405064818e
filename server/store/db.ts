import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

// The app's SQLite file (DATA_DIR/app.db): datasources and saved queries. WAL with
// synchronous=FULL so an acknowledged write survives a crash; migrations are numbered and each
// runs once, in a transaction, recorded in user_version.

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

export type AppDatabase = Database.Database;

export function openDatabase(file: string): AppDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `${file} was written by a newer version of Twilio Query Builder (schema ${version}); upgrade the app.`,
    );
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}
