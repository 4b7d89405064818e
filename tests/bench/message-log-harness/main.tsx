import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { ConfirmProvider } from '../../../src/components/confirm';
import {
  MessageLog,
  type ListPage,
  type Message,
  type MessageLogSource,
} from '../../../src/features/message-log';

// The message log alone, given ?rows=N final messages as its first page (final, so it does not
// refresh itself); window.__bench records when the first rows are on screen.

const rows = Number(new URLSearchParams(location.search).get('rows') ?? 10_000);
const STATUSES = ['delivered', 'undelivered', 'failed', 'read', 'canceled'];
const start = Date.UTC(2030, 0, 1);
const messages: Message[] = Array.from({ length: rows }, (_, i) => ({
  sid: `SM${i.toString(16).padStart(32, '0')}`,
  status: STATUSES[i % STATUSES.length]!,
  direction: 'outbound-api',
  from: '+14155550100',
  to: `+1415555${String(i % 10_000).padStart(4, '0')}`,
  body: `Benchmark message number ${i}, long enough to be cut off in its column like a real one would be`,
  date_sent: new Date(start - i * 60_000).toUTCString(),
  date_created: new Date(start - i * 60_000 - 1000).toUTCString(),
  num_segments: String(1 + (i % 3)),
  price: '-0.00790',
  price_unit: 'USD',
  error_code: STATUSES[i % STATUSES.length] === 'failed' ? 30008 : null,
}));
const page: ListPage = { messages, next_page_uri: null };
const find = async (sid: string) => messages.find((m) => m.sid === sid)!;
const source: MessageLogSource = {
  list: async () => page,
  page: async () => page,
  fetch: find,
  cancel: find,
  redact: find,
  remove: async () => {},
  curl: () => 'curl',
};

const bench = window as unknown as { __bench?: { renderMs: number } };
const started = performance.now();
createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={new QueryClient()}>
    <ConfirmProvider>
      <MessageLog source={source} initial={page} height={600} />
    </ConfirmProvider>
  </QueryClientProvider>,
);
const check = () => {
  if (document.querySelectorAll('[role="row"][aria-rowindex]').length > 1) {
    // One more frame: the rows have been laid out and painted.
    requestAnimationFrame(() =>
      setTimeout(() => (bench.__bench = { renderMs: performance.now() - started })),
    );
  } else requestAnimationFrame(check);
};
requestAnimationFrame(check);
