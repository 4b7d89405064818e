// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { setupMockApi } from '../../../helpers/mock-api';
import { addMessage, EMULATOR } from '../../../helpers/mock-state';
import {
  EXECUTE_PATH,
  field,
  fill,
  NOW,
  renderEditor,
  responseRegion,
  runButton,
  statusChip,
  valueOf,
} from './render-editor';

const api = setupMockApi({ now: NOW });

/** Holds every execute request until `release()`, then lets the shared handler answer it. */
function holdExecute() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  api.server.use(
    http.post(EXECUTE_PATH, async () => {
      await gate;
    }),
  );
  return release;
}

const fetchParams = () => ({
  accountSid: EMULATOR.accountSid,
  messageSid: addMessage(api.state).sid,
});
const createParams = {
  accountSid: EMULATOR.accountSid,
  to: '+15558675310',
  from: '+15017122661',
  body: 'Hello',
};

describe('QueryEditor: one run at a time', () => {
  it('a double click on Run sends one request; Run stays disabled until the answer comes', async () => {
    const release = holdExecute();
    renderEditor(api, { command: 'fetch-message', params: fetchParams() });
    // Real pacing between the two clicks, and clicks that try a disabled button anyway.
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    await user.dblClick(runButton());
    await waitFor(() => expect(runButton()).toBeDisabled());
    expect(
      within(responseRegion()).getByRole('progressbar', { name: "Waiting for Twilio's response" }),
    ).toBeInTheDocument();
    await user.click(runButton());
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(api.calls('POST', EXECUTE_PATH)).toHaveLength(1);

    release();
    expect(await statusChip()).toHaveTextContent('200 OK');
    expect(runButton()).toBeEnabled();
    expect(api.calls('POST', EXECUTE_PATH)).toHaveLength(1);
    // Once it is back, the next click is the next request.
    await user.click(runButton());
    await waitFor(() => expect(api.calls('POST', EXECUTE_PATH)).toHaveLength(2));
  });

  it('Ctrl+Enter pressed twice quickly in a field sends one request', async () => {
    const release = holdExecute();
    const { user } = renderEditor(api, { command: 'fetch-message', params: fetchParams() });
    await user.click(field('Message SID'));
    await user.keyboard('{Control>}{Enter}{Enter}{/Control}');
    await waitFor(() => expect(runButton()).toBeDisabled());
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(api.calls('POST', EXECUTE_PATH)).toHaveLength(1);
    release();
    expect(await statusChip()).toHaveTextContent('200 OK');
  });
});

describe('QueryEditor: keyboard', () => {
  it('Ctrl+Enter in the Body runs the query without adding a line', async () => {
    const { user } = renderEditor(api, { params: createParams });
    await user.click(field('Body'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await statusChip()).toHaveTextContent('201 Created');
    expect(valueOf('Body')).toBe('Hello');
    expect(await api.bodies('POST', EXECUTE_PATH)).toEqual([
      { command: 'create-message', params: createParams, timeoutMs: 15_000 },
    ]);
  });

  it('Cmd+Enter runs it too', async () => {
    const { user } = renderEditor(api, { params: createParams });
    await user.click(field('To'));
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    expect(await statusChip()).toHaveTextContent('201 Created');
  });

  it('Enter alone does not run', async () => {
    const { user } = renderEditor(api, { params: createParams });
    await user.click(field('To'));
    await user.keyboard('{Enter}');
    expect(valueOf('To')).toBe(createParams.to);
    // The run that follows is the first and only one, with the Body as it is by then: a run
    // started by Enter would have gone first with the old Body, or held this one off.
    await fill(user, 'Body', 'Changed after Enter');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await statusChip()).toHaveTextContent('201 Created');
    expect(await api.bodies('POST', EXECUTE_PATH)).toEqual([
      {
        command: 'create-message',
        params: { ...createParams, body: 'Changed after Enter' },
        timeoutMs: 15_000,
      },
    ]);
  });
});

describe('QueryEditor: confirmation before running', () => {
  it('with the setting on, Run asks first: Cancel sends nothing, Run sends once', async () => {
    const { user } = renderEditor(api, {
      params: createParams,
      settings: { confirmBeforeRun: true },
    });
    await user.click(runButton());
    let dialog = await screen.findByRole('dialog', { name: 'Run Query1?' });
    expect(dialog).toHaveTextContent('Create Message to +15558675310 on Twilio Emulator.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.calls('POST', EXECUTE_PATH)).toEqual([]);
    expect(responseRegion()).toHaveTextContent(/Run the query to see Twilio's response/);

    await user.click(runButton());
    dialog = await screen.findByRole('dialog', { name: 'Run Query1?' });
    await user.click(within(dialog).getByRole('button', { name: 'Run' }));
    expect(await statusChip()).toHaveTextContent('201 Created');
    expect(api.calls('POST', EXECUTE_PATH)).toHaveLength(1);
  });

  it("a double click on the dialog's Run sends one request", async () => {
    renderEditor(api, { params: createParams, settings: { confirmBeforeRun: true } });
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    await user.click(runButton());
    const dialog = await screen.findByRole('dialog', { name: 'Run Query1?' });
    await user.dblClick(within(dialog).getByRole('button', { name: 'Run' }));
    expect(await statusChip()).toHaveTextContent('201 Created');
    // Once the dialog has gone and Run is back, nothing is left that could send a second request.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(runButton()).toBeEnabled();
    expect(api.calls('POST', EXECUTE_PATH)).toHaveLength(1);
  });

  it('Ctrl+Enter also asks first; invalid values are reported before any dialog', async () => {
    const { user } = renderEditor(api, {
      command: 'fetch-message',
      params: { accountSid: EMULATOR.accountSid, messageSid: 'SM1' },
      settings: { confirmBeforeRun: true },
    });
    await user.click(field('Message SID'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(field('Message SID')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    const sid = addMessage(api.state).sid;
    await fill(user, 'Message SID', sid);
    await user.keyboard('{Control>}{Enter}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Run Query1?' });
    expect(dialog).toHaveTextContent(`Fetch Message for ${sid} on Twilio Emulator.`);
    await user.click(within(dialog).getByRole('button', { name: 'Run' }));
    expect(await statusChip()).toHaveTextContent('200 OK');
  });

  it('turning the setting on in the Settings tab takes effect at once', async () => {
    const { user } = renderEditor(api, { params: createParams });
    await user.click(screen.getByRole('tab', { name: 'Settings' }));
    await user.click(screen.getByRole('switch', { name: 'Request confirmation before running' }));
    await user.click(runButton());
    expect(await screen.findByRole('dialog', { name: 'Run Query1?' })).toBeInTheDocument();
    expect(api.calls('POST', EXECUTE_PATH)).toEqual([]);
  });
});
