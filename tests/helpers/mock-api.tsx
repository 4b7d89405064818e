import { ThemeProvider, createTheme } from '@mui/material';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import {
  createBrowserHistory,
  createRootRoute,
  createRouter,
  RouterContextProvider,
} from '@tanstack/react-router';
import { cleanup, configure, render } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactElement, ReactNode } from 'react';
import { createAppQueryClient } from '../../src/app/providers';
import { createMockState, type MockState } from './mock-state';
import { createHandlers } from './msw-handlers';
import { sessionKeys } from '../../src/features/session/api';
import { createAccountHandlers, SOLO_SESSION, type AccountsState } from './msw-accounts';

// Component tests' API: one msw server per test file over the shared handlers, a fresh in-memory
// state and a fresh QueryClient for each test, and a log of every request that reached msw.

export interface LoggedRequest {
  method: string;
  path: string;
  search: string;
  /** The parsed JSON body, once read (see `bodies`). */
  body: Promise<unknown>;
}

export interface MockApi {
  readonly state: MockState;
  /** Accounts and who is signed in (msw-accounts.ts); solo mode unless a test adds a user. */
  readonly accounts: AccountsState;
  readonly server: ReturnType<typeof setupServer>;
  /** Every request that reached msw, in order, handled or not. */
  readonly requests: LoggedRequest[];
  /** "METHOD /path" of each request, optionally only those of one method and path. */
  calls(method?: string, path?: string): string[];
  /** The JSON bodies sent with METHOD path, in order. */
  bodies(method: string, path: string): Promise<unknown[]>;
}

/** The QueryClients made during the current test, whose work setupMockApi waits for after it. */
const testClients = new Set<QueryClient>();

function pendingWork(client: QueryClient): string[] {
  const mutations = client.isMutating();
  const queries = client.isFetching();
  return [
    ...(mutations ? [`${mutations} mutation(s) pending`] : []),
    ...(queries ? [`${queries} query(ies) fetching`] : []),
  ];
}

/**
 * Call once at the top of a component test file. Rendering MUI under jsdom is CPU-bound and the
 * suite shares the machine with servers and Chromium, so these tests get 60 s rather than 20, and
 * findBy/waitFor wait up to 5 s rather than 1.
 */
export function setupMockApi(options: { now?: number } = {}): MockApi {
  vi.setConfig({ testTimeout: 60_000 });
  configure({ asyncUtilTimeout: 5000 });
  let state = createMockState(options);
  const requests: LoggedRequest[] = [];
  const unhandled: string[] = [];
  const server = setupServer(...createAccountHandlers(() => state), ...createHandlers(() => state));
  const inFlight = new Set<string>();
  server.events.on('request:start', ({ request, requestId }) => {
    inFlight.add(requestId);
    const url = new URL(request.url);
    const body = request
      .clone()
      .text()
      .then((t) => {
        try {
          return t ? (JSON.parse(t) as unknown) : undefined;
        } catch {
          return t;
        }
      });
    requests.push({ method: request.method, path: url.pathname, search: url.search, body });
  });
  server.events.on('request:end', ({ requestId }) => {
    inFlight.delete(requestId);
  });
  server.events.on('request:unhandled', ({ request, requestId }) => {
    inFlight.delete(requestId);
    unhandled.push(`${request.method} ${new URL(request.url).pathname}`);
  });

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    state = createMockState(options);
    requests.length = 0;
    unhandled.length = 0;
  });
  afterEach(async () => {
    // Unmount first: the query editor flushes a pending save on unmount. Let it be answered here,
    // not land in the next test's state and log. Its mutation is pending from the moment it is
    // made, before its request reaches msw, so the clients are asked as well as msw.
    cleanup();
    await vi.waitFor(
      () =>
        expect(
          [...inFlight, ...[...testClients].flatMap(pendingWork)],
          'requests still waiting for an answer',
        ).toEqual([]),
      { timeout: 3000 },
    );
    testClients.clear();
    server.resetHandlers();
    window.history.replaceState(null, '', '/');
    expect(unhandled, 'requests no msw handler answered').toEqual([]);
  });
  afterAll(() => server.close());

  const matching = (method?: string, path?: string) =>
    requests.filter((r) => (!method || r.method === method) && (!path || r.path === path));
  return {
    get state() {
      return state;
    },
    get accounts() {
      return state.accounts;
    },
    server,
    requests,
    calls: (method, path) => matching(method, path).map((r) => `${r.method} ${r.path}`),
    bodies: (method, path) => Promise.all(matching(method, path).map((r) => r.body)),
  };
}

const theme = createTheme();

/** A QueryClient as the app makes it, but with no retries, so a failure shows at once. */
export function createTestQueryClient(): QueryClient {
  const client = createAppQueryClient();
  testClients.add(client);
  const defaults = client.getDefaultOptions();
  client.setDefaultOptions({
    ...defaults,
    queries: { ...defaults.queries, retry: false },
    mutations: { ...defaults.mutations, retry: false },
  });
  return client;
}

/**
 * A router for a page rendered on its own: its links and navigation work, and where they lead
 * shows in window.location, but it renders no route (the app's tree would load the pages' code).
 */
function createTestRouter() {
  const history = createBrowserHistory();
  // The history wraps window.history's methods; each test's router lets go of them.
  onTestFinished(() => history.destroy());
  return createRouter({ routeTree: createRootRoute(), history });
}

/**
 * Renders inside the MUI theme, a fresh QueryClient and a router; returns the client too. The app
 * shows a page once the session is known: here it is solo mode's (the local admin, who may do
 * everything). Tests of what other roles see render the whole app (render-app.tsx).
 */
export function renderWithClient(ui: ReactElement) {
  const client = createTestQueryClient();
  client.setQueryData(sessionKeys.current, SOLO_SESSION);
  const router = createTestRouter();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <ThemeProvider theme={theme}>
        <RouterContextProvider router={router}>{children}</RouterContextProvider>
      </ThemeProvider>
    </QueryClientProvider>
  );
  return { client, ...render(ui, { wrapper }) };
}
