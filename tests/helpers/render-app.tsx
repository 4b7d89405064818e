import { render } from '@testing-library/react';
import { createMemoryHistory, RouterProvider } from '@tanstack/react-router';
import { AppProviders } from '../../src/app/providers';
import { createAppRouter } from '../../src/app/router';
import { createTestQueryClient } from './mock-api';

/**
 * The whole app at an address, as main.tsx starts it: the shell, the session and the page the
 * route tree picks. Returns the router, to read where navigation led.
 */
export function renderApp(path: string) {
  // After each navigation the router scrolls the window to the top, which jsdom does not
  // implement (in the app the window never scrolls: the page area does).
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  const client = createTestQueryClient();
  render(
    <AppProviders client={client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { router, client };
}
