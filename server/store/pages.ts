import type { PageDoc, SavedPage } from '../../src/contract/page';
import type { AppDatabase } from './db';

// The widget page, one JSON document. There is one page today ("main"); the id leaves room for more.

export function pageRepository(db: AppDatabase) {
  const select = db.prepare('SELECT doc, updated_at FROM pages WHERE id = ?');
  const upsert = db.prepare(
    'INSERT INTO pages (id, doc, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at',
  );
  return {
    get(id = 'main'): SavedPage {
      const row = select.get(id) as { doc: string; updated_at: string } | undefined;
      if (!row) return { widgets: [], updatedAt: null };
      return { ...(JSON.parse(row.doc) as PageDoc), updatedAt: row.updated_at };
    },
    save(doc: PageDoc, id = 'main'): SavedPage {
      const updatedAt = new Date().toISOString();
      upsert.run(id, JSON.stringify(doc), updatedAt);
      return { ...doc, updatedAt };
    },
  };
}

export type PageRepository = ReturnType<typeof pageRepository>;
