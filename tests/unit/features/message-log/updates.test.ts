import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../src/features/message-log/model';
import {
  hasInFlight,
  logRows,
  NO_UPDATES,
  statusHistory,
  unsettledOf,
  withCopies,
  withRemoved,
  type LoadedPage,
} from '../../../../src/features/message-log/updates';
import { message, messageSid } from './fixtures';

// The rows are the pages as Twilio answered them with what the log learned since laid over them.

const page = (rows: Message[], loadedAt = 1_000): LoadedPage => ({
  messages: rows,
  next_page_uri: null,
  loadedAt,
});
const sids = (rows: { sid: string }[]) => rows.map((m) => m.sid);

describe('logRows', () => {
  it('shows each message once, in page order, when a page repeats the last of the one before', () => {
    const first = page([message(3), message(2)]);
    const second = page([message(2, { status: 'sent' }), message(1)]);
    const rows = logRows([first, second], NO_UPDATES);
    expect(sids(rows)).toEqual([messageSid(3), messageSid(2), messageSid(1)]);
    expect(rows[1]!.status).toBe('delivered');
  });
});

describe('withCopies', () => {
  const pages = [
    page([message(3, { status: 'sent' }), message(2, { status: 'queued' }), message(1)]),
  ];

  it('replaces known rows in place, puts new ones first, keeps the rest', () => {
    const fresh = [message(4), message(2, { status: 'delivered' })];
    const updates = withCopies(NO_UPDATES, pages, fresh, 5_000);
    const rows = logRows(pages, updates);
    expect(sids(rows)).toEqual([messageSid(4), messageSid(3), messageSid(2), messageSid(1)]);
    expect(rows.map((m) => m.status)).toEqual(['delivered', 'sent', 'delivered', 'delivered']);
    expect(pages[0]!.messages[1]!.status).toBe('queued');
  });

  it('lays a later copy over an earlier one, and an arrival stays first across refreshes', () => {
    let updates = withCopies(NO_UPDATES, pages, [message(4, { status: 'sending' })], 5_000);
    updates = withCopies(updates, pages, [message(5), message(4)], 7_000);
    const rows = logRows(pages, updates);
    expect(sids(rows).slice(0, 2)).toEqual([messageSid(5), messageSid(4)]);
    expect(rows[1]!.status).toBe('delivered');
  });

  it('remembers each status that changed, with when it was seen, after the page’s own', () => {
    let updates = withCopies(NO_UPDATES, pages, [message(3, { status: 'sent' })], 5_000);
    updates = withCopies(updates, pages, [message(3, { status: 'delivered' })], 7_000);
    expect(statusHistory(messageSid(3), pages, updates)).toEqual([
      { status: 'sent', at: 1_000 },
      { status: 'delivered', at: 7_000 },
    ]);
    updates = withCopies(updates, pages, [message(6, { status: 'queued' })], 9_000);
    expect(statusHistory(messageSid(6), pages, updates)).toEqual([{ status: 'queued', at: 9_000 }]);
  });
});

describe('withRemoved', () => {
  it('leaves a deleted message out, whether from a page or arrived since', () => {
    const pages = [page([message(2), message(1)])];
    let updates = withCopies(NO_UPDATES, pages, [message(3)], 5_000);
    updates = withRemoved(withRemoved(updates, messageSid(3)), messageSid(1));
    expect(sids(logRows(pages, updates))).toEqual([messageSid(2)]);
  });
});

describe('hasInFlight', () => {
  it('is true while a row can still change, in its newest copy, and not once it is final or gone', () => {
    const pages = [page([message(2, { status: 'sending' }), message(1)])];
    const unsettled = unsettledOf(pages);
    expect(sids(unsettled)).toEqual([messageSid(2)]);
    expect(hasInFlight(unsettled, NO_UPDATES)).toBe(true);
    const delivered = withCopies(NO_UPDATES, pages, [message(2)], 5_000);
    expect(hasInFlight(unsettled, delivered)).toBe(false);
    const arrived = withCopies(delivered, pages, [message(3, { status: 'queued' })], 6_000);
    expect(hasInFlight(unsettled, arrived)).toBe(true);
    expect(hasInFlight(unsettled, withRemoved(arrived, messageSid(3)))).toBe(false);
  });
});
