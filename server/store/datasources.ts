import type { AuthType, Datasource, Target } from '../../src/contract/datasources';
import type { AppDatabase } from './db';
import { newId } from './ids';

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
});

export type NewDatasource = Omit<DatasourceRecord, 'id' | 'createdAt' | 'updatedAt' | 'secret'>;

export function datasourceRepository(db: AppDatabase) {
  const byId = db.prepare('SELECT * FROM datasources WHERE id = ?');
  const byName = db.prepare('SELECT * FROM datasources WHERE name = ?');
  const all = db.prepare('SELECT * FROM datasources ORDER BY created_at, id');
  const insert = db.prepare(
    `INSERT INTO datasources (id, name, auth_type, account_sid, api_key_sid, target, secret, created_at, updated_at)
     VALUES (@id, @name, @authType, @accountSid, @apiKeySid, @target, @secret, @createdAt, @updatedAt)`,
  );
  const update = db.prepare(
    `UPDATE datasources SET name = @name, auth_type = @authType, account_sid = @accountSid, api_key_sid = @apiKeySid,
       target = @target, secret = @secret, updated_at = @updatedAt WHERE id = @id`,
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
    create(input: NewDatasource, seal: (id: string) => string | null): DatasourceRecord {
      const now = new Date().toISOString();
      const id = newId('ds');
      const record: DatasourceRecord = {
        ...input,
        id,
        secret: seal(id),
        createdAt: now,
        updatedAt: now,
      };
      insert.run(record);
      return record;
    },
    save(record: DatasourceRecord): DatasourceRecord {
      const next = { ...record, updatedAt: new Date().toISOString() };
      update.run(next);
      return next;
    },
    remove: (id: string): boolean => remove.run(id).changes > 0,
  };
}

export type DatasourceRepository = ReturnType<typeof datasourceRepository>;
