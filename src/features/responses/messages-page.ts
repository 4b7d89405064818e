// Reads a List Message answer (Twilio's raw JSON page) defensively: any field may be missing or null.

export interface MessageRow {
  sid: string;
  status: string;
  direction: string;
  from: string;
  to: string;
  body: string;
  dateSent: string | null;
  numSegments: string;
  price: string | null;
  priceUnit: string | null;
  errorCode: number | null;
  errorMessage: string | null;
}

export interface MessagesPage {
  messages: MessageRow[];
  page: number | null;
  nextPageUri: string | null;
}

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
const textOrNull = (v: unknown): string | null =>
  v === null || v === undefined || v === '' ? null : text(v);

export function readMessagesPage(data: unknown): MessagesPage | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (!Array.isArray(d.messages)) return null;
  const messages = d.messages
    .filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null)
    .map((m) => ({
      sid: text(m.sid),
      status: text(m.status),
      direction: text(m.direction),
      from: text(m.from),
      to: text(m.to),
      body: text(m.body),
      dateSent: textOrNull(m.date_sent),
      numSegments: text(m.num_segments),
      price: textOrNull(m.price),
      priceUnit: textOrNull(m.price_unit),
      errorCode:
        typeof m.error_code === 'number'
          ? m.error_code
          : m.error_code
            ? Number(m.error_code) || null
            : null,
      errorMessage: textOrNull(m.error_message),
    }));
  return {
    messages,
    page: typeof d.page === 'number' ? d.page : null,
    nextPageUri:
      typeof d.next_page_uri === 'string' && d.next_page_uri !== '' ? d.next_page_uri : null,
  };
}

export type StatusTone = 'success' | 'error' | 'info' | 'default' | 'warning';

/** Delivered and read are good news, failures stand out, scheduled waits, the rest is in flight. */
export function statusTone(status: string): StatusTone {
  switch (status) {
    case 'delivered':
    case 'received':
    case 'read':
      return 'success';
    case 'failed':
    case 'undelivered':
      return 'error';
    case 'scheduled':
      return 'info';
    case 'canceled':
      return 'default';
    default:
      return 'warning';
  }
}

export function shorten(s: string, max = 40): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** Twilio's RFC 2822 date in the viewer's local time; the original stays available on hover. */
export function localDate(rfc2822: string): { iso: string; text: string } | null {
  const d = new Date(rfc2822);
  if (Number.isNaN(d.getTime())) return null;
  return {
    iso: d.toISOString(),
    text: d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }),
  };
}
