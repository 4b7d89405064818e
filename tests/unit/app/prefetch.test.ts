// @vitest-environment jsdom
import { QueryObserver } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { http, HttpResponse } from 'msw';
import { prefetchRoute } from '../../../src/app/prefetch';
import { createAppQueryClient } from '../../../src/app/providers';
import { createAppRouter } from '../../../src/app/router';
import type { SavedQuery } from '../../../src/contract/queries';
import { datasourcesQueryOptions } from '../../../src/features/datasources/api/datasources';
import { sessionQueryOptions } from '../../../src/features/session/api';
import { setupMockApi } from '../../helpers/mock-api';

// What a deep link asks for before React renders anything: the session, the shell's lists and the
// opening page's data at once, then what only the query can tell (its datasource's choices).

const api = setupMockApi();

/** The routes an address opens, as the app's router matches them. */
const routesAt = (path: string) =>
  createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) }).matchRoutes(path);

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
  api.state.queries.push(query);
  let answerSession!: () => void;
  const sessionAnswered = new Promise<void>((resolve) => (answerSession = resolve));
  api.server.use(
    http.get('/api/session', async () => {
      await sessionAnswered;
      return HttpResponse.json({ passwordRequired: false, authenticated: true });
    }),
  );
  const client = createAppQueryClient();
  const done = prefetchRoute(client, routesAt(`/queries/${query.id}`));
  await vi.waitFor(() => expect(api.calls()).toEqual(['GET /api/session']));
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(api.calls()).toEqual(['GET /api/session']); // nothing else before the session is known

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

it('behind a password, asks for nothing but the session until the person logs in', async () => {
  api.server.use(
    http.get('/api/session', () =>
      HttpResponse.json({ passwordRequired: true, authenticated: false }),
    ),
  );
  const client = createAppQueryClient();
  await prefetchRoute(client, routesAt('/'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(api.calls()).toEqual(['GET /api/session']);
});

it('checks the session again when a request is refused after logging in (the session ended)', async () => {
  let authenticated = true;
  api.server.use(
    http.get('/api/session', () => HttpResponse.json({ passwordRequired: true, authenticated })),
    http.get('/api/datasources', () =>
      HttpResponse.json(
        { error: { code: 'login_required', message: 'Log in first' } },
        { status: 401 },
      ),
    ),
  );
  const client = createAppQueryClient();
  const unsubscribe = new QueryObserver(client, sessionQueryOptions()).subscribe(() => undefined);
  await vi.waitFor(() =>
    expect(client.getQueryData(['session'])).toEqual({
      passwordRequired: true,
      authenticated: true,
    }),
  );

  authenticated = false; // the server restarted
  await client.prefetchQuery({ ...datasourcesQueryOptions(), retry: false });
  await vi.waitFor(() =>
    expect(client.getQueryData(['session'])).toEqual({
      passwordRequired: true,
      authenticated: false,
    }),
  );
  expect(api.calls('GET', '/api/session')).toHaveLength(2);
  unsubscribe();
});
