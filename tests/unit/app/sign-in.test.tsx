// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupMockApi } from '../../helpers/mock-api';
import { addUser, SETUP_TOKEN, signedInAs } from '../../helpers/msw-accounts';
import { renderApp } from '../../helpers/render-app';

// Accounts as a person meets them: the first account with the setup token, signing in and out,
// a session that ends while the app is open, one's own password, and solo mode's way to accounts.

const api = setupMockApi();
const PASSWORD = 'correct horse battery';

const homeHeading = () =>
  screen.findByRole('heading', {
    level: 1,
    name: 'Send, schedule and manage Twilio messages without code',
  });

async function openUserMenu(name: string) {
  await userEvent.setup().click(await screen.findByRole('button', { name }));
  return within(await screen.findByRole('menu'));
}

it('with no account on an instance away from this computer, asks for the setup token, then signs the admin in', async () => {
  api.accounts.loopback = false;
  const { router } = renderApp('/page');
  const token = await screen.findByLabelText(/^Setup token/);
  expect(router.state.location.pathname).toBe('/setup');
  expect(screen.getByText(/Printed in the server’s log/)).toHaveTextContent('TQB_SETUP_TOKEN');
  expect(screen.queryByRole('navigation', { name: 'Explorer' })).not.toBeInTheDocument();

  const user = userEvent.setup();
  await user.type(token, 'a guess');
  await user.type(screen.getByLabelText(/^Username/), 'ada');
  await user.type(screen.getByLabelText(/^Password/), PASSWORD);
  await user.type(screen.getByLabelText(/^Confirm password/), 'correct horse batteyr');
  await user.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
  expect(await screen.findByText('The two passwords differ')).toBeVisible();
  expect(api.calls('POST', '/api/setup')).toEqual([]);

  await user.clear(screen.getByLabelText(/^Confirm password/));
  await user.type(screen.getByLabelText(/^Confirm password/), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
  expect(
    await screen.findByText(
      "The setup token is wrong: use TQB_SETUP_TOKEN, or the token the server's log shows at start-up.",
    ),
  ).toBeVisible();
  expect(screen.getByLabelText(/^Setup token/)).toHaveAttribute('aria-invalid', 'true');

  await user.clear(screen.getByLabelText(/^Setup token/));
  await user.type(screen.getByLabelText(/^Setup token/), SETUP_TOKEN);
  await user.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
  expect(await homeHeading()).toBeInTheDocument();
  expect(router.state.location.pathname).toBe('/');
  expect(screen.getByRole('button', { name: 'ada (admin)' })).toBeVisible();
  expect(await api.bodies('POST', '/api/setup')).toEqual([
    { setupToken: 'a guess', username: 'ada', password: PASSWORD },
    { setupToken: SETUP_TOKEN, username: 'ada', password: PASSWORD },
  ]);
});

it('signs in with the right password only, then opens the home of the role', async () => {
  addUser(api.accounts, { username: 'ada', role: 'admin' });
  addUser(api.accounts, { username: 'olga', role: 'operator', password: PASSWORD });
  const { router } = renderApp('/sign-in');
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText(/^Username/), 'olga');
  await user.type(screen.getByLabelText(/^Password/), 'not her password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByText('Wrong username or password')).toBeVisible();

  await user.clear(screen.getByLabelText(/^Password/));
  await user.type(screen.getByLabelText(/^Password/), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'App' })).toBeInTheDocument();
  expect(router.state.location.pathname).toBe('/app');
  expect(screen.getByRole('button', { name: 'olga (operator)' })).toBeVisible();
});

it.each([
  ['another site', '//evil.example/x'],
  ['another site, spelled with a backslash', '/\\evil.example/x'],
  ['an address that is not a path', 'https://evil.example/'],
  ['the sign-in itself', '/sign-in?redirect=/page'],
])('after signing in, goes to the home of the role rather than %s', async (_what, redirect) => {
  addUser(api.accounts, { username: 'ada', role: 'admin', password: PASSWORD });
  const { router } = renderApp(`/sign-in?redirect=${encodeURIComponent(redirect)}`);
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText(/^Username/), 'ada');
  await user.type(screen.getByLabelText(/^Password/), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(await homeHeading()).toBeInTheDocument();
  expect(router.state.location.href).toBe('/');
});

