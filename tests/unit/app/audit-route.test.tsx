// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryHistory, RouterProvider } from '@tanstack/react-router';
import { AppProviders } from '../../../src/app/providers';
import { createAppRouter } from '../../../src/app/router';
import { createTestQueryClient, setupMockApi } from '../../helpers/mock-api';
import { auditEvent } from '../../helpers/msw-audit';

// The Audit screen in the app: the explorer's "Audit log" entry opens /audit, whose code loads
// on first visit. Every role may read it, so it is framed as the published app, without the editor's
// explorer.

const api = setupMockApi();

beforeEach(() => {
  // The router scrolls the window after a navigation; jsdom has no scrolling.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});

it('the explorer’s Audit log entry opens the audit log at /audit', async () => {
  api.state.audit.push(auditEvent());
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: ['/'] }) });
  render(
    <AppProviders client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  const explorer = within(await screen.findByRole('navigation', { name: 'Explorer' }));
  const entry = await explorer.findByRole('link', { name: /^Audit log/ });
  expect(entry).toHaveAttribute('href', '/audit');

  await userEvent.setup().click(entry);
  expect(await screen.findByRole('heading', { level: 1, name: 'Audit log' })).toBeInTheDocument();
  expect(router.state.location.pathname).toBe('/audit');
  expect(document.title).toBe('Audit log · Twilio Query Builder');
  expect(await screen.findByText('1 event loaded · all loaded')).toBeInTheDocument();
  expect(screen.queryByRole('navigation', { name: 'Explorer' })).not.toBeInTheDocument();
});
