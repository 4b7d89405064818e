// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../../src/features/message-log/model';
import { message, messages, messageSid } from './fixtures';
import {
  cells,
  dataRows,
  deferred,
  fakeSource,
  header,
  mockScrollerSize,
  renderLog,
  rowOf,
  ROW_HEIGHT,
  SCROLLER_HEIGHT,
  statusButton,
  summary,
  table,
  toColumn,
} from './render-log';

// The message log over a fake source: virtualized rows, sorting, search, the status filter,
// paging along next_page_uri, auto-refresh, CSV export and Copy as cURL.

mockScrollerSize();
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('MessageLog: many rows', () => {
  it('keeps about a screenful of 10,000 rows in the DOM, and renders others as it scrolls', async () => {
    const rows = messages(10_000);
    renderLog(fakeSource(rows), { messages: rows, next_page_uri: null });
    expect(summary()).toHaveTextContent('10000 of 10000 loaded messages shown · all loaded');
    expect(table()).toHaveAttribute('aria-rowcount', '10001');
    const first = dataRows();
    expect(first.length).toBeGreaterThanOrEqual(SCROLLER_HEIGHT / ROW_HEIGHT);
    expect(first.length).toBeLessThan(100);
    // Newest first: message 10000 is on top.
    expect(first[0]).toHaveTextContent(rows[9_999]!.to);

    const scroller = screen.getByTestId('message-log-scroller');
    scroller.scrollTop = 5_000 * ROW_HEIGHT;
    fireEvent.scroll(scroller);
    await waitFor(() =>
      expect(dataRows().some((r) => r.getAttribute('aria-rowindex') === String(5_000 + 2))).toBe(
        true,
      ),
    );
    expect(dataRows().length).toBeLessThan(100);
    expect(dataRows().some((r) => r.getAttribute('aria-rowindex') === '2')).toBe(false);
  });
});

describe('MessageLog: sorting, search and the status filter', () => {
  const rows = [
    message(1, { to: '+15550000002', status: 'delivered', body: 'Your code is 1234' }),
    message(2, { to: '+15550000003', status: 'failed', error_code: 30008 }),
    message(3, { to: '+15550000001', status: 'undelivered', error_code: 30003 }),
    message(4, { to: '+15550000004', status: 'sent' }),
  ];

  it('sorts by date, newest first, then by a column when its header is clicked, and back', async () => {
    const { user } = renderLog(
      fakeSource(rows),
      { messages: rows, next_page_uri: null },
      { initialFilters: {} },
    );
    expect(toColumn()).toEqual(['+15550000004', '+15550000001', '+15550000003', '+15550000002']);
    expect(header('Date sent')).toHaveAttribute('aria-sort', 'descending');

    await user.click(screen.getByRole('button', { name: 'Sort by To' }));
    expect(toColumn()).toEqual(['+15550000004', '+15550000003', '+15550000002', '+15550000001']);
    expect(header('To')).toHaveAttribute('aria-sort', 'descending');
    expect(header('Date sent')).not.toHaveAttribute('aria-sort');

    await user.click(screen.getByRole('button', { name: 'Sort by To' }));
    expect(toColumn()).toEqual(['+15550000001', '+15550000002', '+15550000003', '+15550000004']);
    expect(header('To')).toHaveAttribute('aria-sort', 'ascending');
  });

  it('quick search narrows the loaded rows to those that match', async () => {
    const { user } = renderLog(fakeSource(rows), { messages: rows, next_page_uri: null });
    await user.click(screen.getByRole('textbox', { name: 'Search loaded messages' }));
    await user.paste('code is');
    expect(dataRows()).toHaveLength(1);
    expect(dataRows()[0]).toHaveTextContent('Your code is 1234');
    expect(summary()).toHaveTextContent('1 of 4 loaded messages shown');

    await user.clear(screen.getByRole('textbox', { name: 'Search loaded messages' }));
    await user.paste('no such thing');
    expect(dataRows()).toHaveLength(0);
    expect(screen.getByText('No messages match.')).toBeInTheDocument();
  });

  it('counts each status group in the chart; clicking one filters the rows and says the filter is local', async () => {
    const { user } = renderLog(fakeSource(rows), { messages: rows, next_page_uri: null });
    const failed = statusButton('failed');
    expect(failed).toHaveTextContent('2failed');
    expect(statusButton('delivered')).toHaveTextContent('1delivered');
    expect(statusButton('in-flight')).toHaveTextContent('1in-flight');
    expect(failed).toHaveAttribute('aria-pressed', 'false');

    await user.click(failed);
    expect(failed).toHaveAttribute('aria-pressed', 'true');
    expect(
      dataRows()
        .map((r) => cells(r)[5]!.textContent)
        .sort(),
    ).toEqual(['failed', 'undelivered']);
    expect(summary()).toHaveTextContent(
      '2 of 4 loaded messages shown · status filter applies to loaded rows only (Twilio has no status filter)',
    );

    await user.click(statusButton('in-flight'));
    expect(dataRows()).toHaveLength(3);

    await user.click(failed);
    await user.click(statusButton('in-flight'));
    expect(failed).toHaveAttribute('aria-pressed', 'false');
    expect(dataRows()).toHaveLength(4);
    expect(summary()).not.toHaveTextContent('status filter');
  });

  it('links an error code to Twilio’s docs page', () => {
    renderLog(fakeSource(rows), { messages: rows, next_page_uri: null });
    expect(screen.getByRole('link', { name: '30008' })).toHaveAttribute(
      'href',
      'https://www.twilio.com/docs/errors/30008',
    );
  });

  it('hides a column chosen in the Columns menu', async () => {
    const { user } = renderLog(fakeSource(rows), { messages: rows, next_page_uri: null });
    expect(header('Body')).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await user.click(screen.getByRole('menuitem', { name: /Body/ }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(header('Body')).toBeUndefined());
    expect(cells(dataRows()[0]!)).toHaveLength(9);
  });

  it('applies Twilio’s filters through the source and shows its answer', async () => {
    const source = fakeSource(rows);
    source.list.mockResolvedValue({ messages: [rows[0]!], next_page_uri: null });
    const { user } = renderLog(
      source,
      { messages: rows, next_page_uri: null },
      { initialFilters: { pageSize: 50 } },
    );
    await user.click(screen.getByRole('textbox', { name: 'To' }));
    await user.paste('+15550000002');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(dataRows()).toHaveLength(1));
    expect(source.list).toHaveBeenCalledWith({
      to: '+15550000002',
      from: '',
      dateSentAfter: '',
      dateSentBefore: '',
      pageSize: 50,
    });
  });
});

