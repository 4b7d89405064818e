import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

// Opening a SQLite file the way every store here needs it: WAL with synchronous=FULL so an
// acknowledged write survives a crash, and numbered migrations that each run once, in a
// transaction, recorded in user_version. Shared by the app's store and the emulator's.

export type SqliteDatabase = Database.Database;

/** Opens `file` (':memory:' for a throwaway database), creating its folder and migrating it. */
export function openSqlite(file: string, migrations: readonly string[]): SqliteDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    // Older code must not write to a schema it does not know: it could lose what the newer one keeps.
    if (version > migrations.length) {
      throw new Error(
        `${file} was written by a newer version of Twilio Query Builder (schema ${version}); upgrade the app.`,
      );
    }
    for (let v = version; v < migrations.length; v++) {
      db.transaction(() => {
        db.exec(migrations[v]!);
        db.pragma(`user_version = ${v + 1}`);
      })();
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
