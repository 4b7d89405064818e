// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupMockApi } from '../../../helpers/mock-api';
import { addUser, signedInAs } from '../../../helpers/msw-accounts';
import { renderApp } from '../../../helpers/render-app';

// /users, for admins: the accounts with role and status; add, change role, reset a password,
// disable and enable, delete; and the server's refusal to leave no enabled admin.

const api = setupMockApi();

const table = async () => within(await screen.findByRole('table', { name: 'Users' }));
const row = async (username: string) =>
  within(
    (await table()).getByRole('rowheader', { name: new RegExp(`^${username}`) }).closest('tr')!,
  );

beforeEach(() => {
  signedInAs(api.accounts, 'ada', 'admin');
  addUser(api.accounts, { username: 'olga', role: 'operator' });
});

it('lists the users and adds one with a role and a first password', async () => {
  renderApp('/users');
  const ada = await row('ada');
  expect(ada.getByRole('rowheader')).toHaveTextContent('ada (you)');
  expect(ada.getByRole('combobox', { name: 'Role of ada' })).toHaveTextContent('admin');
  expect((await row('olga')).getByText('Active')).toBeVisible();

  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Add user' }));
  const dialog = within(await screen.findByRole('dialog', { name: 'Add user' }));
  await user.type(dialog.getByLabelText(/^Username/), 'vic');
  await user.click(dialog.getByRole('combobox', { name: /^Role/ }));
  await user.click(await screen.findByRole('option', { name: 'viewer' }));
  expect(dialog.getByText(/^viewers may read the published app/)).toBeVisible();
  await user.type(dialog.getByLabelText(/^Password/), 'too short');
  await user.click(dialog.getByRole('button', { name: 'Add user' }));
  expect(await dialog.findByText('password must be at least 12 characters')).toBeVisible();

  await user.type(dialog.getByLabelText(/^Password/), ' but now long enough');
  await user.click(dialog.getByRole('button', { name: 'Add user' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect((await row('vic')).getByRole('combobox', { name: 'Role of vic' })).toHaveTextContent(
    'viewer',
  );
  expect(await api.bodies('POST', '/api/users')).toEqual([
    { username: 'vic', role: 'viewer', password: 'too short but now long enough' },
  ]);
});

it("changes a user's role, resets their password, disables, enables and deletes them", async () => {
  renderApp('/users');
  const user = userEvent.setup();
  await user.click((await row('olga')).getByRole('combobox', { name: 'Role of olga' }));
  await user.click(await screen.findByRole('option', { name: 'builder' }));
  await waitFor(async () =>
    expect((await row('olga')).getByRole('combobox', { name: 'Role of olga' })).toHaveTextContent(
      'builder',
    ),
  );

  await user.click(screen.getByRole('button', { name: 'Reset password of olga' }));
  const dialog = within(await screen.findByRole('dialog', { name: 'Reset the password of olga' }));
  await user.type(dialog.getByLabelText(/^New password/), 'a fresh passphrase');
  await user.type(dialog.getByLabelText(/^Confirm new password/), 'a fresh passphrase');
  await user.click(dialog.getByRole('button', { name: 'Reset password' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

  await user.click(screen.getByRole('button', { name: 'Disable olga' }));
  expect(await screen.findByRole('button', { name: 'Enable olga' })).toBeVisible();
  expect((await row('olga')).getByText('Disabled')).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Enable olga' }));
  expect(await screen.findByRole('button', { name: 'Disable olga' })).toBeVisible();

  await user.click(screen.getByRole('button', { name: 'Delete olga' }));
  const confirm = within(await screen.findByRole('dialog', { name: 'Delete olga?' }));
  await user.click(confirm.getByRole('button', { name: 'Delete' }));
  await waitFor(async () =>
    expect((await table()).queryByRole('rowheader', { name: /^olga/ })).not.toBeInTheDocument(),
  );
  expect(await api.bodies('PATCH', '/api/users/u_2')).toEqual([
    { role: 'builder' },
    { password: 'a fresh passphrase' },
    { disabled: true },
    { disabled: false },
  ]);
  expect(api.calls('DELETE', '/api/users/u_2')).toHaveLength(1);
});

it('shows why the last enabled admin cannot be demoted or deleted', async () => {
  renderApp('/users');
  const user = userEvent.setup();
  await user.click((await row('ada')).getByRole('combobox', { name: 'Role of ada' }));
  await user.click(await screen.findByRole('option', { name: 'operator' }));
  expect(
    await screen.findByText(
      'This is the last enabled admin: changing its role would leave no one to manage users. Make another user an admin first.',
    ),
  ).toBeVisible();
  expect((await row('ada')).getByRole('combobox', { name: 'Role of ada' })).toHaveTextContent(
    'admin',
  );

  await user.click(screen.getByRole('button', { name: 'Delete ada' }));
  const confirm = within(await screen.findByRole('dialog', { name: 'Delete ada?' }));
  await user.click(confirm.getByRole('button', { name: 'Delete' }));
  await waitFor(() => expect(api.calls('DELETE', '/api/users/u_1')).toHaveLength(1));
  expect(
    screen.getByText(
      'This is the last enabled admin: deleting it would leave no one to manage users. Make another user an admin first.',
    ),
  ).toBeVisible();
  expect((await table()).getByRole('rowheader', { name: /^ada/ })).toBeVisible();
});

it('in solo mode, has no users to list and points to setting up accounts', async () => {
  api.accounts.users = [];
  api.accounts.signedIn = null;
  renderApp('/users');
  expect(await screen.findByText(/There are no accounts yet/)).toBeVisible();
  expect(screen.getByRole('link', { name: 'Set up accounts' })).toHaveAttribute('href', '/setup');
  expect(api.calls('GET', '/api/users')).toEqual([]);
});
