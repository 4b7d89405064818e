import type { Lookups } from '../../src/contract/lookups';
import type { DatasourceRecord } from '../store/datasources';

// Lookups cost three Twilio calls and every query form asks for them: a datasource's answer is
// kept for a short time, and requests that arrive while it is being read share that one read.
// A failed read is shared but not kept, so a fixed datasource is seen at once; an edit (a new
// version) or a deletion drops the entry.

export const LOOKUPS_TTL_MS = 30_000;

interface Entry {
  version: string;
  at: number;
  value: Promise<Lookups>;
}

export function createLookupsCache(options: { ttlMs?: number; now?(): number } = {}) {
  const ttlMs = options.ttlMs ?? LOOKUPS_TTL_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return {
    get(ds: DatasourceRecord, read: () => Promise<Lookups>): Promise<Lookups> {
      const version = `${ds.updatedAt}|${ds.target}`;
      const hit = entries.get(ds.id);
      if (hit && hit.version === version && now() - hit.at < ttlMs) return hit.value;
      const entry: Entry = { version, at: now(), value: read() };
      entries.set(ds.id, entry);
      const drop = () => {
        if (entries.get(ds.id) === entry) entries.delete(ds.id);
      };
      entry.value.then((lookups) => {
        if (lookups.error !== undefined) drop();
      }, drop);
      return entry.value;
    },
    forget(id: string): void {
      entries.delete(id);
    },
  };
}

export type LookupsCache = ReturnType<typeof createLookupsCache>;
