import { ThemeProvider } from '@mui/material';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, vi } from 'vitest';
import { ConfirmProvider } from '../../../../src/components/confirm';
import {
  MessageLog,
  type MessageLogProps,
} from '../../../../src/features/message-log/components/message-log';
import type { ListPage, Message } from '../../../../src/features/message-log/model';
import type { MessageLogSource } from '../../../../src/features/message-log/use-message-log';
import { createQuietTheme } from '../../../helpers/quiet-theme';

// The message log over a fake source: no HTTP, every call recorded, each answer under the test's
// control; in a fresh QueryClient and the app's confirmation dialog, as the app has them. The browser has no layout in jsdom, so the scroller reports a fixed client height and
// the virtualizer renders about a screenful of it.

export const SCROLLER_HEIGHT = 400;
export const ROW_HEIGHT = 40;

/** Gives the log's scroller a height (jsdom lays nothing out), and restores the prototype after. */
export function mockScrollerSize() {
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.dataset.testid === 'message-log-scroller' ? SCROLLER_HEIGHT : 0;
      },
    });
  });
  afterAll(() => {
    if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
  });
}

export type FakeSource = {
  [K in keyof MessageLogSource]: ReturnType<typeof vi.fn<MessageLogSource[K]>>;
};

/** A source whose fetch answers the latest copy of each message it knows. */
export function fakeSource(known: Message[] = []): FakeSource & { known: Map<string, Message> } {
  const bySid = new Map(known.map((m) => [m.sid, m]));
  return {
    known: bySid,
    list: vi.fn<MessageLogSource['list']>(async () => ({
      messages: [...bySid.values()],
      next_page_uri: null,
    })),
    page: vi.fn<MessageLogSource['page']>(async () => ({ messages: [], next_page_uri: null })),
    fetch: vi.fn<MessageLogSource['fetch']>(async (sid) => {
      const m = bySid.get(sid);
      if (!m) throw new Error(`fake source: no message ${sid}`);
      return m;
    }),
    cancel: vi.fn<MessageLogSource['cancel']>(async (sid) => ({
      ...bySid.get(sid)!,
      status: 'canceled',
    })),
    redact: vi.fn<MessageLogSource['redact']>(async (sid) => ({ ...bySid.get(sid)!, body: '' })),
    remove: vi.fn<MessageLogSource['remove']>(async () => undefined),
    curl: vi.fn<MessageLogSource['curl']>(
      (f) =>
        `curl -G 'https://example.test/Messages.json' --data-urlencode 'PageSize=${f.pageSize}' -u "AC:$TWILIO_AUTH_TOKEN"`,
    ),
  };
}

const theme = createQuietTheme();

export function renderLog(
  source: FakeSource,
  initial: ListPage,
  props: Partial<MessageLogProps> = {},
) {
  const user = userEvent.setup();
  const client = new QueryClient();
  const result = render(
    <QueryClientProvider client={client}>
      <ThemeProvider theme={theme}>
        <ConfirmProvider>
          <MessageLog source={source} initial={initial} height={SCROLLER_HEIGHT} {...props} />
        </ConfirmProvider>
      </ThemeProvider>
    </QueryClientProvider>,
  );
  return { user, client, ...result };
}

/** A promise the test resolves when it chooses. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// Role queries walk the whole MUI tree and are slow on big DOMs: the rows are found by selector.
export const table = () =>
  document.querySelector<HTMLElement>('[role="table"][aria-label="Message log"]')!;
/** The data rows in the DOM (the header row left out). */
export const dataRows = () =>
  Array.from(table().querySelectorAll<HTMLElement>('[role="row"][aria-rowindex]')).filter(
    (r) => r.getAttribute('aria-rowindex') !== '1',
  );
export const cells = (row: HTMLElement) =>
  Array.from(row.querySelectorAll<HTMLElement>('[role="cell"]'));
export const rowOf = (m: Message) =>
  dataRows().find(
    (r) => r.textContent?.includes(m.sid.slice(0, 10)) && r.textContent.includes(m.to),
  );
export const summary = () => screen.getByText(/loaded messages shown/);
export const toColumn = () => dataRows().map((r) => cells(r)[3]!.textContent);
export const header = (label: string) =>
  Array.from(table().querySelectorAll<HTMLElement>('[role="columnheader"]')).find(
    (h) => h.textContent?.replace(/ [▲▼]$/, '') === label,
  )!;
export const statusButton = (name: string) =>
  within(screen.getByRole('group', { name: 'Filter by status' })).getByRole('button', {
    name: new RegExp(`\\b${name}$`),
  });
/** The drawer of one message, whether or not a dialog over it hides it from the accessibility tree. */
export const drawerOf = (m: Message) =>
  document.querySelector<HTMLElement>(`[role="region"][aria-label="Message ${m.sid}"]`);
