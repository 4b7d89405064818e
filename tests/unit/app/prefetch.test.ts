// @vitest-environment jsdom
import { QueryObserver, type QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { http, HttpResponse } from 'msw';
import { prefetchRoute } from '../../../src/app/prefetch';
import { createAppQueryClient } from '../../../src/app/providers';
import { createAppRouter } from '../../../src/app/router';
import type { SavedQuery } from '../../../src/contract/queries';
import { datasourcesQueryOptions } from '../../../src/features/datasources/api/datasources';
import { sessionQueryOptions } from '../../../src/features/session/api';
import { setupMockApi } from '../../helpers/mock-api';
import { addUser, signedInAs } from '../../helpers/msw-accounts';

// What a deep link asks for before React renders anything: the session, the shell's lists and the
// opening page's data at once, then what only the query can tell (its datasource's choices).

const api = setupMockApi();

/** The routes an address opens, as the app's router matches them. */
const routesAt = (path: string) =>
  createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) }).matchRoutes(path);

/**
 * Fake time that passes at once: prefetching asks for nothing more within it. Every request starts
 * as a query in the client, so the client's cache shows what was asked for, even before msw sees it.
 */
const A_WHILE_MS = 5_000;
function installFakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  onTestFinished(() => void vi.useRealTimers());
}
const cachedKeys = (client: QueryClient) =>
  client
    .getQueryCache()
    .getAll()
    .map((q) => q.queryKey);

const query: SavedQuery = {
  id: 'q_list',
  name: 'ListMessages',
  datasourceId: 'ds_emulator',
  command: 'list-messages',
  params: {},
  settings: { runOnPageLoad: false, confirmBeforeRun: false, timeoutMs: 15_000 },
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  version: 1,
  updatedBy: null,
};

it("asks for the session, then a query page's data at once, and its form's choices once the query is here", async () => {
  installFakeClock();
  api.state.queries.push(query);
  let answerSession!: () => void;
  const sessionAnswered = new Promise<void>((resolve) => (answerSession = resolve));
  api.server.use(
    http.get('/api/session', async () => {
      await sessionAnswered;
      return HttpResponse.json({
        setupRequired: true,
        mode: 'solo',
        user: { id: 'local', username: 'local', role: 'admin' },
      });
    }),
  );
  const client = createAppQueryClient();
  const done = prefetchRoute(client, routesAt(`/queries/${query.id}`));
  await vi.waitFor(() => expect(api.calls()).toEqual(['GET /api/session']));
  // Nothing else before the session is known, however long it takes to come.
  await vi.advanceTimersByTimeAsync(A_WHILE_MS);
  expect(cachedKeys(client)).toEqual([['session']]);
  expect(api.calls()).toEqual(['GET /api/session']);

  answerSession();
  await done;
  const opening = [
    'GET /api/datasources',
    'GET /api/queries',
    'GET /api/page',
    `GET /api/queries/${query.id}`,
  ];
  await vi.waitFor(() =>
    expect([...api.calls()].sort()).toEqual(
      ['GET /api/session', ...opening, 'GET /api/datasources/ds_emulator/lookups'].sort(),
    ),
  );
  expect(api.calls().slice(1, 5).sort()).toEqual([...opening].sort()); // asked for together, before the choices
  expect(client.getQueryData(['queries', query.id])).toEqual(query);
  expect(client.getQueryData(['datasources', 'ds_emulator', 'lookups'])).toMatchObject({
    phoneNumbers: expect.any(Array),
  });
});

it('with accounts, asks for nothing but the session until someone signs in', async () => {
  installFakeClock();
  addUser(api.accounts, { username: 'ada', role: 'admin' });
  const client = createAppQueryClient();
  await prefetchRoute(client, routesAt('/'));
  await vi.advanceTimersByTimeAsync(A_WHILE_MS);
  expect(cachedKeys(client)).toEqual([['session']]);
  expect(api.calls()).toEqual(['GET /api/session']);
});

it("asks for nothing an operator's role may not read: the datasources, a query's editor", async () => {
  signedInAs(api.accounts, 'olga', 'operator');
  api.state.queries.push(query);
  const client = createAppQueryClient();
  await prefetchRoute(client, routesAt(`/queries/${query.id}`));
  await vi.waitFor(() =>
    expect([...api.calls()].sort()).toEqual(
      ['GET /api/session', 'GET /api/queries', 'GET /api/page'].sort(),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(api.calls()).toHaveLength(3);
});

it('checks the session again when a request is refused once signed in (the session ended)', async () => {
  signedInAs(api.accounts, 'ada', 'admin');
  const client = createAppQueryClient();
  const unsubscribe = new QueryObserver(client, sessionQueryOptions()).subscribe(() => undefined);
  await vi.waitFor(() =>
    expect(client.getQueryData(['session'])).toMatchObject({ user: { username: 'ada' } }),
  );

  api.accounts.signedIn = null; // signed out elsewhere, or the session timed out
  await client.prefetchQuery({ ...datasourcesQueryOptions(), retry: false });
  await vi.waitFor(() =>
    expect(client.getQueryData(['session'])).toEqual({
      setupRequired: false,
      mode: 'accounts',
      user: null,
    }),
  );
  expect(api.calls('GET', '/api/session')).toHaveLength(2);

  // Once the session says nobody is signed in, later refusals do not ask again.
  await client.prefetchQuery({ ...datasourcesQueryOptions(), retry: false, staleTime: 0 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(api.calls('GET', '/api/session')).toHaveLength(2);
  unsubscribe();
});

it('reads the session again when a request is refused for the role (an admin changed it)', async () => {
  const ada = signedInAs(api.accounts, 'ada', 'builder');
  const client = createAppQueryClient();
  const unsubscribe = new QueryObserver(client, sessionQueryOptions()).subscribe(() => undefined);
  await vi.waitFor(() =>
    expect(client.getQueryData(['session'])).toMatchObject({ user: { role: 'builder' } }),
  );

  ada.role = 'operator';
  api.server.use(
    http.get('/api/datasources', () =>
      HttpResponse.json(
        { error: { code: 'forbidden', message: 'operators may use the published app' } },
        { status: 403 },
      ),
    ),
  );
  await client.prefetchQuery({ ...datasourcesQueryOptions(), retry: false });
  await vi.waitFor(() =>
    expect(client.getQueryData(['session'])).toMatchObject({ user: { role: 'operator' } }),
  );
  unsubscribe();
});
