// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { setupMockApi } from '../../../helpers/mock-api';
import { addMessage, EMULATOR } from '../../../helpers/mock-state';
import { mockScrollerSize } from '../message-log/render-log';
import {
  chooseCommand,
  EXECUTE_PATH,
  fill,
  NOW,
  renderEditor,
  responseRegion,
  runButton,
  statusChip,
} from './render-editor';

const api = setupMockApi({ now: NOW });
// The Table tab holds the message log, whose rows need its scroller to have a height.
mockScrollerSize();
const ACCOUNT = EMULATOR.accountSid;

/** The one execute request this run sent. */
async function sentOnce() {
  await waitFor(() => expect(api.calls('POST', EXECUTE_PATH)).toHaveLength(1));
  return (await api.bodies('POST', EXECUTE_PATH))[0];
}

async function requestTab(user: ReturnType<typeof renderEditor>['user']) {
  await user.click(within(responseRegion()).getByRole('tab', { name: 'Request' }));
  return within(responseRegion()).getByRole('tabpanel');
}

describe('QueryEditor: running each command', () => {
  it('Create Message: sends the resolved values (Media URL as a list) and shows 201 Created', async () => {
    const { user } = renderEditor(api);
    await fill(user, 'To', '+15558675310');
    await fill(user, 'From', '+15017122661');
    await fill(user, 'Body', 'Your code is 1234');
    await fill(user, 'Media URL', 'https://example.com/a.jpg\nhttps://example.com/b.png');
    await fill(user, 'Status Callback URL', 'https://example.com/status');
    await user.click(runButton());
    expect(await sentOnce()).toEqual({
      command: 'create-message',
      params: {
        accountSid: ACCOUNT,
        to: '+15558675310',
        from: '+15017122661',
        body: 'Your code is 1234',
        mediaUrl: ['https://example.com/a.jpg', 'https://example.com/b.png'],
        statusCallback: 'https://example.com/status',
      },
      timeoutMs: 15_000,
    });
    expect(await statusChip()).toHaveTextContent('201 Created');
    expect(responseRegion()).toHaveTextContent(/"queued"/);
    const request = await requestTab(user);
    expect(request).toHaveTextContent(`POST/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(request).toHaveTextContent('MediaUrl');
  });

  it('Schedule Message: sends Send At as ISO UTC with the Messaging Service and shows 201 Created', async () => {
    const { user } = renderEditor(api, { command: 'schedule-message' });
    await fill(user, 'Messaging Service SID', EMULATOR.messagingServiceSid);
    await fill(user, 'To', '+15558675310');
    await fill(user, 'Body', 'Your table is ready at 8pm');
    await user.click(screen.getByRole('button', { name: '+1 hour' }));
    await user.click(runButton());
    expect(await sentOnce()).toEqual({
      command: 'schedule-message',
      params: {
        accountSid: ACCOUNT,
        messagingServiceSid: EMULATOR.messagingServiceSid,
        to: '+15558675310',
        body: 'Your table is ready at 8pm',
        sendAt: '2030-01-01T13:00:00Z',
      },
      timeoutMs: 15_000,
    });
    expect(await statusChip()).toHaveTextContent('201 Created');
    expect(responseRegion()).toHaveTextContent(/"scheduled"/);
  });

  it('List Message: sends the filters with PageSize as a number and shows 200 OK with a table', async () => {
    addMessage(api.state, { to: '+15558675310', body: 'An earlier message' });
    const { user } = renderEditor(api, { command: 'list-messages' });
    await fill(user, 'To', '+15558675310');
    await fill(user, 'DateSent after', '2029-12-01');
    await fill(user, 'DateSent before', '2030-01-01');
    await fill(user, 'PageSize', '20');
    await user.click(runButton());
    expect(await sentOnce()).toEqual({
      command: 'list-messages',
      params: {
        accountSid: ACCOUNT,
        to: '+15558675310',
        dateSentBefore: '2030-01-01',
        dateSentAfter: '2029-12-01',
        pageSize: 20,
      },
      timeoutMs: 15_000,
    });
    expect(await statusChip()).toHaveTextContent('200 OK');
    expect(responseRegion()).toHaveTextContent(/messages \[1 item\]/);
    await user.click(within(responseRegion()).getByRole('tab', { name: 'Table' }));
    expect(within(responseRegion()).getByRole('tabpanel')).toHaveTextContent(/An earlier message/);
  });

  it('the preview follows the command just chosen: List Message after Create Message offers the Table', async () => {
    addMessage(api.state, { body: 'Listed after a switch' });
    const { user } = renderEditor(api, { command: 'create-message' });
    await chooseCommand(user, 'List Message');
    await user.click(runButton());
    expect(await statusChip()).toHaveTextContent('200 OK');
    expect(
      within(responseRegion())
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['JSON', 'Raw', 'Request', 'Table']);
    expect(await sentOnce()).toMatchObject({ command: 'list-messages' });
  });

  it('Fetch Message: sends the Message SID and shows 200 OK with the message', async () => {
    const message = addMessage(api.state, { body: 'Fetched me' });
    const { user } = renderEditor(api, { command: 'fetch-message' });
    await fill(user, 'Message SID', message.sid);
    await user.click(runButton());
    expect(await sentOnce()).toEqual({
      command: 'fetch-message',
      params: { accountSid: ACCOUNT, messageSid: message.sid },
      timeoutMs: 15_000,
    });
    expect(await statusChip()).toHaveTextContent('200 OK');
    expect(responseRegion()).toHaveTextContent(/Fetched me/);
  });

  it('Delete Message: sends the Message SID and shows 204 No Content', async () => {
    const message = addMessage(api.state);
    const { user } = renderEditor(api, { command: 'delete-message' });
    await fill(user, 'Message SID', message.sid);
    await user.click(runButton());
    expect(await sentOnce()).toEqual({
      command: 'delete-message',
      params: { accountSid: ACCOUNT, messageSid: message.sid },
      timeoutMs: 15_000,
    });
    expect(await statusChip()).toHaveTextContent('204 No Content');
    expect(api.state.messages).toHaveLength(0);
  });

  it("Update Message: the Redact switch sends body '' and shows 200 OK", async () => {
    const message = addMessage(api.state, { body: 'Secret stuff' });
    const { user } = renderEditor(api, { command: 'update-message' });
    await fill(user, 'Message SID', message.sid);
    await user.click(screen.getByRole('switch', { name: /Redact body/ }));
    await user.click(runButton());
    expect(await sentOnce()).toEqual({
      command: 'update-message',
      params: { accountSid: ACCOUNT, messageSid: message.sid, body: '' },
      timeoutMs: 15_000,
    });
    expect(await statusChip()).toHaveTextContent('200 OK');
    expect(api.state.messages[0]!.body).toBe('');
  });

  it('Update Message: Status canceled sends status and no body', async () => {
    const message = addMessage(api.state, { status: 'scheduled' });
    const { user } = renderEditor(api, { command: 'update-message' });
    await fill(user, 'Message SID', message.sid);
    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'canceled' }));
    await user.click(runButton());
    expect(await sentOnce()).toEqual({
      command: 'update-message',
      params: { accountSid: ACCOUNT, messageSid: message.sid, status: 'canceled' },
      timeoutMs: 15_000,
    });
    expect(await statusChip()).toHaveTextContent('200 OK');
    expect(responseRegion()).toHaveTextContent(/"canceled"/);
  });

  it("shows Twilio's refusal with its code when the message does not exist", async () => {
    const { user } = renderEditor(api, { command: 'fetch-message' });
    await fill(user, 'Message SID', 'SM' + 'f'.repeat(32));
    await user.click(runButton());
    expect(await statusChip()).toHaveTextContent('404 Not Found');
    expect(responseRegion()).toHaveTextContent(/20404/);
  });

  it('sends the timeout from Settings with the run', async () => {
    const { user } = renderEditor(api, {
      command: 'fetch-message',
      params: { accountSid: ACCOUNT, messageSid: addMessage(api.state).sid },
    });
    await user.click(screen.getByRole('tab', { name: 'Settings' }));
    await fill(user, 'Timeout (ms)', '5000');
    await user.click(runButton());
    expect(await sentOnce()).toMatchObject({ command: 'fetch-message', timeoutMs: 5000 });
  });
});