it('sends a person whose session ended to sign in, then back to the page they were opening', async () => {
  signedInAs(api.accounts, 'ada', 'admin');
  const { router } = renderApp('/');
  expect(await homeHeading()).toBeInTheDocument();

  api.accounts.signedIn = null; // the session timed out, or was ended from another browser
  const user = userEvent.setup();
  await user.click(await screen.findByRole('link', { name: /^Twilio Emulator/ }));
  const username = await screen.findByLabelText(/^Username/);
  expect(router.state.location.pathname).toBe('/sign-in');
  expect(router.state.location.search).toEqual({ redirect: '/datasources/ds_emulator' });

  await user.type(username, 'ada');
  await user.type(screen.getByLabelText(/^Password/), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Twilio Emulator' }),
  ).toBeInTheDocument();
  expect(router.state.location.pathname).toBe('/datasources/ds_emulator');
});

it('signs out from the user menu, which says who is signed in and what the role may do', async () => {
  signedInAs(api.accounts, 'ada', 'admin');
  const { router } = renderApp('/');
  const menu = await openUserMenu('ada (admin)');
  expect(menu.getByText('Signed in as ada')).toBeVisible();
  expect(menu.getByText(/^Admins may do everything/)).toBeVisible();
  expect(menu.queryByRole('menuitem', { name: /Set up accounts/ })).not.toBeInTheDocument();

  await userEvent.setup().click(menu.getByRole('menuitem', { name: 'Sign out' }));
  expect(await screen.findByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(router.state.location.pathname).toBe('/sign-in');
  expect(api.calls('DELETE', '/api/session')).toHaveLength(1);
  expect(screen.queryByRole('navigation', { name: 'Explorer' })).not.toBeInTheDocument();
});

it('in solo mode, offers to set up accounts instead of signing out', async () => {
  const { router } = renderApp('/');
  const menu = await openUserMenu('local (admin)');
  expect(menu.getByText('Solo mode: no accounts yet')).toBeVisible();
  expect(menu.queryByRole('menuitem', { name: /Sign out/ })).not.toBeInTheDocument();
  expect(menu.queryByRole('menuitem', { name: /Change password/ })).not.toBeInTheDocument();
  expect(menu.queryByRole('menuitem', { name: /Users/ })).not.toBeInTheDocument();

  await userEvent.setup().click(menu.getByRole('menuitem', { name: /Set up accounts/ }));
  expect(await screen.findByLabelText(/^Setup token/)).toBeVisible();
  expect(router.state.location.pathname).toBe('/setup');
  expect(screen.getByText(/everyone signs in, on this computer too/)).toBeVisible();
  expect(screen.getByRole('link', { name: 'Not now' })).toHaveAttribute('href', '/');
});

it('changes one’s own password once the current one is right', async () => {
  signedInAs(api.accounts, 'ada', 'admin');
  renderApp('/');
  const menu = await openUserMenu('ada (admin)');
  const user = userEvent.setup();
  await user.click(menu.getByRole('menuitem', { name: 'Change password' }));
  const dialog = within(await screen.findByRole('dialog', { name: 'Change password' }));

  await user.type(dialog.getByLabelText(/^Current password/), 'not my password');
  await user.type(dialog.getByLabelText(/^New password/), 'short');
  await user.click(dialog.getByRole('button', { name: 'Change password' }));
  expect(await dialog.findByText('password must be at least 12 characters')).toBeVisible();
  expect(api.calls('POST', '/api/session/password')).toEqual([]);

  await user.clear(dialog.getByLabelText(/^New password/));
  await user.type(dialog.getByLabelText(/^New password/), 'a much longer passphrase');
  await user.type(dialog.getByLabelText(/^Confirm new password/), 'a much longer passphrase');
  await user.click(dialog.getByRole('button', { name: 'Change password' }));
  expect(await dialog.findByText('The current password is wrong.')).toBeVisible();

  await user.clear(dialog.getByLabelText(/^Current password/));
  await user.type(dialog.getByLabelText(/^Current password/), PASSWORD);
  await user.click(dialog.getByRole('button', { name: 'Change password' }));
  expect(await dialog.findByText(/^Password changed/)).toBeVisible();
  expect(await api.bodies('POST', '/api/session/password')).toEqual([
    { current: 'not my password', next: 'a much longer passphrase' },
    { current: PASSWORD, next: 'a much longer passphrase' },
  ]);
  expect(api.accounts.users[0]!.password).toBe('a much longer passphrase');
  await user.click(dialog.getByRole('button', { name: 'Close' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
});
