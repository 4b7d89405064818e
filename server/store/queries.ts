import type { CommandId } from '../../src/contract/commands/types';
import type { AppDatabase } from './db';
import { newId } from './ids';
import type { VersionedWrite } from './versioned-write';

export interface QuerySettings {
  runOnPageLoad: boolean;
  confirmBeforeRun: boolean;
  timeoutMs: number;
}

export interface QueryRecord {
  id: string;
  name: string;
  datasourceId: string;
  command: CommandId;
  /** The fields as typed, bindings included; resolved only when the query runs. */
  params: Record<string, unknown>;
  settings: QuerySettings;
  createdAt: string;
  updatedAt: string;
  version: number;
  updatedBy: string | null;
}

interface Row {
  id: string;
  name: string;
  datasource_id: string;
  command: CommandId;
  params: string;
  settings: string;
  created_at: string;
  updated_at: string;
  version: number;
  updated_by: string | null;
}

const fromRow = (r: Row): QueryRecord => ({
  id: r.id,
  name: r.name,
  datasourceId: r.datasource_id,
  command: r.command,
  params: JSON.parse(r.params) as Record<string, unknown>,
  settings: JSON.parse(r.settings) as QuerySettings,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
  updatedBy: r.updated_by,
});

const toRow = (q: QueryRecord) => ({
  id: q.id,
  name: q.name,
  datasourceId: q.datasourceId,
  command: q.command,
  params: JSON.stringify(q.params),
  settings: JSON.stringify(q.settings),
  createdAt: q.createdAt,
  updatedAt: q.updatedAt,
  version: q.version,
  updatedBy: q.updatedBy,
});

export function queryRepository(db: AppDatabase) {
  const byId = db.prepare('SELECT * FROM queries WHERE id = ?');
  const byName = db.prepare('SELECT * FROM queries WHERE name = ?');
  const all = db.prepare('SELECT * FROM queries ORDER BY created_at, id');
  const byDatasource = db.prepare('SELECT * FROM queries WHERE datasource_id = ? ORDER BY name');
  const insert = db.prepare(
    `INSERT INTO queries (id, name, datasource_id, command, params, settings, created_at, updated_at, version, updated_by)
     VALUES (@id, @name, @datasourceId, @command, @params, @settings, @createdAt, @updatedAt, @version, @updatedBy)`,
  );
  // The version check and the write are one statement, so two writers cannot both pass the check.
  const update = db.prepare(
    `UPDATE queries SET name = @name, datasource_id = @datasourceId, command = @command, params = @params,
       settings = @settings, updated_at = @updatedAt, version = version + 1, updated_by = @updatedBy
     WHERE id = @id AND (@expected IS NULL OR version = @expected) RETURNING version`,
  );
  const remove = db.prepare('DELETE FROM queries WHERE id = ?');
  const removeByDatasource = db.prepare('DELETE FROM queries WHERE datasource_id = ?');

  return {
    list: (): QueryRecord[] => (all.all() as Row[]).map(fromRow),
    get: (id: string): QueryRecord | undefined => {
      const row = byId.get(id) as Row | undefined;
      return row && fromRow(row);
    },
    findByName: (name: string): QueryRecord | undefined => {
      const row = byName.get(name) as Row | undefined;
      return row && fromRow(row);
    },
    usingDatasource: (datasourceId: string): QueryRecord[] =>
      (byDatasource.all(datasourceId) as Row[]).map(fromRow),
    create(
      input: Omit<QueryRecord, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'updatedBy'>,
      by: string | null = null,
    ): QueryRecord {
      const now = new Date().toISOString();
      const record: QueryRecord = {
        ...input,
        id: newId('q'),
        createdAt: now,
        updatedAt: now,
        version: 1,
        updatedBy: by,
      };
      insert.run(toRow(record));
      return record;
    },
    /**
     * Writes `record` as the next version; undefined when `expected` is given and the saved
     * version is no longer it (or the query is gone).
     */
    save(record: QueryRecord, write: VersionedWrite): QueryRecord | undefined {
      const next = { ...record, updatedAt: new Date().toISOString(), updatedBy: write.by };
      const row = update.get({ ...toRow(next), expected: write.expected ?? null }) as
        { version: number } | undefined;
      return row && { ...next, version: row.version };
    },
    remove: (id: string): boolean => remove.run(id).changes > 0,
    removeByDatasource: (datasourceId: string): number =>
      removeByDatasource.run(datasourceId).changes,
  };
}

export type QueryRepository = ReturnType<typeof queryRepository>;
