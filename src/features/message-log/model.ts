// The message log's data: Twilio's Message JSON as the relay returns it, and what the log derives
// from it (finality, sorting, filtering, the chart's counts, CSV).

import { toCsv } from '../../lib/csv';

export interface Message {
  sid: string;
  status: string;
  direction: string;
  from: string | null;
  to: string;
  body: string;
  date_sent: string | null;
  date_created: string;
  date_updated?: string;
  num_segments: string;
  num_media?: string;
  price: string | null;
  price_unit?: string | null;
  error_code: number | null;
  error_message?: string | null;
  messaging_service_sid?: string | null;
}

export interface ListPage {
  messages: Message[];
  next_page_uri: string | null;
}

export interface LogFilters {
  to: string;
  from: string;
  dateSentAfter: string;
  dateSentBefore: string;
  pageSize: number;
}

export const EMPTY_FILTERS: LogFilters = {
  to: '',
  from: '',
  dateSentAfter: '',
  dateSentBefore: '',
  pageSize: 100,
};

const FINAL = new Set(['delivered', 'undelivered', 'failed', 'read', 'received', 'canceled']);
export const isFinal = (status: string) => FINAL.has(status);
export const canCancel = (m: Message) => m.status === 'scheduled';
export const canDelete = (m: Message) => isFinal(m.status);
export const canRedact = (m: Message) => isFinal(m.status) && m.body !== '';

export function isMessageLike(row: unknown): row is Message {
  return (
    !!row &&
    typeof row === 'object' &&
    typeof (row as Message).sid === 'string' &&
    typeof (row as Message).status === 'string' &&
    'date_created' in row
  );
}

export type StatusGroup = 'delivered' | 'failed' | 'scheduled' | 'canceled' | 'in-flight';

export function statusGroup(status: string): StatusGroup {
  if (status === 'delivered' || status === 'read' || status === 'received') return 'delivered';
  if (status === 'failed' || status === 'undelivered') return 'failed';
  if (status === 'scheduled') return 'scheduled';
  if (status === 'canceled') return 'canceled';
  return 'in-flight';
}

export const GROUP_COLOR: Record<
  StatusGroup,
  'success' | 'error' | 'info' | 'default' | 'warning'
> = {
  delivered: 'success',
  failed: 'error',
  scheduled: 'info',
  canceled: 'default',
  'in-flight': 'warning',
};

/** Epoch ms of when the message was sent, or created while it has not been. */
export const sortTime = (m: Message) => Date.parse(m.date_sent ?? m.date_created) || 0;

export type SortKey = 'date' | 'status' | 'to' | 'from' | 'segments' | 'price';

export function sortMessages(
  rows: readonly Message[],
  key: SortKey,
  descending: boolean,
): Message[] {
  const value = (m: Message): number | string => {
    switch (key) {
      case 'date':
        return sortTime(m);
      case 'status':
        return m.status;
      case 'to':
        return m.to;
      case 'from':
        return m.from ?? '';
      case 'segments':
        return Number(m.num_segments) || 0;
      case 'price':
        return Number(m.price) || 0;
    }
  };
  const sorted = [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return descending ? sorted.reverse() : sorted;
}

export function searchMessages(
  rows: readonly Message[],
  text: string,
  groups: ReadonlySet<StatusGroup>,
): Message[] {
  const needle = text.trim().toLowerCase();
  return rows.filter((m) => {
    if (groups.size > 0 && !groups.has(statusGroup(m.status))) return false;
    if (!needle) return true;
    return [m.sid, m.to, m.from ?? '', m.body, m.status, String(m.error_code ?? '')].some((v) =>
      v.toLowerCase().includes(needle),
    );
  });
}

export interface ChartCounts {
  byGroup: Record<StatusGroup, number>;
  byDay: { day: string; counts: Record<StatusGroup, number>; total: number }[];
}

export function chartCounts(rows: readonly Message[], days = 14): ChartCounts {
  const empty = (): Record<StatusGroup, number> => ({
    delivered: 0,
    failed: 0,
    scheduled: 0,
    canceled: 0,
    'in-flight': 0,
  });
  const byGroup = empty();
  const perDay = new Map<string, Record<StatusGroup, number>>();
  for (const m of rows) {
    const g = statusGroup(m.status);
    byGroup[g] += 1;
    const day = new Date(sortTime(m)).toISOString().slice(0, 10);
    const entry = perDay.get(day) ?? empty();
    entry[g] += 1;
    perDay.set(day, entry);
  }
  const byDay = Array.from(perDay, ([day, counts]) => ({
    day,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
  }))
    .sort((a, b) => (a.day < b.day ? -1 : 1))
    .slice(-days);
  return { byGroup, byDay };
}

export const CSV_COLUMNS = [
  'date_sent',
  'date_created',
  'direction',
  'from',
  'to',
  'body',
  'status',
  'num_segments',
  'price',
  'price_unit',
  'error_code',
  'sid',
] as const;

export function toCsvRows(rows: readonly Message[]): Record<string, string>[] {
  return rows.map((m) =>
    Object.fromEntries(
      CSV_COLUMNS.map((c) => [
        c,
        m[c as keyof Message] === null || m[c as keyof Message] === undefined
          ? ''
          : String(m[c as keyof Message]),
      ]),
    ),
  );
}

/** The rows as CSV, formula-escaped: inbound bodies are written by whoever texts the number. */
export const messagesCsv = (rows: readonly Message[]) => toCsv(toCsvRows(rows));

/** Twilio's docs page for an error code. */
export const errorDocsUrl = (code: number) => `https://www.twilio.com/docs/errors/${code}`;

/** Twilio's refusals of log actions, in words. */
export function explainRefusal(code: number | string | null | undefined, fallback: string): string {
  switch (code) {
    case 20009:
      return 'Twilio cannot delete or redact this message yet: it is not finished. Wait a minute and try again.';
    case 30409:
      return 'This message is no longer scheduled, so it cannot be canceled.';
    case 20404:
      return 'Twilio no longer has this message (it may have been deleted).';
    default:
      return fallback;
  }
}
