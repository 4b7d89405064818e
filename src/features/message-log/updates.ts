import { isFinal, type ListPage, type Message } from './model';

// The log's rows: the pages Twilio answered (TanStack Query's infinite query holds them as they
// came), with what the log learned since laid over them: newer copies of loaded messages from its
// refreshes and the drawer, messages that appeared on the first page since, and deletions. Kept
// apart from the pages so that a page arriving never overwrites a newer copy, nor a copy a page.

/** A page as the log keeps it: when it arrived is when its messages' statuses were first seen. */
export interface LoadedPage extends ListPage {
  loadedAt: number;
}

export type SeenStatus = { status: string; at: number };

export interface LogUpdates {
  /** The newest copy of each message refreshed or acted on, by SID. */
  fresh: ReadonlyMap<string, Message>;
  /** Messages first seen on a refreshed first page, newest first. */
  added: readonly Message[];
  removed: ReadonlySet<string>;
  /** Each status seen after the message's page, in order. */
  seen: ReadonlyMap<string, readonly SeenStatus[]>;
}

export const NO_UPDATES: LogUpdates = {
  fresh: new Map(),
  added: [],
  removed: new Set(),
  seen: new Map(),
};

/**
 * The rows to show: arrivals first, then the pages in order, each message once (a page may repeat
 * the last one of the page before) in its newest copy. One pass with a Set: linear in the rows.
 */
export function logRows(pages: readonly ListPage[], updates: LogUpdates): Message[] {
  const rows: Message[] = [];
  const shown = new Set<string>();
  const take = (m: Message) => {
    if (shown.has(m.sid) || updates.removed.has(m.sid)) return;
    shown.add(m.sid);
    rows.push(updates.fresh.get(m.sid) ?? m);
  };
  for (const m of updates.added) take(m);
  for (const page of pages) for (const m of page.messages) take(m);
  return rows;
}

/** Lays fresh copies over the rows, noting each status that changed (seen at `at`) and each arrival. */
export function withCopies(
  updates: LogUpdates,
  pages: readonly ListPage[],
  copies: readonly Message[],
  at: number,
): LogUpdates {
  if (copies.length === 0) return updates;
  const loaded = new Map<string, Message>();
  for (const page of pages)
    for (const m of page.messages) if (!loaded.has(m.sid)) loaded.set(m.sid, m);
  const fresh = new Map(updates.fresh);
  const seen = new Map(updates.seen);
  const arrivals: Message[] = [];
  for (const m of copies) {
    const before = fresh.get(m.sid) ?? loaded.get(m.sid);
    if (!before) arrivals.push(m);
    if (before?.status !== m.status)
      seen.set(m.sid, [...(seen.get(m.sid) ?? []), { status: m.status, at }]);
    fresh.set(m.sid, m);
  }
  return {
    ...updates,
    fresh,
    seen,
    added: arrivals.length > 0 ? [...arrivals, ...updates.added] : updates.added,
  };
}

/** The loaded messages that can still change, as their pages have them. */
export const unsettledOf = (pages: readonly ListPage[]): Message[] =>
  pages.flatMap((page) => page.messages.filter((m) => !isFinal(m.status)));

/** Whether any row can still change: one of the unsettled, or an arrival, in its newest copy. */
export function hasInFlight(unsettled: readonly Message[], updates: LogUpdates): boolean {
  const live = (m: Message) =>
    !updates.removed.has(m.sid) && !isFinal((updates.fresh.get(m.sid) ?? m).status);
  return unsettled.some(live) || updates.added.some(live);
}

export const withRemoved = (updates: LogUpdates, sid: string): LogUpdates => ({
  ...updates,
  removed: new Set(updates.removed).add(sid),
});

/** The statuses seen of one message: on its page when that arrived, then each change since. */
export function statusHistory(
  sid: string,
  pages: readonly LoadedPage[],
  updates: LogUpdates,
): SeenStatus[] {
  const later = updates.seen.get(sid) ?? [];
  for (const page of pages) {
    const m = page.messages.find((x) => x.sid === sid);
    if (m) return [{ status: m.status, at: page.loadedAt }, ...later];
  }
  return [...later];
}
