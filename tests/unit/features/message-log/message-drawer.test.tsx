// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ListPage, Message } from '../../../../src/features/message-log/model';
import { LogError } from '../../../../src/features/message-log/use-message-log';
import { message } from './fixtures';
import {
  dataRows,
  deferred,
  drawerOf,
  fakeSource,
  mockScrollerSize,
  renderLog,
  rowOf,
  statusButton,
  summary,
} from './render-log';

// A row opens its details: Fetch Message's JSON, the statuses seen, and the actions Twilio allows
// for its status, each confirmed first, sent through the source, and shown in place.

mockScrollerSize();
afterEach(() => {
  vi.restoreAllMocks();
});

describe('MessageLog: the details drawer', () => {
  const scheduled = message(1, { status: 'scheduled', date_sent: null });
  const delivered = message(2, { status: 'delivered', body: 'Your code is 1234' });
  const redacted = message(3, { status: 'delivered', body: '' });
  const sending = message(4, { status: 'sending' });
  const failed = message(5, { status: 'failed', error_code: 30008 });
  const all = [scheduled, delivered, redacted, sending, failed];

  async function openDrawer(m: Message, source = fakeSource(all)) {
    const rendered = renderLog(source, { messages: all, next_page_uri: null });
    await rendered.user.click(rowOf(m)!);
    const region = await screen.findByRole('region', { name: `Message ${m.sid}` });
    await waitFor(() => expect(source.fetch).toHaveBeenCalledWith(m.sid));
    await within(region).findByRole('list', { name: 'Fetched message' });
    return { ...rendered, source, region };
  }
  const button = (region: HTMLElement, name: string) =>
    within(region).getByRole('button', { name });
  /** Confirms (or not) in the dialog, then waits until it has gone and the drawer is usable again. */
  async function answer(user: ReturnType<typeof renderLog>['user'], title: string, choice: string) {
    const dialog = await screen.findByRole('dialog', { name: title });
    await user.click(within(dialog).getByRole('button', { name: choice }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: title, hidden: true })).toBeNull(),
    );
  }
  async function close(user: ReturnType<typeof renderLog>['user'], m: Message) {
    await user.click(button(drawerOf(m)!, 'Close'));
    await waitFor(() => expect(drawerOf(m)).toBeNull());
    // The log is back in the accessibility tree once the drawer has slid out.
    await waitFor(() =>
      expect(screen.getByRole('group', { name: 'Filter by status' })).toBeInTheDocument(),
    );
  }

  it.each([
    ['scheduled', scheduled, { cancel: true, redact: false, remove: false }],
    ['delivered with a body', delivered, { cancel: false, redact: true, remove: true }],
    ['delivered, already redacted', redacted, { cancel: false, redact: false, remove: true }],
    ['still sending', sending, { cancel: false, redact: false, remove: false }],
    ['failed', failed, { cancel: false, redact: true, remove: true }],
  ])('offers only what Twilio allows for a message %s', async (_what, m, enabled) => {
    const { region } = await openDrawer(m);
    expect({
      cancel: button(region, 'Cancel').hasAttribute('disabled'),
      redact: button(region, 'Redact body').hasAttribute('disabled'),
      remove: button(region, 'Delete').hasAttribute('disabled'),
    }).toEqual({ cancel: !enabled.cancel, redact: !enabled.redact, remove: !enabled.remove });
    expect(region).toHaveTextContent(m.status);
  });

  it("opens the next message without the last one's details", async () => {
    const { user, region, source } = await openDrawer(delivered);
    await user.click(button(region, 'Close'));
    await waitFor(() => expect(drawerOf(delivered)).toBeNull());
    await user.click(rowOf(failed)!);
    const next = await screen.findByRole('region', { name: `Message ${failed.sid}` });
    expect(next).not.toHaveTextContent(delivered.sid);
    await waitFor(() => expect(source.fetch).toHaveBeenCalledWith(failed.sid));
    expect(await within(next).findByRole('list', { name: 'Fetched message' })).toHaveTextContent(
      failed.sid,
    );
  });

  it('uses the fetched copy: a message that is final by now can be deleted, and its history shows both statuses', async () => {
    const source = fakeSource(all);
    source.known.set(sending.sid, { ...sending, status: 'delivered' });
    const { region } = await openDrawer(sending, source);
    await waitFor(() => expect(button(region, 'Delete')).toBeEnabled());
    const history = within(region).getByRole('heading', {
      name: 'Status history as seen',
    }).parentElement!;
    expect(history.textContent).toMatch(/sending.*delivered/);
  });

  it('asks before cancelling; "Keep it" does nothing; confirming cancels and updates the row in place', async () => {
    const { user, source, region } = await openDrawer(scheduled);
    await user.click(button(region, 'Cancel'));
    await answer(user, 'Cancel this scheduled message?', 'Keep it');
    expect(source.cancel).not.toHaveBeenCalled();
    expect(button(region, 'Cancel')).toBeEnabled();

    await user.click(button(region, 'Cancel'));
    await answer(user, 'Cancel this scheduled message?', 'Cancel message');
    await waitFor(() => expect(button(region, 'Cancel')).toBeDisabled());
    expect(source.cancel).toHaveBeenCalledTimes(1);
    expect(source.cancel).toHaveBeenCalledWith(scheduled.sid);
    expect(within(region).getAllByText('canceled').length).toBeGreaterThan(0);

    await close(user, scheduled);
    expect(rowOf(scheduled)).toHaveTextContent('canceled');
    expect(dataRows()).toHaveLength(all.length);
    expect(statusButton('canceled')).toHaveTextContent('1canceled');
    expect(statusButton('scheduled')).toHaveTextContent('0scheduled');
  });

  it('redacts after confirmation and shows the empty body', async () => {
    const { user, source, region } = await openDrawer(delivered);
    await user.click(button(region, 'Redact body'));
    await answer(user, 'Redact the body?', 'Redact');
    await waitFor(() => expect(button(region, 'Redact body')).toBeDisabled());
    expect(source.redact).toHaveBeenCalledWith(delivered.sid);
    await close(user, delivered);
    expect(rowOf(delivered)).not.toHaveTextContent('Your code is 1234');
  });

  it('deletes after confirmation: the row goes and the drawer closes', async () => {
    const { user, source, region } = await openDrawer(delivered);
    await user.click(button(region, 'Delete'));
    await answer(user, 'Delete this message?', 'Delete');
    await waitFor(() => expect(drawerOf(delivered)).toBeNull());
    expect(source.remove).toHaveBeenCalledWith(delivered.sid);
    expect(rowOf(delivered)).toBeUndefined();
    expect(dataRows()).toHaveLength(all.length - 1);
  });

  it('keeps a cancel made while the next page loads when that page comes in', async () => {
    const source = fakeSource(all);
    const next = deferred<ListPage>();
    source.page.mockReturnValueOnce(next.promise);
    const { user } = renderLog(source, { messages: all, next_page_uri: '/page2' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await user.click(rowOf(scheduled)!);
    const region = await screen.findByRole('region', { name: `Message ${scheduled.sid}` });
    await within(region).findByRole('list', { name: 'Fetched message' });
    await user.click(button(region, 'Cancel'));
    await answer(user, 'Cancel this scheduled message?', 'Cancel message');
    await waitFor(() => expect(button(region, 'Cancel')).toBeDisabled());

    await act(async () => next.resolve({ messages: [message(9)], next_page_uri: null }));
    await close(user, scheduled);
    expect(summary()).toHaveTextContent('6 of 6 loaded messages shown · all loaded');
    expect(rowOf(scheduled)).toHaveTextContent('canceled');
  });

  it('explains Twilio’s 20009 refusal in words and keeps the row', async () => {
    const source = fakeSource(all);
    source.remove.mockRejectedValueOnce(
      new LogError('Unable to delete record: cannot delete message in this state', 20009),
    );
    const { user, region } = await openDrawer(failed, source);
    await user.click(button(region, 'Delete'));
    await answer(user, 'Delete this message?', 'Delete');
    expect(await within(region).findByRole('alert')).toHaveTextContent(
      'Twilio cannot delete or redact this message yet: it is not finished.',
    );
    await close(user, failed);
    expect(rowOf(failed)).toBeDefined();
  });

  it('explains Twilio’s 30409 refusal of a cancel in words', async () => {
    const source = fakeSource(all);
    source.cancel.mockRejectedValueOnce(
      new LogError('Message is not in a cancelable state', 30409),
    );
    const { user, region } = await openDrawer(scheduled, source);
    await user.click(button(region, 'Cancel'));
    await answer(user, 'Cancel this scheduled message?', 'Cancel message');
    expect(await within(region).findByRole('alert')).toHaveTextContent(
      'This message is no longer scheduled, so it cannot be canceled.',
    );
    expect(button(region, 'Cancel')).toBeEnabled();
  });
});
