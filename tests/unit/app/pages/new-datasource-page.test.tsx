// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NewDatasourcePage } from '../../../../src/app/pages/new-datasource-page';
import { renderWithClient, setupMockApi } from '../../../helpers/mock-api';
import { EMULATOR, TWILIO } from '../../../helpers/mock-state';

const api = setupMockApi();

const input = (label: string) => screen.getByLabelText(new RegExp(`^${label}`)) as HTMLInputElement;

/** Enters text into a field as a paste: one input event, where typing would re-render per key. */
async function enter(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  await user.click(input(label));
  await user.paste(value);
}

async function chooseTwilio() {
  const user = userEvent.setup();
  window.history.replaceState(null, '', '/datasources/new');
  renderWithClient(<NewDatasourcePage />);
  expect(screen.getByRole('heading', { level: 1, name: 'New datasource' })).toBeInTheDocument();
  expect(screen.queryByRole('form')).not.toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Twilio' }));
  expect(screen.getByRole('form', { name: 'New Twilio datasource' })).toBeInTheDocument();
  return user;
}

describe('NewDatasourcePage', () => {
  it('asks for the kind first; choosing "Twilio" opens the form with help on where each value is found', async () => {
    await chooseTwilio();
    expect(input('Name')).toHaveValue('');
    expect(screen.getByRole('radio', { name: 'Twilio' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Authentication type' })).toHaveTextContent(
      'Basic Auth',
    );
    expect(input('Account SID')).toHaveAccessibleDescription(
      'Starts with AC; on the Twilio Console home page under Account Info.',
    );
    expect(input('Auth Token')).toHaveAccessibleDescription(
      'Next to the Account SID on the Twilio Console home page (click to reveal).',
    );
  });

  it('shows what is missing under the fields and sends nothing but the emulator look-up', async () => {
    const user = await chooseTwilio();
    await enter(user, 'Account SID', 'ac123');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(input('Name')).toHaveAccessibleDescription('Name is required'));
    expect(input('Account SID')).toHaveAccessibleDescription(
      /^Account SID must be AC followed by 32 hex digits/,
    );
    expect(input('Auth Token')).toHaveAccessibleDescription('Auth Token is required');
    await waitFor(() => expect(api.calls()).toEqual(['GET /api/emulator']));
    expect(window.location.pathname).toBe('/datasources/new');
  });

  it('the built-in emulator: prefilled from GET /api/emulator, tested and saved with no token, then opened', async () => {
    const user = await chooseTwilio();
    await waitFor(() => expect(api.calls('GET', '/api/emulator')).toHaveLength(1));
    await user.click(screen.getByRole('radio', { name: 'Built-in emulator' }));
    await waitFor(() => expect(input('Account SID')).toHaveValue(EMULATOR.accountSid));
    await enter(user, 'Name', 'Sandbox');

    await user.click(screen.getByRole('button', { name: 'Test' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      `Twilio Emulator · ${EMULATOR.accountSid} · Full account · active`,
    );

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/datasources\/ds_\d+$/));
    const expected = {
      name: 'Sandbox',
      target: 'emulator',
      authType: 'basic',
      accountSid: EMULATOR.accountSid,
    };
    expect(await api.bodies('POST', '/api/datasources/test')).toEqual([expected]);
    expect(await api.bodies('POST', '/api/datasources')).toEqual([expected]);
    const saved = api.state.datasources.find((d) => d.name === 'Sandbox')!;
    expect(window.location.pathname).toBe(`/datasources/${saved.id}`);
    expect(saved).toMatchObject({ target: 'emulator', hasSecret: true, secret: null });
  });

  it('Twilio with Basic Auth: saves the typed credentials once and opens the new datasource', async () => {
    const user = await chooseTwilio();
    await enter(user, 'Name', 'Production');
    await enter(user, 'Account SID', TWILIO.accountSid);
    await enter(user, 'Auth Token', TWILIO.authToken);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/datasources\/ds_\d+$/));
    expect(await api.bodies('POST', '/api/datasources')).toEqual([
      {
        name: 'Production',
        target: 'twilio',
        authType: 'basic',
        accountSid: TWILIO.accountSid,
        authToken: TWILIO.authToken,
      },
    ]);
  });
});
