// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PagePage } from '../../../../src/app/pages/page-page';
import { RuntimeProvider } from '../../../../src/app/runtime/runtime-provider';
import { ConfirmProvider } from '../../../../src/components/confirm';
import type { Widget } from '../../../../src/contract/page';
import { defaultProps } from '../../../../src/features/widgets/model';
import { renderWithClient, setupMockApi } from '../../../helpers/mock-api';
import { recordIfMatch } from '../../../helpers/msw-audit';

// No lost edits on the widget page: its autosave (PUT /api/page) names the version it builds on,
// and a save refused because someone else saved first stops until the person chooses.

const api = setupMockApi();
const writes = recordIfMatch(api.server);
const AFTER_DEBOUNCE = { timeout: 5000 };
const THEIR_TIME = '2030-01-02T09:30:00.000Z';

const input = (name: string): Widget => ({
  id: `w_${name}`,
  type: 'input',
  name,
  width: 6,
  props: defaultProps('input'),
});

/** The page editor as the app shows it at /page, once the page has loaded. */
function renderPage() {
  api.state.page = { widgets: [input('Input1')], version: 3, updatedBy: 'ada', updatedAt: null };
  const user = userEvent.setup();
  const { client } = renderWithClient(
    <ConfirmProvider>
      <RuntimeProvider>
        <PagePage />
      </RuntimeProvider>
    </ConfirmProvider>,
  );
  return Object.assign(user, { client });
}

/** Adds a widget in Edit mode: the page changes, and saves itself. */
async function addText(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Edit' }));
  await user.click(screen.getByRole('button', { name: 'Add widget' }));
  await user.click(await screen.findByRole('menuitem', { name: 'Text' }));
}

/** Grace saves the page in another tab: version 7, her own widgets. */
function graceSaves() {
  api.state.page = {
    widgets: [input('Input1'), input('GraceInput')],
    version: 7,
    updatedBy: 'grace',
    updatedAt: THEIR_TIME,
  };
}

const alert = () => screen.getByRole('alert', { name: 'Edit conflict on this page' });
const widgetNames = () => api.state.page.widgets.map((w) => w.name);

describe('PagePage: no lost edits', () => {
  it('autosaves with If-Match of the version it opened, then of the one each save answered', async () => {
    const user = renderPage();
    await addText(user);
    await waitFor(() => expect(writes).toEqual(['PUT /api/page "3"']), AFTER_DEBOUNCE);
    await waitFor(() => expect(api.state.page.version).toBe(4));
    await waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Add widget' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Text' }));
    await waitFor(() => expect(writes).toHaveLength(2), AFTER_DEBOUNCE);
    expect(writes[1]).toBe('PUT /api/page "4"');
    await waitFor(() => expect(widgetNames()).toEqual(['Input1', 'Text1', 'Text2']));
  });

  it('a 412 stops autosaving and says who changed the page; Keep mine overwrites with their version', async () => {
    const user = renderPage();
    await screen.findByRole('button', { name: 'Edit' });
    graceSaves();
    await addText(user);
    await screen.findByRole('alert', { name: 'Edit conflict on this page' }, AFTER_DEBOUNCE);
    expect(alert()).toHaveTextContent(
      `Changed by grace at ${new Date(THEIR_TIME).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`,
    );
    expect(writes).toEqual(['PUT /api/page "3"']);

    // Editing on saves nothing: theirs stays as they left it.
    await user.click(screen.getByRole('button', { name: 'Add widget' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Text' }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(writes).toEqual(['PUT /api/page "3"']);
    expect(widgetNames()).toEqual(['Input1', 'GraceInput']);

    await user.click(within(alert()).getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(writes).toEqual(['PUT /api/page "3"', 'PUT /api/page "7"']));
    await waitFor(() => expect(widgetNames()).toEqual(['Input1', 'Text1', 'Text2']));
    expect(api.state.page.version).toBe(8);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('Reload drops mine and shows their page, still in Edit mode', async () => {
    const user = renderPage();
    await screen.findByRole('button', { name: 'Edit' });
    graceSaves();
    await addText(user);
    await screen.findByRole('alert', { name: 'Edit conflict on this page' }, AFTER_DEBOUNCE);
    await user.click(within(alert()).getByRole('button', { name: 'Reload' }));
    expect(await screen.findByRole('button', { name: 'GraceInput' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Text1' })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit' })).toHaveAttribute('aria-pressed', 'true');
    // Nothing of mine was written.
    expect(writes).toEqual(['PUT /api/page "3"']);
    expect(widgetNames()).toEqual(['Input1', 'GraceInput']);
  });

  it('Copy mine copies my unsaved page as JSON and keeps the alert', async () => {
    const user = renderPage();
    await screen.findByRole('button', { name: 'Edit' });
    graceSaves();
    await addText(user);
    await screen.findByRole('alert', { name: 'Edit conflict on this page' }, AFTER_DEBOUNCE);
    await user.click(within(alert()).getByRole('button', { name: 'Copy mine' }));
    expect(await within(alert()).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    const copied = JSON.parse(await navigator.clipboard.readText()) as { widgets: Widget[] };
    expect(copied.widgets.map((w) => w.name)).toEqual(['Input1', 'Text1']);
    expect(writes).toEqual(['PUT /api/page "3"']);
  });

  it('renaming a widget renames it in saved queries on the version listed; a refusal is said', async () => {
    const query = (id: string, name: string, version: number) => ({
      id,
      name,
      datasourceId: 'ds_emulator',
      command: 'create-message' as const,
      params: { to: '{{Input1.text}}' },
      settings: { runOnPageLoad: false, confirmBeforeRun: false, timeoutMs: 15_000 },
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: THEIR_TIME,
      version,
      updatedBy: 'grace',
    });
    api.state.queries.push(query('q_a', 'SendA', 2), query('q_b', 'SendB', 4));
    const user = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    // The saved queries are listed: what the rename goes through.
    await waitFor(() => expect(user.client.getQueryData(['queries'])).toHaveLength(2));
    // SendB changes on the server after the list was read.
    api.state.queries[1]!.version = 5;
    await user.click(screen.getByRole('button', { name: 'Input1' }));
    const name = within(screen.getByRole('form', { name: 'Properties of Input1' })).getByRole(
      'textbox',
      { name: 'Name' },
    );
    await user.clear(name);
    await user.type(name, 'Recipient');
    await user.tab();

    await waitFor(() =>
      expect(writes.filter((w) => w.startsWith('PATCH'))).toEqual([
        'PATCH /api/queries/q_a "2"',
        'PATCH /api/queries/q_b "4"',
      ]),
    );
    await waitFor(() => expect(api.state.queries[0]!.params).toEqual({ to: '{{Recipient.text}}' }));
    expect(api.state.queries[1]!.params).toEqual({ to: '{{Input1.text}}' });
    expect(await screen.findByText(/^SendB still reads Input1/)).toBeInTheDocument();
  });
});
