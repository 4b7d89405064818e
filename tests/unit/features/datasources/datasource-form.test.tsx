// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatasourceForm } from '../../../../src/features/datasources/components/datasource-form';
import { renderWithClient, setupMockApi } from '../../../helpers/mock-api';
import { EMULATOR, TWILIO } from '../../../helpers/mock-state';

const api = setupMockApi();
const emulator = { accountSid: EMULATOR.accountSid, apiKeySid: EMULATOR.apiKeySid };

const input = (label: string) => screen.getByLabelText(new RegExp(`^${label}`)) as HTMLInputElement;

/** Enters text into a field as a paste: one input event, where typing would re-render per key. */
async function enter(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  await user.click(input(label));
  await user.paste(value);
}
const save = () => screen.getByRole('button', { name: 'Save' });

function renderForm() {
  const onSaved = vi.fn();
  const user = userEvent.setup();
  renderWithClient(<DatasourceForm emulator={emulator} onSaved={onSaved} />);
  return { user, onSaved };
}

async function chooseAuthType(
  user: ReturnType<typeof userEvent.setup>,
  option: 'Basic Auth' | 'API Key',
) {
  await user.click(screen.getByRole('combobox', { name: 'Authentication type' }));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('DatasourceForm: validation before any request', () => {
  it('Save on an empty form marks Name, Account SID and Auth Token as required, and sends nothing', async () => {
    const { user, onSaved } = renderForm();
    await user.click(save());
    await waitFor(() => expect(input('Name')).toHaveAccessibleDescription('Name is required'));
    expect(input('Account SID')).toHaveAccessibleDescription('Account SID is required');
    expect(input('Auth Token')).toHaveAccessibleDescription('Auth Token is required');
    expect(input('Name')).toHaveAttribute('aria-invalid', 'true');
    // The first field to fix gets the focus, so a keyboard user lands on it.
    expect(input('Name')).toHaveFocus();
    expect(onSaved).not.toHaveBeenCalled();
    expect(api.requests).toHaveLength(0);
  });

  it("shows Twilio's formats under the fields: AC + 32 hex, 32-hex token, SK + 32 hex, key secret", async () => {
    const { user } = renderForm();
    await enter(user, 'Name', 'Production');
    await enter(user, 'Account SID', 'SK123');
    await enter(user, 'Auth Token', 'not-a-token');
    await user.tab();
    expect(input('Account SID')).toHaveAccessibleDescription(
      /^Account SID must be AC followed by 32 hex digits/,
    );
    expect(input('Auth Token')).toHaveAccessibleDescription(/^Auth Token must be 32 hex digits/);

    await chooseAuthType(user, 'API Key');
    await enter(user, 'API Key SID', 'AC' + '1'.repeat(32));
    await enter(user, 'API Key Secret', 'short!');
    await user.click(save());
    await waitFor(() =>
      expect(input('API Key SID')).toHaveAccessibleDescription(
        /^API Key SID must be SK followed by 32 hex digits/,
      ),
    );
    expect(input('API Key Secret')).toHaveAccessibleDescription(
      /^API Key Secret must be the letters and digits shown once/,
    );
    await user.click(screen.getByRole('button', { name: 'Test' }));
    await waitFor(() => expect(input('Account SID')).toHaveAttribute('aria-invalid', 'true'));
    expect(api.requests).toHaveLength(0);
  });

  it('fixing a field clears its message', async () => {
    const { user } = renderForm();
    await enter(user, 'Account SID', 'AC12');
    await user.tab();
    expect(input('Account SID')).toHaveAccessibleDescription(/^Account SID must be AC/);
    await user.clear(input('Account SID'));
    await enter(user, 'Account SID', TWILIO.accountSid);
    expect(input('Account SID')).toHaveAccessibleDescription(
      /^Starts with AC; on the Twilio Console home page/,
    );
    expect(input('Account SID')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('offers "API Key" fields in place of the Auth Token, each with where to find it', async () => {
    const { user } = renderForm();
    expect(screen.queryByLabelText(/^API Key SID/)).not.toBeInTheDocument();
    await chooseAuthType(user, 'API Key');
    expect(screen.queryByLabelText(/^Auth Token/)).not.toBeInTheDocument();
    expect(input('API Key SID')).toHaveAccessibleDescription(
      /Starts with SK; Console > Account > API keys & tokens/,
    );
    expect(input('API Key Secret')).toHaveAccessibleDescription(
      /Shown once, when the key is created/,
    );
    expect(input('API Key Secret')).toHaveAttribute('type', 'password');
  });
});

describe('DatasourceForm: the built-in emulator', () => {
  it("prefills the emulator's Account SID and makes the token optional", async () => {
    const { user, onSaved } = renderForm();
    expect(input('Account SID')).toBeRequired();
    await user.click(screen.getByRole('radio', { name: 'Built-in emulator' }));
    expect(input('Account SID')).toHaveValue(EMULATOR.accountSid);
    expect(input('Account SID')).not.toBeRequired();
    expect(input('Auth Token')).toHaveAccessibleDescription(
      "Optional: the emulator's own Auth Token is used when empty.",
    );

    await enter(user, 'Name', 'Local emulator');
    await user.click(save());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(await api.bodies('POST', '/api/datasources')).toEqual([
      {
        name: 'Local emulator',
        target: 'emulator',
        authType: 'basic',
        accountSid: EMULATOR.accountSid,
      },
    ]);
  });

  it("prefills the emulator's API key SID for API Key, and still checks a token typed anyway", async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Built-in emulator' }));
    await enter(user, 'Auth Token', '1234');
    await user.tab();
    expect(input('Auth Token')).toHaveAccessibleDescription(/^Auth Token must be 32 hex digits/);
    await chooseAuthType(user, 'API Key');
    expect(input('API Key SID')).toHaveValue(EMULATOR.apiKeySid);
    expect(input('API Key Secret')).toHaveAccessibleDescription(
      "Optional: the emulator's own API Key Secret is used when empty.",
    );
  });
});

describe('DatasourceForm: Test', () => {
  it("shows the account's name, type and status", async () => {
    const { user } = renderForm();
    await enter(user, 'Name', 'Production');
    await enter(user, 'Account SID', TWILIO.accountSid);
    await enter(user, 'Auth Token', TWILIO.authToken);
    await user.click(screen.getByRole('button', { name: 'Test' }));
    const alert = await screen.findByRole('status');
    expect(alert).toHaveTextContent('Connected');
    expect(alert).toHaveTextContent(
      `Acme Production · ${TWILIO.accountSid} · Full account · active`,
    );
    expect(alert).not.toHaveTextContent(/verified caller IDs/);
    expect(await api.bodies('POST', '/api/datasources/test')).toEqual([
      {
        name: 'Production',
        target: 'twilio',
        authType: 'basic',
        accountSid: TWILIO.accountSid,
        authToken: TWILIO.authToken,
      },
    ]);
    expect(api.calls('POST', '/api/datasources')).toEqual([]);
  });

  it('for a trial account, says only verified caller IDs can receive messages and lists them', async () => {
    const { user } = renderForm();
    await enter(user, 'Name', 'Trial');
    await enter(user, 'Account SID', TWILIO.trialAccountSid);
    await enter(user, 'Auth Token', TWILIO.trialAuthToken);
    await user.click(screen.getByRole('button', { name: 'Test' }));
    const alert = await screen.findByRole('status');
    expect(alert).toHaveTextContent('My first Twilio account');
    expect(alert).toHaveTextContent('Trial account');
    expect(alert).toHaveTextContent(
      'Trial account: messages can only go to verified caller IDs (+14155550111, +14155550122).',
    );
  });

  it("shows a refusal with Twilio's error code, message and docs link", async () => {
    const { user } = renderForm();
    await enter(user, 'Name', 'Production');
    await enter(user, 'Account SID', TWILIO.accountSid);
    await enter(user, 'Auth Token', 'ffffffffffffffffffffffffffffffff');
    await user.click(screen.getByRole('button', { name: 'Test' }));
    const alert = await screen.findByRole('status');
    expect(alert).toHaveTextContent('Connection failed (Twilio error 20003)');
    expect(alert).toHaveTextContent(/Twilio did not accept them/);
    expect(screen.getByRole('link', { name: 'Twilio docs' })).toHaveAttribute(
      'href',
      'https://www.twilio.com/docs/errors/20003',
    );
  });

  it('an API key is tested as Twilio allows a Standard key: messages yes, account details no', async () => {
    const { user } = renderForm();
    await enter(user, 'Name', 'Key');
    await enter(user, 'Account SID', TWILIO.accountSid);
    await chooseAuthType(user, 'API Key');
    await enter(user, 'API Key SID', TWILIO.apiKeySid);
    await enter(user, 'API Key Secret', TWILIO.apiKeySecret);
    await user.click(screen.getByRole('button', { name: 'Test' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      /Connected.*This API key can send and read messages/,
    );
    expect(await api.bodies('POST', '/api/datasources/test')).toEqual([
      {
        name: 'Key',
        target: 'twilio',
        authType: 'api-key',
        accountSid: TWILIO.accountSid,
        apiKeySid: TWILIO.apiKeySid,
        apiKeySecret: TWILIO.apiKeySecret,
      },
    ]);
  });
});

describe('DatasourceForm: Save', () => {
  it('posts exactly the form as the API takes it (trimmed) and hands the saved datasource to onSaved', async () => {
    const { user, onSaved } = renderForm();
    await enter(user, 'Name', '  Production  ');
    await enter(user, 'Account SID', ` ${TWILIO.accountSid}`);
    await enter(user, 'Auth Token', TWILIO.authToken);
    await user.click(save());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(await api.bodies('POST', '/api/datasources')).toEqual([
      {
        name: 'Production',
        target: 'twilio',
        authType: 'basic',
        accountSid: TWILIO.accountSid,
        authToken: TWILIO.authToken,
      },
    ]);
    const saved = onSaved.mock.calls[0]![0];
    expect(saved).toMatchObject({
      name: 'Production',
      target: 'twilio',
      authType: 'basic',
      accountSid: TWILIO.accountSid,
      hasSecret: true,
    });
    expect(saved.id).toMatch(/^ds_/);
    expect(JSON.stringify(saved)).not.toContain(TWILIO.authToken);
    expect(api.state.datasources.map((d) => d.name)).toEqual(['Twilio Emulator', 'Production']);
  });

  it('a 409 name_taken from the server shows under Name and nothing is saved', async () => {
    const { user, onSaved } = renderForm();
    await enter(user, 'Name', 'twilio emulator');
    await user.click(screen.getByRole('radio', { name: 'Built-in emulator' }));
    await user.click(save());
    await waitFor(() =>
      expect(input('Name')).toHaveAccessibleDescription(
        'A datasource named "Twilio Emulator" already exists; choose another name',
      ),
    );
    expect(input('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(input('Name')).toHaveFocus();
    expect(api.calls('POST', '/api/datasources')).toHaveLength(1);
    expect(onSaved).not.toHaveBeenCalled();
    expect(api.state.datasources).toHaveLength(1);
  });
});
