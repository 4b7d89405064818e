import type { PageDoc, SavedPage } from '../../src/contract/page';
import type { AppDatabase } from './db';
import type { VersionedWrite } from './versioned-write';

// The widget page, one JSON document. There is one page today ("main"); the id leaves room for more.
// A page never saved reads as version 0, so a first save based on it (If-Match "0") can still
// conflict with another first save.

interface Row {
  doc: string;
  updated_at: string;
  version: number;
  updated_by: string | null;
}

export function pageRepository(db: AppDatabase) {
  const select = db.prepare('SELECT doc, updated_at, version, updated_by FROM pages WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO pages (id, doc, updated_at, version, updated_by) VALUES (@id, @doc, @updatedAt, 1, @updatedBy)
     ON CONFLICT (id) DO NOTHING RETURNING version`,
  );
  // The version check and the write are one statement, so two writers cannot both pass the check.
  const update = db.prepare(
    `UPDATE pages SET doc = @doc, updated_at = @updatedAt, version = version + 1, updated_by = @updatedBy
     WHERE id = @id AND (@expected IS NULL OR version = @expected) RETURNING version`,
  );
  return {
    get(id = 'main'): SavedPage {
      const row = select.get(id) as Row | undefined;
      if (!row) return { widgets: [], updatedAt: null, version: 0, updatedBy: null };
      return {
        ...(JSON.parse(row.doc) as PageDoc),
        updatedAt: row.updated_at,
        version: row.version,
        updatedBy: row.updated_by,
      };
    },
    /** Saves the next version; undefined when `expected` is given and is no longer the saved version. */
    save(doc: PageDoc, write: VersionedWrite, id = 'main'): SavedPage | undefined {
      const updatedAt = new Date().toISOString();
      const params = {
        id,
        doc: JSON.stringify(doc),
        updatedAt,
        updatedBy: write.by,
        expected: write.expected ?? null,
      };
      const row = (
        write.expected === undefined || write.expected === 0 ? insert.get(params) : undefined
      ) as { version: number } | undefined;
      const saved =
        row ??
        (write.expected === 0
          ? undefined
          : (update.get(params) as { version: number } | undefined));
      return saved && { ...doc, updatedAt, version: saved.version, updatedBy: write.by };
    },
  };
}

export type PageRepository = ReturnType<typeof pageRepository>;
