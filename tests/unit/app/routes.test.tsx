// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createBrowserHistory, createMemoryHistory, RouterProvider } from '@tanstack/react-router';
import { AppProviders } from '../../../src/app/providers';
import { createAppRouter, openingRoutes } from '../../../src/app/router';
import { createTestQueryClient, setupMockApi } from '../../helpers/mock-api';
import { addUser } from '../../helpers/msw-accounts';

// The whole app at an address: the shell, the session, and the page the route tree picks. Solo
// mode (no account, open to this computer) unless a test adds accounts.

const api = setupMockApi();

// After each navigation the router scrolls the window to the top, which jsdom does not implement
// (in the app the window never scrolls: the page area does).
beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});

function renderApp(path: string) {
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  render(
    <AppProviders client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return router;
}

const explorer = () => within(screen.getByRole('navigation', { name: 'Explorer' }));

it('shows the not-found page, inside the shell, at an address no page lives at', async () => {
  renderApp('/datasources/ds_emulator/edit');
  expect(await screen.findByText('Nothing lives at /datasources/ds_emulator/edit.')).toBeVisible();
  expect(explorer().getByRole('heading', { name: 'Datasources' })).toBeInTheDocument();
});

it('matches paths as they are written: /Page is not the widget page', async () => {
  renderApp('/Page');
  expect(await screen.findByText('Nothing lives at /Page.')).toBeVisible();
});

it('shows the not-found page at a malformed address (a broken percent-escape), not a blank app', async () => {
  renderApp('/%E0%A4%A');
  expect(await screen.findByText('Nothing lives at /%E0%A4%A.')).toBeVisible();
  expect(explorer().getByRole('heading', { name: 'Datasources' })).toBeInTheDocument();
});

it('shows the not-found page at a malformed address under a page with a parameter', async () => {
  renderApp('/datasources/%E0%A4%A');
  expect(await screen.findByText('Nothing lives at /datasources/%E0%A4%A.')).toBeVisible();
});

it('shows the not-found page at a malformed address opened in the address bar', async () => {
  // The browser's own history, as main.tsx opens it, with the address the attack run tried.
  window.history.replaceState(null, '', '/%E0%A4%A?x=%E0%A4%A');
  const router = createAppRouter({ history: createBrowserHistory() });
  expect(openingRoutes(router).map((r) => r.routeId)).toEqual(['__root__']);
  render(
    <AppProviders client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  expect(await screen.findByText('Nothing lives at /%E0%A4%A.')).toBeVisible();
  window.history.replaceState(null, '', '/');
});

it('with accounts, signs in from a malformed address and then shows the not-found page', async () => {
  addUser(api.accounts, { username: 'ada', role: 'admin', password: 'correct horse battery' });
  const router = renderApp('/%E0%A4%A');
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText(/^Username/), 'ada');
  await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByText('Nothing lives at /%E0%A4%A.')).toBeVisible();
  expect(router.state.location.pathname).toBe('/%E0%A4%A');
});

it('gives a datasource page the id in its address, selects its entry, and goes back and forth', async () => {
  const router = renderApp('/datasources/ds_emulator');
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Twilio Emulator' }),
  ).toBeInTheDocument();
  expect(api.calls('GET', '/api/datasources/ds_emulator')).toHaveLength(1);
  expect(document.title).toBe('Twilio Emulator · Twilio Query Builder');
  const entry = await explorer().findByRole('link', { name: /^Twilio Emulator/ });
  expect(entry).toHaveAttribute('href', '/datasources/ds_emulator');
  expect(entry).toHaveClass('Mui-selected');

  await userEvent.setup().click(screen.getByRole('link', { name: 'Twilio Query Builder' }));
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Send, schedule and manage Twilio messages without code',
    }),
  ).toBeInTheDocument();
  expect(router.state.location.pathname).toBe('/');
  expect(document.title).toBe('Twilio Query Builder');
  expect(entry).not.toHaveClass('Mui-selected');

  act(() => router.history.back());
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Twilio Emulator' }),
  ).toBeInTheDocument();
  expect(explorer().getByRole('link', { name: /^Twilio Emulator/ })).toHaveClass('Mui-selected');
});

it('with accounts, sends a deep link to the sign-in, then to the page it names', async () => {
  addUser(api.accounts, { username: 'ada', role: 'admin', password: 'correct horse battery' });
  const router = renderApp('/datasources/ds_emulator');
  const username = await screen.findByLabelText(/^Username/);
  expect(router.state.location.pathname).toBe('/sign-in');
  expect(screen.queryByRole('navigation', { name: 'Explorer' })).not.toBeInTheDocument();
  const user = userEvent.setup();
  await user.type(username, 'ada');
  await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Twilio Emulator' }),
  ).toBeInTheDocument();
  expect(router.state.location.pathname).toBe('/datasources/ds_emulator');
});

it("matches the opening address before React renders, and starts loading its page's code", () => {
  const router = createAppRouter({
    history: createMemoryHistory({ initialEntries: ['/queries/q_1'] }),
  });
  const load = vi.spyOn(router, 'loadRouteChunk').mockImplementation(() => Promise.resolve());
  const routes = openingRoutes(router);
  expect(routes.map((r) => [r.routeId, r.params])).toEqual([
    ['__root__', { queryId: 'q_1' }],
    ['/queries/$queryId', { queryId: 'q_1' }],
  ]);
  expect(load.mock.calls.map(([route]) => route.id)).toEqual(['__root__', '/queries/$queryId']);
});
