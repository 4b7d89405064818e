import { useCallback, useEffect, useRef, useState } from 'react';
import { isFinal, mergeMessages, type ListPage, type LogFilters, type Message } from './model';

// The log's state: the rows loaded so far, following next_page_uri on demand or to the end (with
// progress and a stop), refreshing itself with backoff while any loaded message can still change,
// and remembering each status it has seen per message.

export class LogError extends Error {
  constructor(
    message: string,
    readonly code: number | string | null = null,
  ) {
    super(message);
    this.name = 'LogError';
  }
}

export interface MessageLogSource {
  list(filters: LogFilters): Promise<ListPage>;
  page(pageUri: string): Promise<ListPage>;
  fetch(sid: string): Promise<Message>;
  cancel(sid: string): Promise<Message>;
  redact(sid: string): Promise<Message>;
  remove(sid: string): Promise<void>;
  /** The list request as a cURL command, the secret replaced by a placeholder. */
  curl(filters: LogFilters): string;
}

export type SeenStatus = { status: string; at: number };

const MAX_BACKOFF_MS = 30_000;

export function useMessageLog(
  source: MessageLogSource,
  initial: ListPage | undefined,
  initialFilters: LogFilters,
) {
  const [rows, setRows] = useState<Message[]>(initial?.messages ?? []);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const [next, setNext] = useState<string | null>(initial?.next_page_uri ?? null);
  const [filters, setFilters] = useState<LogFilters>(initialFilters);
  const [loading, setLoading] = useState<'idle' | 'first' | 'more' | 'all'>('idle');
  const [progress, setProgress] = useState({
    pages: initial ? 1 : 0,
    messages: initial?.messages.length ?? 0,
  });
  const [error, setError] = useState<string | null>(null);
  const [autoRefresh, setAutoRefresh] = useState(true);
  const history = useRef(new Map<string, SeenStatus[]>());
  const stopRequested = useRef(false);
  const backoff = useRef(2000);

  const remember = useCallback((messages: readonly Message[]) => {
    const now = Date.now();
    for (const m of messages) {
      const seen = history.current.get(m.sid) ?? [];
      if (seen[seen.length - 1]?.status !== m.status)
        history.current.set(m.sid, [...seen, { status: m.status, at: now }]);
    }
  }, []);

  useEffect(() => {
    if (initial) remember(initial.messages);
  }, [initial, remember]);

  const fail = (err: unknown) => setError(err instanceof Error ? err.message : String(err));

  const load = useCallback(
    async (nextFilters: LogFilters) => {
      setLoading('first');
      setError(null);
      setFilters(nextFilters);
      try {
        const page = await source.list(nextFilters);
        remember(page.messages);
        setRows(page.messages);
        setNext(page.next_page_uri);
        setProgress({ pages: 1, messages: page.messages.length });
        backoff.current = 2000;
      } catch (err) {
        fail(err);
      } finally {
        setLoading('idle');
      }
    },
    [source, remember],
  );

  const loadMore = useCallback(
    async (all: boolean) => {
      if (!next) return;
      stopRequested.current = false;
      setLoading(all ? 'all' : 'more');
      setError(null);
      let uri: string | null = next;
      try {
        do {
          const page: ListPage = await source.page(uri);
          remember(page.messages);
          setRows((prev) => {
            // A Set, not prev.some per message: with tens of thousands loaded that was quadratic.
            const known = new Set(prev.map((p) => p.sid));
            return [...prev, ...page.messages.filter((m) => !known.has(m.sid))];
          });
          setProgress((p) => ({ pages: p.pages + 1, messages: p.messages + page.messages.length }));
          uri = page.next_page_uri;
          setNext(uri);
        } while (all && uri && !stopRequested.current);
      } catch (err) {
        fail(err);
      } finally {
        setLoading('idle');
      }
    },
    [next, source, remember],
  );

  const stop = useCallback(() => {
    stopRequested.current = true;
  }, []);

  /** Brings loaded rows up to date: the newest page, then any message still in flight. */
  const refresh = useCallback(async () => {
    setError(null);
    try {
      const first = await source.list(filters);
      remember(first.messages);
      const onFirst = new Set(first.messages.map((m) => m.sid));
      // Read the rows from the ref: an updater function may run later (at render), not now.
      const merged = mergeMessages(rowsRef.current, first.messages);
      setRows((prev) => mergeMessages(prev, first.messages));
      const stale = merged.filter((m) => !isFinal(m.status) && !onFirst.has(m.sid)).slice(0, 20);
      const fresh = await Promise.all(stale.map((m) => source.fetch(m.sid).catch(() => m)));
      remember(fresh);
      if (fresh.length > 0) setRows((prev) => mergeMessages(prev, fresh));
    } catch (err) {
      fail(err);
    }
  }, [filters, source, remember]);

  const pending = rows.some((m) => !isFinal(m.status));
  useEffect(() => {
    if (!autoRefresh || !pending || loading !== 'idle') return;
    const timer = setTimeout(() => {
      backoff.current = Math.min(MAX_BACKOFF_MS, backoff.current * 2);
      void refresh();
    }, backoff.current);
    return () => clearTimeout(timer);
  }, [autoRefresh, pending, loading, refresh, rows]);

  const replace = useCallback(
    (m: Message) => {
      remember([m]);
      setRows((prev) => prev.map((r) => (r.sid === m.sid ? m : r)));
    },
    [remember],
  );
  const drop = useCallback(
    (sid: string) => setRows((prev) => prev.filter((r) => r.sid !== sid)),
    [],
  );

  return {
    rows,
    next,
    filters,
    loading,
    progress,
    error,
    pending,
    autoRefresh,
    setAutoRefresh,
    history: history.current,
    load,
    loadMore,
    stop,
    refresh,
    replace,
    drop,
  };
}

export type MessageLogState = ReturnType<typeof useMessageLog>;
