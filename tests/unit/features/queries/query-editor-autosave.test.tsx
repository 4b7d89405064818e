// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { setupMockApi } from '../../../helpers/mock-api';
import { EMULATOR } from '../../../helpers/mock-state';
import { chooseCommand, fill, NOW, renderEditor } from './render-editor';

const api = setupMockApi({ now: NOW });
const PATH = '/api/queries/q_editor';
// The editor waits 600 ms after the last change; allow for a slow machine.
const AFTER_DEBOUNCE = { timeout: 5000 };

const nameField = () => screen.getByRole('textbox', { name: 'Query name' });
const settings = { runOnPageLoad: false, confirmBeforeRun: false, timeoutMs: 15_000 };

describe('QueryEditor: saves itself', () => {
  it('PATCHes the query with the new params once typing has paused, and says it is saved', async () => {
    const { user } = renderEditor(api);
    await fill(user, 'To', '+15558675310');
    // Nothing yet: the save waits for a pause.
    expect(api.calls('PATCH', PATH)).toEqual([]);
    await waitFor(() => expect(api.calls('PATCH', PATH)).toHaveLength(1), AFTER_DEBOUNCE);
    expect(await api.bodies('PATCH', PATH)).toEqual([
      {
        name: 'Query1',
        command: 'create-message',
        datasourceId: 'ds_emulator',
        params: { accountSid: EMULATOR.accountSid, to: '+15558675310' },
        settings,
      },
    ]);
    expect(await screen.findByText('Saved')).toBeInTheDocument();

    await fill(user, 'Body', 'Hello');
    await waitFor(() => expect(api.calls('PATCH', PATH)).toHaveLength(2), AFTER_DEBOUNCE);
    expect(api.state.queries[0]!.params).toEqual({
      accountSid: EMULATOR.accountSid,
      to: '+15558675310',
      body: 'Hello',
    });
  });

  it('saves the command chosen, with that form’s params', async () => {
    const { user } = renderEditor(api);
    await chooseCommand(user, 'Fetch Message');
    await fill(user, 'Message SID', 'SM' + 'a'.repeat(32));
    await waitFor(
      () => expect(api.state.queries[0]!.command).toBe('fetch-message'),
      AFTER_DEBOUNCE,
    );
    await waitFor(
      () =>
        expect(api.state.queries[0]!.params).toEqual({
          accountSid: EMULATOR.accountSid,
          messageSid: 'SM' + 'a'.repeat(32),
        }),
      AFTER_DEBOUNCE,
    );
  });

  it('saves the Settings tab too', async () => {
    const { user } = renderEditor(api);
    await user.click(screen.getByRole('tab', { name: 'Settings' }));
    await user.click(screen.getByRole('switch', { name: 'Run query on page load' }));
    await waitFor(() => expect(api.calls('PATCH', PATH)).toHaveLength(1), AFTER_DEBOUNCE);
    expect(((await api.bodies('PATCH', PATH))[0] as { settings: unknown }).settings).toEqual({
      ...settings,
      runOnPageLoad: true,
    });
    expect(api.state.queries[0]!.settings.runOnPageLoad).toBe(true);
  });

  it('a save still pending when the editor closes is sent at once', async () => {
    const { user, unmount } = renderEditor(api);
    await fill(user, 'To', '+15558675310');
    expect(api.calls('PATCH', PATH)).toEqual([]);
    unmount();
    await waitFor(() => expect(api.calls('PATCH', PATH)).toHaveLength(1));
    await waitFor(() => expect(api.state.queries[0]!.params).toMatchObject({ to: '+15558675310' }));
  });
});

describe('QueryEditor: the query name', () => {
  it('a renamed query is saved under its new name', async () => {
    const { user } = renderEditor(api);
    await user.clear(nameField());
    await user.paste('SendReminder');
    expect(nameField()).toHaveAccessibleDescription('Used in bindings, e.g. {{SendReminder.data}}');
    await waitFor(() => expect(api.state.queries[0]!.name).toBe('SendReminder'), AFTER_DEBOUNCE);
    expect(screen.getByRole('region', { name: 'Query SendReminder' })).toBeInTheDocument();
  });

  it('a name that is not an identifier is refused under the field and never sent', async () => {
    const { user } = renderEditor(api);
    await user.clear(nameField());
    await user.paste('2nd query');
    expect(nameField()).toHaveAccessibleDescription(
      'Name must start with a letter or _ and hold only letters, digits and _ (it is used in {{ }} bindings)',
    );
    expect(nameField()).toHaveAttribute('aria-invalid', 'true');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(api.calls('PATCH', PATH)).toEqual([]);
  });

  it('a 409 name_taken from the server shows under the query name', async () => {
    api.state.queries.push(otherQuery('SendReminder'));
    const { user } = renderEditor(api);
    await user.clear(nameField());
    await user.paste('sendreminder');
    await waitFor(
      () =>
        expect(nameField()).toHaveAccessibleDescription(
          'A query named "SendReminder" already exists; query names are unique',
        ),
      AFTER_DEBOUNCE,
    );
    expect(nameField()).toHaveAttribute('aria-invalid', 'true');
    expect(api.state.queries.find((q) => q.id === 'q_editor')!.name).toBe('Query1');

    // A free name clears the message once it is saved.
    await user.type(nameField(), '2');
    await waitFor(
      () =>
        expect(nameField()).toHaveAccessibleDescription(
          'Used in bindings, e.g. {{sendreminder2.data}}',
        ),
      AFTER_DEBOUNCE,
    );
    await waitFor(
      () => expect(api.state.queries.find((q) => q.id === 'q_editor')!.name).toBe('sendreminder2'),
      AFTER_DEBOUNCE,
    );
    expect(nameField()).not.toHaveAttribute('aria-invalid', 'true');
  });
});

function otherQuery(name: string) {
  return {
    id: 'q_other',
    name,
    datasourceId: 'ds_emulator',
    command: 'create-message' as const,
    params: {},
    settings,
    createdAt: new Date(NOW).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
    version: 1,
    updatedBy: null,
  };
}
