// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatasourcePage } from '../../../../src/app/pages/datasource-page';
import { DatasourceForm } from '../../../../src/features/datasources/components/datasource-form';
import { renderWithClient, setupMockApi } from '../../../helpers/mock-api';
import { EMULATOR, TWILIO, toPublic, type StoredDatasource } from '../../../helpers/mock-state';

const api = setupMockApi();

const input = (label: string) => screen.getByLabelText(new RegExp(`^${label}`)) as HTMLInputElement;

/** Enters text into a field as a paste: one input event, where typing would re-render per key. */
async function enter(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  await user.click(input(label));
  await user.paste(value);
}

function addTwilioDatasource(): StoredDatasource {
  const ds: StoredDatasource = {
    id: 'ds_prod',
    name: 'Production',
    authType: 'basic',
    accountSid: TWILIO.accountSid,
    target: 'twilio',
    hasSecret: true,
    secret: TWILIO.authToken,
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    version: 1,
    updatedBy: null,
  };
  api.state.datasources.push(ds);
  return ds;
}

function renderEditing(ds: StoredDatasource) {
  const onSaved = vi.fn();
  const user = userEvent.setup();
  renderWithClient(
    <DatasourceForm
      editing={toPublic(ds)}
      emulator={{ accountSid: EMULATOR.accountSid, apiKeySid: EMULATOR.apiKeySid }}
      onSaved={onSaved}
    />,
  );
  return { user, onSaved };
}

describe('DatasourceForm editing a saved datasource', () => {
  it('never shows the secret: the field is empty and says the Auth Token is saved', () => {
    const ds = addTwilioDatasource();
    renderEditing(ds);
    expect(screen.getByRole('form', { name: 'Edit datasource' })).toBeInTheDocument();
    expect(input('Name')).toHaveValue('Production');
    expect(input('Account SID')).toHaveValue(TWILIO.accountSid);
    expect(input('Auth Token')).toHaveValue('');
    expect(input('Auth Token')).toHaveAttribute('placeholder', '•••••••• (saved)');
    expect(input('Auth Token')).toHaveAccessibleDescription(
      'Auth Token saved. Leave empty to keep it; type a new one to replace it.',
    );
    expect(document.body.innerHTML).not.toContain(TWILIO.authToken);
  });

  it('Save without a new secret PATCHes the other fields and leaves authToken out', async () => {
    const ds = addTwilioDatasource();
    const { user, onSaved } = renderEditing(ds);
    await user.clear(input('Name'));
    await enter(user, 'Name', 'Production EU');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const [body] = await api.bodies('PATCH', '/api/datasources/ds_prod');
    expect(body).toEqual({
      name: 'Production EU',
      target: 'twilio',
      authType: 'basic',
      accountSid: TWILIO.accountSid,
    });
    expect(body).not.toHaveProperty('authToken');
    expect(onSaved.mock.calls[0]![0]).toMatchObject({
      id: 'ds_prod',
      name: 'Production EU',
      hasSecret: true,
    });
    // The server kept the saved secret.
    expect(api.state.datasources.find((d) => d.id === 'ds_prod')!.secret).toBe(TWILIO.authToken);
  });

  it('a new token typed into the field replaces the saved one', async () => {
    const ds = addTwilioDatasource();
    const { user, onSaved } = renderEditing(ds);
    const replacement = 'abcdefabcdefabcdefabcdefabcdef12';
    await enter(user, 'Auth Token', replacement);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(await api.bodies('PATCH', '/api/datasources/ds_prod')).toEqual([
      {
        name: 'Production',
        target: 'twilio',
        authType: 'basic',
        accountSid: TWILIO.accountSid,
        authToken: replacement,
      },
    ]);
  });

  it('Test without a new secret tests what is saved: POST /api/datasources/:id/test, no secret sent', async () => {
    const ds = addTwilioDatasource();
    const { user } = renderEditing(ds);
    await user.click(screen.getByRole('button', { name: 'Test' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      `Acme Production · ${TWILIO.accountSid} · Full account · active`,
    );
    expect(api.calls()).toEqual(['POST /api/datasources/ds_prod/test']);
    expect(await api.bodies('POST', '/api/datasources/ds_prod/test')).toEqual([{}]);
  });

  it('switching to API Key asks for the new secret, since the saved one does not apply', async () => {
    const ds = addTwilioDatasource();
    const { user, onSaved } = renderEditing(ds);
    await user.click(screen.getByRole('combobox', { name: 'Authentication type' }));
    await user.click(await screen.findByRole('option', { name: 'API Key' }));
    expect(input('API Key Secret')).toHaveAccessibleDescription(
      'Shown once, when the key is created in the Console.',
    );
    expect(input('API Key Secret')).toHaveAttribute('placeholder', '');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(input('API Key Secret')).toHaveAccessibleDescription('API Key Secret is required'),
    );
    expect(input('API Key SID')).toHaveAccessibleDescription('API Key SID is required');
    expect(onSaved).not.toHaveBeenCalled();
    expect(api.requests).toHaveLength(0);
  });

  it('a 409 name_taken from the PATCH shows under Name', async () => {
    const ds = addTwilioDatasource();
    const { user, onSaved } = renderEditing(ds);
    await user.clear(input('Name'));
    await enter(user, 'Name', 'TWILIO EMULATOR');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(input('Name')).toHaveAccessibleDescription(
        'A datasource named "Twilio Emulator" already exists; choose another name',
      ),
    );
    expect(input('Name')).toHaveFocus();
    expect(api.calls()).toEqual(['PATCH /api/datasources/ds_prod']);
    expect(onSaved).not.toHaveBeenCalled();
    expect(api.state.datasources.find((d) => d.id === 'ds_prod')!.name).toBe('Production');
  });
});

describe('DatasourcePage', () => {
  it('shows the saved datasource without its secret, and Delete names the queries that use it', async () => {
    const ds = addTwilioDatasource();
    api.state.queries.push({
      id: 'q_1',
      name: 'SendReminder',
      datasourceId: ds.id,
      command: 'create-message',
      params: {},
      settings: { runOnPageLoad: false, confirmBeforeRun: false, timeoutMs: 15_000 },
      createdAt: ds.createdAt,
      updatedAt: ds.updatedAt,
      version: 1,
      updatedBy: null,
    });
    const user = userEvent.setup();
    renderWithClient(<DatasourcePage id={ds.id} />);
    expect(await screen.findByRole('heading', { name: 'Production' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'SendReminder' })).toHaveAttribute(
      'href',
      '/queries/q_1',
    );
    expect(input('Auth Token')).toHaveValue('');
    expect(document.body.innerHTML).not.toContain(TWILIO.authToken);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete datasource Production?' });
    expect(dialog).toHaveTextContent(
      'These queries use it and will be deleted with it: SendReminder.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.calls('DELETE')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path + r.search)).toEqual(
      ['/api/datasources/ds_prod?cascade=true'],
    );
    expect(api.state.datasources.map((d) => d.id)).toEqual(['ds_emulator']);
    expect(api.state.queries).toEqual([]);
  });
});
