// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { Widget } from '../../../src/contract/page';
import type { SavedQuery } from '../../../src/contract/queries';
import { defaultProps } from '../../../src/features/widgets/model';
import { setupMockApi } from '../../helpers/mock-api';
import { EMULATOR } from '../../helpers/mock-state';
import { signedInAs } from '../../helpers/msw-accounts';
import { renderApp } from '../../helpers/render-app';

// What each role is offered: operators and viewers use the published app (/app) and never see the
// editor; builders read and test datasources but do not change them; admins move between the page
// editor and the app. A button that could only be refused is not there (or, on the page, disabled).

const api = setupMockApi();

const widget = (type: Widget['type'], name: string, extra: Partial<Widget> = {}): Widget => ({
  id: `w_${name}`,
  type,
  name,
  width: 6,
  ...extra,
  props: { ...defaultProps(type), ...extra.props },
});

const query = (name: string, command: SavedQuery['command'], params: SavedQuery['params']) =>
  ({
    id: `q_${name}`,
    name,
    datasourceId: 'ds_emulator',
    command,
    params,
    settings: { runOnPageLoad: false, confirmBeforeRun: false, timeoutMs: 15_000 },
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    version: 1,
    updatedBy: null,
  }) satisfies SavedQuery;

const action = (runQuery: string, onSuccessMessage = '') => ({
  runQuery,
  onSuccessRunQuery: '',
  onSuccessMessage,
  onSuccessReset: [],
});

/** A page that sends to the number typed in Phone, and lists what was sent. */
function publishPage() {
  api.state.queries.push(
    query('SendSms', 'create-message', {
      to: '{{Phone.text}}',
      from: EMULATOR.phoneNumbers[0],
      body: 'Your order shipped',
    }),
    query('ListMessages', 'list-messages', { pageSize: '20' }),
  );
  const widgets = [
    widget('input', 'Phone', { props: { label: 'Phone', defaultText: '+15558675310' } }),
    widget('button', 'Send', { props: { label: 'Send' }, action: action('SendSms', 'Sent') }),
    widget('button', 'Refresh', { props: { label: 'Refresh' }, action: action('ListMessages') }),
  ];
  api.server.use(http.get('/api/page', () => HttpResponse.json({ updatedAt: null, widgets })));
}

const explorer = () => screen.queryByRole('navigation', { name: 'Explorer' });

it('sends an operator from the editor to the published app, which runs saved queries as saved', async () => {
  signedInAs(api.accounts, 'olga', 'operator');
  publishPage();
  const { router } = renderApp('/page');
  expect(await screen.findByRole('heading', { level: 1, name: 'App' })).toBeInTheDocument();
  expect(router.state.location.pathname).toBe('/app');
  expect(explorer()).not.toBeInTheDocument();
  expect(screen.queryByRole('group', { name: 'Page mode' })).not.toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Edit page' })).not.toBeInTheDocument();

  const user = userEvent.setup();
  const phone = await screen.findByRole('textbox', { name: 'Phone' });
  await user.clear(phone);
  await user.type(phone, '+15005550006');
  await user.click(screen.getByRole('button', { name: 'Send' }));
  expect(await screen.findByText('Sent')).toBeVisible();
  expect(await api.bodies('POST', '/api/queries/q_SendSms/run')).toEqual([
    {
      params: {
        to: '+15005550006',
        from: EMULATOR.phoneNumbers[0],
        body: 'Your order shipped',
      },
    },
  ]);
  // Nothing an operator may not read was asked for, nor any command run outside a saved query.
  expect(api.calls().filter((c) => /datasources|emulator/.test(c))).toEqual([]);
});

it("disables a viewer's Buttons whose query sends, and says why", async () => {
  signedInAs(api.accounts, 'vera', 'viewer');
  publishPage();
  renderApp('/app');
  const send = await screen.findByRole('button', { name: 'Send' });
  expect(send).toBeDisabled();
  expect(screen.getByText('Your role may not run SendSms.')).toBeVisible();

  await userEvent.setup().click(screen.getByRole('button', { name: 'Refresh' }));
  await vi.waitFor(() =>
    expect(api.calls('POST', '/api/queries/q_ListMessages/run')).toHaveLength(1),
  );
  expect(api.calls('POST', '/api/queries/q_SendSms/run')).toEqual([]);
});

it('lets an admin open the app from the page editor and come back, keeping what was typed', async () => {
  signedInAs(api.accounts, 'ada', 'admin');
  publishPage();
  const { router } = renderApp('/page');
  const user = userEvent.setup();
  await user.click(await screen.findByRole('link', { name: 'Open app' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'App' })).toBeInTheDocument();
  expect(explorer()).not.toBeInTheDocument();
  const phone = await screen.findByRole('textbox', { name: 'Phone' });
  await user.clear(phone);
  await user.type(phone, '+15005550009');

  await user.click(screen.getByRole('link', { name: 'Edit page' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'Page' })).toBeInTheDocument();
  expect(router.state.location.pathname).toBe('/page');
  expect(explorer()).toBeInTheDocument();
  expect(await screen.findByRole('textbox', { name: 'Phone' })).toHaveValue('+15005550009');
});

it('shows a builder the datasources to read and test, but nothing to create, edit or delete them', async () => {
  signedInAs(api.accounts, 'bob', 'builder');
  const { router } = renderApp('/');
  const nav = within(await screen.findByRole('navigation', { name: 'Explorer' }));
  expect(await nav.findByRole('link', { name: /^Twilio Emulator/ })).toBeVisible();
  expect(nav.getByRole('button', { name: 'New query on Twilio Emulator' })).toBeVisible();
  expect(screen.queryByRole('button', { name: 'New datasource' })).not.toBeInTheDocument();

  const user = userEvent.setup();
  await user.click(nav.getByRole('link', { name: /^Twilio Emulator/ }));
  expect(await screen.findByRole('heading', { level: 1, name: 'Twilio Emulator' })).toBeVisible();
  expect(screen.getByRole('button', { name: 'New query' })).toBeVisible();
  expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  expect(screen.queryByRole('textbox', { name: /Name/ })).not.toBeInTheDocument();
  expect(screen.getByText(EMULATOR.accountSid)).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Test' }));
  expect(await screen.findByText('Connected')).toBeVisible();
  expect(api.calls('POST', '/api/datasources/ds_emulator/test')).toHaveLength(1);

  await act(() => router.navigate({ to: '/datasources/new' }));
  expect(await screen.findByText('Only admins create datasources.')).toBeVisible();
  await act(() => router.navigate({ to: '/users' }));
  expect(await screen.findByText(/^Only admins manage users: builders may/)).toBeVisible();
  expect(api.calls('GET', '/api/users')).toEqual([]);
  await user.click(screen.getByRole('button', { name: 'bob (builder)' }));
  expect(await screen.findByRole('menuitem', { name: 'Sign out' })).toBeVisible();
  expect(screen.queryByRole('menuitem', { name: 'Users' })).not.toBeInTheDocument();
});
