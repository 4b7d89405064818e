import {
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { isFinal, type ListPage, type LogFilters, type Message } from './model';
import {
  hasInFlight,
  logRows,
  NO_UPDATES,
  statusHistory,
  unsettledOf,
  withCopies,
  withRemoved,
  type LoadedPage,
  type LogUpdates,
} from './updates';

// The log's state, read from TanStack Query: its pages are an infinite query that follows
// next_page_uri (a page at a time, or to the end until stopped), and what changed since is a query
// that refreshes itself, backing off, while any loaded message can still change.

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

/** The filters the rows were loaded with, and how many times filters were applied before. */
interface LogRequest {
  filters: LogFilters;
  applied: number;
}

// Each mounted log has its own rows (a new run's log starts from that run's page), hence its id.
const logKeys = {
  all: ['message-log'] as const,
  pages: (log: string, request: LogRequest) => [...logKeys.all, log, 'pages', request] as const,
  updates: (log: string, request: LogRequest) => [...logKeys.all, log, 'updates', request] as const,
};

const FIRST_BACKOFF_MS = 2000;
const MAX_BACKOFF_MS = 30_000;
/** In-flight messages no longer on the first page, fetched one by one at each refresh. */
const MAX_FETCHED_PER_REFRESH = 20;
const NO_PAGES: LoadedPage[] = [];

export function useMessageLog(
  source: MessageLogSource,
  initial: ListPage,
  initialFilters: LogFilters,
) {
  const client = useQueryClient();
  const log = useId();
  const [request, setRequest] = useState<LogRequest>({ filters: initialFilters, applied: 0 });
  const [toEnd, setToEnd] = useState(false);
  const [autoRefresh, setAutoRefresh] = useState(true);

  const pagesOptions = (r: LogRequest) =>
    infiniteQueryOptions({
      queryKey: logKeys.pages(log, r),
      queryFn: async ({ pageParam }): Promise<LoadedPage> => {
        const page =
          pageParam === null ? await source.list(r.filters) : await source.page(pageParam);
        return { ...page, loadedAt: Date.now() };
      },
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_page_uri,
      // Nothing refetches the pages: what can change is refreshed apart (below).
      staleTime: Infinity,
      retry: false,
    });
  const shown = pagesOptions(request);
  const updatesKey = logKeys.updates(log, request);

  const pages = useInfiniteQuery({
    ...shown,
    // The page the log opens with was loaded by the run that shows it: not asked for again.
    initialData:
      request.applied === 0
        ? () => ({ pages: [{ ...initial, loadedAt: Date.now() }], pageParams: [null] })
        : undefined,
  });
  const loaded = pages.data?.pages ?? NO_PAGES;
  const { fetchNextPage, hasNextPage, isFetching, isFetchingNextPage, isFetchNextPageError } =
    pages;

  // Apply loads the first page of the new filters before it replaces the rows: until it comes the
  // rows stay, and if it fails they stay under the error.
  const apply = useMutation({
    mutationFn: async (filters: LogFilters) => {
      const next = { filters, applied: request.applied + 1 };
      await client.fetchInfiniteQuery(pagesOptions(next));
      return next;
    },
    onSuccess: (next) => {
      setToEnd(false);
      setRequest(next);
    },
  });

  /** What the client holds now: a refresh that took a while must not undo what came meanwhile. */
  const current = () => ({
    pages: client.getQueryData(shown.queryKey)?.pages ?? NO_PAGES,
    updates: client.getQueryData<LogUpdates>(updatesKey) ?? NO_UPDATES,
  });

  /** Brings the rows up to date: the first page again, then messages in flight beyond it. */
  const refreshed = async (): Promise<LogUpdates> => {
    const first = await source.list(request.filters);
    const onFirst = new Set(first.messages.map((m) => m.sid));
    const before = current();
    const stale = logRows(before.pages, before.updates)
      .filter((m) => !isFinal(m.status) && !onFirst.has(m.sid))
      .slice(0, MAX_FETCHED_PER_REFRESH);
    const fresh = await Promise.all(stale.map((m) => source.fetch(m.sid).catch(() => m)));
    const after = current();
    return withCopies(after.updates, after.pages, [...first.messages, ...fresh], Date.now());
  };

  const unsettled = useMemo(() => unsettledOf(loaded), [loaded]);
  const updates = useQuery({
    queryKey: updatesKey,
    queryFn: refreshed,
    initialData: NO_UPDATES,
    staleTime: Infinity,
    retry: false,
    // Refreshes itself while a loaded message can still change and no page is loading, each
    // refresh (or failed one) doubling the wait, up to 30 s.
    enabled: (query) =>
      autoRefresh &&
      !isFetching &&
      !apply.isPending &&
      hasInFlight(unsettled, query.state.data ?? NO_UPDATES),
    refetchInterval: (query) =>
      Math.min(
        MAX_BACKOFF_MS,
        FIRST_BACKOFF_MS * 2 ** (query.state.dataUpdateCount + query.state.errorUpdateCount),
      ),
    refetchIntervalInBackground: true,
  });
  const rows = useMemo(() => logRows(loaded, updates.data), [loaded, updates.data]);

  // Load all: the next page as soon as the last one is in, until the end, a failure or Stop.
  const following = toEnd && hasNextPage && !isFetchNextPageError;
  useEffect(() => {
    if (following && !isFetching) void fetchNextPage();
  }, [following, isFetching, fetchNextPage]);

  const loadMore = (all: boolean) => {
    apply.reset();
    setToEnd(all);
    void fetchNextPage();
  };
  const refresh = () => {
    apply.reset();
    void updates.refetch();
  };
  const historyOf = useCallback(
    (sid: string) => statusHistory(sid, loaded, updates.data),
    [loaded, updates.data],
  );
  const replace = (m: Message) => {
    client.setQueryData<LogUpdates>(updatesKey, (u = NO_UPDATES) =>
      withCopies(u, current().pages, [m], Date.now()),
    );
  };
  const drop = (sid: string) => {
    client.setQueryData<LogUpdates>(updatesKey, (u = NO_UPDATES) => withRemoved(u, sid));
  };

  const progress = useMemo(
    () => ({
      pages: loaded.length,
      messages: loaded.reduce((n, page) => n + page.messages.length, 0),
    }),
    [loaded],
  );
  const loading: 'idle' | 'first' | 'more' | 'all' = apply.isPending
    ? 'first'
    : following
      ? 'all'
      : isFetchingNextPage
        ? 'more'
        : 'idle';
  // Each failure shows until what failed is tried again.
  const failure =
    apply.error ?? (isFetching ? null : pages.error) ?? (updates.isFetching ? null : updates.error);

  return {
    rows,
    hasMore: hasNextPage,
    filters: request.filters,
    loading,
    progress,
    error: failure ? failure.message : null,
    autoRefresh,
    setAutoRefresh,
    historyOf,
    load: (filters: LogFilters) => apply.mutate(filters),
    loadMore,
    stop: () => setToEnd(false),
    refresh,
    replace,
    drop,
  };
}

export type MessageLogState = ReturnType<typeof useMessageLog>;
