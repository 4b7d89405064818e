// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { setupMockApi } from '../../../helpers/mock-api';
import { EMULATOR } from '../../../helpers/mock-state';
import { recordIfMatch } from '../../../helpers/msw-audit';
import { fill, NOW, renderEditor, valueOf } from './render-editor';

// No lost edits in the query editor: every autosave names the version it builds on, and a save
// refused because someone else saved first stops autosaving until the person chooses.

const api = setupMockApi({ now: NOW });
const writes = recordIfMatch(api.server);
const PATH = '/api/queries/q_editor';
const AFTER_DEBOUNCE = { timeout: 5000 };
const THEIR_TIME = '2030-01-02T09:30:00.000Z';

/** Grace saves the query in another tab: version 5, her own To. */
function graceSaves() {
  const q = api.state.queries.find((x) => x.id === 'q_editor')!;
  Object.assign(q, {
    version: 5,
    updatedBy: 'grace',
    updatedAt: THEIR_TIME,
    params: { accountSid: EMULATOR.accountSid, to: '+15005550006' },
  });
}

const alert = () => screen.getByRole('alert', { name: 'Edit conflict on this query' });
const inAlert = (name: string) => within(alert()).getByRole('button', { name });
const localTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Types into the editor after Grace saved: the autosave is refused with a 412. */
async function conflictAfterTyping(user: Parameters<typeof fill>[0]) {
  graceSaves();
  await fill(user, 'To', '+15558675310');
  await screen.findByRole('alert', { name: 'Edit conflict on this query' }, AFTER_DEBOUNCE);
  expect(writes).toEqual([`PATCH ${PATH} "1"`]);
}

describe('QueryEditor: no lost edits', () => {
  it('sends If-Match with the version it opened, then with the version each save answered', async () => {
    const { user } = renderEditor(api);
    await fill(user, 'To', '+15558675310');
    await waitFor(() => expect(writes).toHaveLength(1), AFTER_DEBOUNCE);
    await screen.findByText('Saved');
    await fill(user, 'Body', 'Hello');
    await waitFor(() => expect(writes).toHaveLength(2), AFTER_DEBOUNCE);
    expect(writes).toEqual([`PATCH ${PATH} "1"`, `PATCH ${PATH} "2"`]);
    await waitFor(() => expect(api.state.queries[0]!.version).toBe(3));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('a save refused with 412 stops autosaving and says who changed the query and when', async () => {
    const { user } = renderEditor(api);
    await conflictAfterTyping(user);
    expect(within(alert()).getByText(`Changed by grace at ${localTime(THEIR_TIME)}`)).toBeVisible();
    expect(screen.queryByText('Saved')).not.toBeInTheDocument();

    // Typing on saves nothing: theirs stays as they left it.
    await fill(user, 'Body', 'Mine, not saved');
    await pause(1500);
    expect(writes).toEqual([`PATCH ${PATH} "1"`]);
    expect(api.state.queries[0]!.params).toEqual({
      accountSid: EMULATOR.accountSid,
      to: '+15005550006',
    });
    expect(alert()).toBeInTheDocument();
  });

  it('Reload drops mine, shows theirs, and autosaves on their version from then on', async () => {
    const { user } = renderEditor(api);
    await conflictAfterTyping(user);
    await user.click(inAlert('Reload'));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(api.calls('GET', PATH)).toEqual([`GET ${PATH}`]);
    expect(valueOf('To')).toBe('+15005550006');

    await fill(user, 'Body', 'After reload');
    await waitFor(() => expect(writes).toHaveLength(2), AFTER_DEBOUNCE);
    expect(writes[1]).toBe(`PATCH ${PATH} "5"`);
    await waitFor(() =>
      expect(api.state.queries[0]!.params).toEqual({
        accountSid: EMULATOR.accountSid,
        to: '+15005550006',
        body: 'After reload',
      }),
    );
  });

  it('Keep mine saves mine over theirs with their version, then autosaves on', async () => {
    const { user } = renderEditor(api);
    await conflictAfterTyping(user);
    await user.click(inAlert('Keep mine'));
    await waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[1]).toBe(`PATCH ${PATH} "5"`);
    await waitFor(() => expect(api.state.queries[0]!.version).toBe(6));
    expect(api.state.queries[0]!.params).toEqual({
      accountSid: EMULATOR.accountSid,
      to: '+15558675310',
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(await screen.findByText('Saved')).toBeInTheDocument();

    // One save for Keep mine, not a second one of the same text once autosave is back.
    await pause(1000);
    expect(writes).toHaveLength(2);
    await fill(user, 'Body', 'Still mine');
    await waitFor(() => expect(writes).toHaveLength(3), AFTER_DEBOUNCE);
    expect(writes[2]).toBe(`PATCH ${PATH} "6"`);
  });

  it('Copy mine copies my unsaved query as JSON and keeps the alert', async () => {
    const { user } = renderEditor(api);
    await conflictAfterTyping(user);
    await user.click(inAlert('Copy mine'));
    expect(await within(alert()).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    expect(JSON.parse(await navigator.clipboard.readText())).toEqual({
      name: 'Query1',
      command: 'create-message',
      datasourceId: 'ds_emulator',
      params: { accountSid: EMULATOR.accountSid, to: '+15558675310' },
      settings: { runOnPageLoad: false, confirmBeforeRun: false, timeoutMs: 15_000 },
    });
    expect(alert()).toBeInTheDocument();
    expect(writes).toEqual([`PATCH ${PATH} "1"`]);
  });
});
