import type { AuthType, Datasource, Target } from '../../src/contract/datasources';
import type { AppDatabase } from './db';
import { newId } from './ids';
import type { VersionedWrite } from './versioned-write';

/** A datasource as stored: the API's, with the secret itself in place of whether there is one. */
export interface DatasourceRecord extends Omit<Datasource, 'apiKeySid' | 'hasSecret'> {
  apiKeySid: string | null;
  /** The vault's sealed form, never the plain secret. */
  secret: string | null;
}

interface Row {
  id: string;
  name: string;
  auth_type: AuthType;
  account_sid: string;
  api_key_sid: string | null;
  target: Target;
  secret: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  updated_by: string | null;
}

const fromRow = (r: Row): DatasourceRecord => ({
  id: r.id,
  name: r.name,
  authType: r.auth_type,
  accountSid: r.account_sid,
  apiKeySid: r.api_key_sid,
  target: r.target,
  secret: r.secret,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
  updatedBy: r.updated_by,
});

export type NewDatasource = Omit<
  DatasourceRecord,
  'id' | 'createdAt' | 'updatedAt' | 'secret' | 'version' | 'updatedBy'
>;

export function datasourceRepository(db: AppDatabase) {
  const byId = db.prepare('SELECT * FROM datasources WHERE id = ?');
  const byName = db.prepare('SELECT * FROM datasources WHERE name = ?');
  const all = db.prepare('SELECT * FROM datasources ORDER BY created_at, id');
  const insert = db.prepare(
    `INSERT INTO datasources (id, name, auth_type, account_sid, api_key_sid, target, secret, created_at, updated_at, version, updated_by)
     VALUES (@id, @name, @authType, @accountSid, @apiKeySid, @target, @secret, @createdAt, @updatedAt, @version, @updatedBy)`,
  );
  // The version check and the write are one statement, so two writers cannot both pass the check.
  const update = db.prepare(
    `UPDATE datasources SET name = @name, auth_type = @authType, account_sid = @accountSid, api_key_sid = @apiKeySid,
       target = @target, secret = @secret, updated_at = @updatedAt, version = version + 1, updated_by = @updatedBy
     WHERE id = @id AND (@expected IS NULL OR version = @expected) RETURNING version`,
  );
  const remove = db.prepare('DELETE FROM datasources WHERE id = ?');

  return {
    list: (): DatasourceRecord[] => (all.all() as Row[]).map(fromRow),
    get: (id: string): DatasourceRecord | undefined => {
      const row = byId.get(id) as Row | undefined;
      return row && fromRow(row);
    },
    findByName: (name: string): DatasourceRecord | undefined => {
      const row = byName.get(name) as Row | undefined;
      return row && fromRow(row);
    },
    /** Inserts a datasource; `seal` encrypts the secret with the new id as associated data. */
    create(
      input: NewDatasource,
      seal: (id: string) => string | null,
      by: string | null = null,
    ): DatasourceRecord {
      const now = new Date().toISOString();
      const id = newId('ds');
      const record: DatasourceRecord = {
        ...input,
        id,
        secret: seal(id),
        createdAt: now,
        updatedAt: now,
        version: 1,
        updatedBy: by,
      };
      insert.run(record);
      return record;
    },
    /**
     * Writes `record` as the next version; undefined when `expected` is given and the saved
     * version is no longer it (or the datasource is gone).
     */
    save(record: DatasourceRecord, write: VersionedWrite): DatasourceRecord | undefined {
      const updatedAt = new Date().toISOString();
      const row = update.get({
        ...record,
        updatedAt,
        updatedBy: write.by,
        expected: write.expected ?? null,
      }) as { version: number } | undefined;
      return row && { ...record, updatedAt, updatedBy: write.by, version: row.version };
    },
    remove: (id: string): boolean => remove.run(id).changes > 0,
  };
}

export type DatasourceRepository = ReturnType<typeof datasourceRepository>;