describe('MessageLog: paging', () => {
  const page1 = messages(20);
  const page2 = messages(20).map((m, i) => message(100 + i, {}));
  const page3 = messages(5).map((m, i) => message(200 + i, {}));

  it('Load more asks for next_page_uri and appends the page, until there is no next page', async () => {
    const source = fakeSource();
    source.page
      .mockResolvedValueOnce({ messages: page2, next_page_uri: '/page3' })
      .mockResolvedValueOnce({ messages: page3, next_page_uri: null });
    const { user } = renderLog(source, { messages: page1, next_page_uri: '/page2' });
    expect(summary()).toHaveTextContent('20 of 20 loaded messages shown · more on Twilio');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(summary()).toHaveTextContent('40 of 40 loaded messages shown · more on Twilio'),
    );
    expect(source.page).toHaveBeenLastCalledWith('/page2');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(summary()).toHaveTextContent('45 of 45 loaded messages shown · all loaded'),
    );
    expect(source.page).toHaveBeenLastCalledWith('/page3');
    expect(source.page).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(source.list).not.toHaveBeenCalled();
  });

  it('Load all follows the cursor to the end, showing its progress', async () => {
    const source = fakeSource();
    const second = deferred<{ messages: Message[]; next_page_uri: string | null }>();
    source.page
      .mockReturnValueOnce(second.promise)
      .mockResolvedValueOnce({ messages: page3, next_page_uri: null });
    const { user } = renderLog(source, { messages: page1, next_page_uri: '/page2' });

    await user.click(screen.getByRole('button', { name: 'Load all' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Loaded 1 page, 20 messages');
    expect(screen.getByRole('progressbar', { name: 'Loading messages' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeDisabled();

    await act(async () => second.resolve({ messages: page2, next_page_uri: '/page3' }));
    await waitFor(() =>
      expect(summary()).toHaveTextContent('45 of 45 loaded messages shown · all loaded'),
    );
    expect(source.page.mock.calls.map((c) => c[0])).toEqual(['/page2', '/page3']);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('Stop ends Load all after the page in flight, and Load more can go on from there', async () => {
    const source = fakeSource();
    const second = deferred<{ messages: Message[]; next_page_uri: string | null }>();
    source.page
      .mockReturnValueOnce(second.promise)
      .mockResolvedValueOnce({ messages: page3, next_page_uri: null });
    const { user } = renderLog(source, { messages: page1, next_page_uri: '/page2' });

    await user.click(screen.getByRole('button', { name: 'Load all' }));
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    await act(async () => second.resolve({ messages: page2, next_page_uri: '/page3' }));
    await waitFor(() => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument());
    expect(summary()).toHaveTextContent('40 of 40 loaded messages shown · more on Twilio');
    expect(source.page).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(summary()).toHaveTextContent('45 of 45 loaded messages shown · all loaded'),
    );
    expect(source.page).toHaveBeenLastCalledWith('/page3');
  });

  it('shows a message only once when the next page repeats one already loaded', async () => {
    const source = fakeSource();
    source.page.mockResolvedValueOnce({
      messages: [page1[19]!, ...page2.slice(0, 4)],
      next_page_uri: null,
    });
    const { user } = renderLog(source, { messages: page1, next_page_uri: '/page2' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(summary()).toHaveTextContent('24 of 24 loaded messages shown · all loaded'),
    );
    expect(table()).toHaveAttribute('aria-rowcount', '25');
  });

  it('shows a failed page as an error and keeps the rows loaded so far', async () => {
    const source = fakeSource();
    source.page.mockRejectedValueOnce(new Error('Twilio could not be reached'));
    const { user } = renderLog(source, { messages: page1, next_page_uri: '/page2' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Twilio could not be reached')).toBeInTheDocument();
    expect(summary()).toHaveTextContent('20 of 20 loaded messages shown · more on Twilio');
  });
});

describe('MessageLog: auto-refresh while messages are in flight', () => {
  it('refreshes on its own until every loaded message is final, then stops', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const sending = message(1, { status: 'sending' });
    const source = fakeSource([sending]);
    source.list.mockResolvedValueOnce({
      messages: [{ ...sending, status: 'sent' }],
      next_page_uri: null,
    });
    source.list.mockResolvedValue({
      messages: [{ ...sending, status: 'delivered' }],
      next_page_uri: null,
    });
    renderLog(source, { messages: [sending], next_page_uri: null });
    expect(dataRows()[0]).toHaveTextContent('sending');

    await act(async () => vi.advanceTimersByTimeAsync(2_100));
    await waitFor(() => expect(dataRows()[0]).toHaveTextContent('sent'));
    await act(async () => vi.advanceTimersByTimeAsync(4_100));
    await waitFor(() => expect(dataRows()[0]).toHaveTextContent('delivered'));
    const calls = source.list.mock.calls.length;
    expect(calls).toBe(2);
    await act(async () => vi.advanceTimersByTimeAsync(60_000));
    expect(source.list).toHaveBeenCalledTimes(calls);
  });

  it('does not refresh when auto-refresh is switched off', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const source = fakeSource();
    const { user } = renderLog(source, {
      messages: [message(1, { status: 'queued' })],
      next_page_uri: null,
    });
    await user.click(screen.getByLabelText('Auto-refresh while in flight'));
    await act(async () => vi.advanceTimersByTimeAsync(60_000));
    expect(source.list).not.toHaveBeenCalled();
  });

  it('refreshes an in-flight message that is no longer on the first page by fetching it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const old = message(1, { status: 'sent' });
    const newer = messages(3).map((_, i) => message(10 + i, { status: 'delivered' }));
    const source = fakeSource([{ ...old, status: 'delivered' }]);
    source.list.mockResolvedValue({ messages: newer, next_page_uri: '/next' });
    renderLog(source, { messages: [...newer, old], next_page_uri: '/next' });
    await act(async () => vi.advanceTimersByTimeAsync(2_100));
    await waitFor(() => expect(source.fetch).toHaveBeenCalledWith(old.sid));
    await waitFor(() => expect(rowOf(old)).toHaveTextContent('delivered'));
  });
});

/** jsdom's Blob has no text(): read it as a browser would, with a FileReader. */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsText(blob);
  });
}

describe('MessageLog: export and cURL', () => {
  const rows = [
    message(1, { body: 'Hi, "you"\nthere', status: 'failed', error_code: 30008 }),
    message(2),
    message(3, { status: 'scheduled' }),
  ];

  it('exports the rows shown as CSV (papaparse), filters applied', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:messages';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    const { user } = renderLog(fakeSource(rows), { messages: rows, next_page_uri: null });
    await user.click(statusButton('failed'));
    await user.click(statusButton('delivered'));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('messages.csv');
    expect(clicked[0]!.href).toBe('blob:messages');
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const parsed = Papa.parse<Record<string, string>>(await readBlob(blobs[0]!), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([
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
    ]);
    expect(parsed.data.map((r) => r.sid).sort()).toEqual([messageSid(1), messageSid(2)]);
    expect(parsed.data.find((r) => r.sid === messageSid(1))).toMatchObject({
      body: 'Hi, "you"\nthere',
      status: 'failed',
      error_code: '30008',
    });
  });

  it('disables export when no row is shown', async () => {
    const { user } = renderLog(fakeSource(rows), { messages: rows, next_page_uri: null });
    await user.click(screen.getByRole('textbox', { name: 'Search loaded messages' }));
    await user.paste('nothing matches this');
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it('copies the list request as cURL, with the filters the log was loaded with', async () => {
    const source = fakeSource(rows);
    const { user } = renderLog(
      source,
      { messages: rows, next_page_uri: null },
      { initialFilters: { to: '+15558675310', pageSize: 20 } },
    );
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(screen.getByRole('button', { name: 'Copy as cURL' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(source.curl).toHaveBeenCalledWith({
      to: '+15558675310',
      from: '',
      dateSentAfter: '',
      dateSentBefore: '',
      pageSize: 20,
    });
    expect(writeText).toHaveBeenCalledWith(source.curl.mock.results[0]!.value);
    expect(writeText.mock.calls[0]![0]).toContain('$TWILIO_AUTH_TOKEN');
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });
});
