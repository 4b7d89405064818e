import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDatabase } from '../../../server/store/db';
import { datasourceRepository } from '../../../server/store/datasources';
import { pageRepository } from '../../../server/store/pages';
import { queryRepository } from '../../../server/store/queries';
import { openSqlite } from '../../../server/sqlite';

// An app.db written before accounts opens with its rows at version 1, no one as their last
// writer, and the new tables empty: the instance is still solo.

let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the teams migration', () => {
  it('gives existing rows version 1 and adds empty users, sessions and audit tables', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-migrate-'));
    const file = path.join(dir, 'app.db');
    const old = openSqlite(file, MIGRATIONS.slice(0, 2));
    const at = '2026-01-01T00:00:00.000Z';
    old
      .prepare(
        `INSERT INTO datasources (id, name, auth_type, account_sid, api_key_sid, target, secret, created_at, updated_at)
         VALUES ('ds_1', 'Old', 'basic', 'AC${'0'.repeat(32)}', NULL, 'emulator', NULL, ?, ?)`,
      )
      .run(at, at);
    old
      .prepare(
        `INSERT INTO queries (id, name, datasource_id, command, params, settings, created_at, updated_at)
         VALUES ('q_1', 'OldQuery', 'ds_1', 'list-messages', '{}', '{}', ?, ?)`,
      )
      .run(at, at);
    old
      .prepare(`INSERT INTO pages (id, doc, updated_at) VALUES ('main', '{"widgets":[]}', ?)`)
      .run(at);
    old.close();

    const db = openDatabase(file);
    try {
      expect(datasourceRepository(db).get('ds_1')).toMatchObject({ version: 1, updatedBy: null });
      expect(queryRepository(db).get('q_1')).toMatchObject({ version: 1, updatedBy: null });
      expect(pageRepository(db).get()).toMatchObject({ version: 1, updatedBy: null });
      for (const table of ['users', 'sessions', 'audit_events'])
        expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
