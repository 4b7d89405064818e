// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupMockApi } from '../../../helpers/mock-api';
import { EMULATOR } from '../../../helpers/mock-state';
import {
  EXECUTE_PATH,
  fill,
  field,
  NOW,
  renderEditor,
  responseRegion,
  runButton,
} from './render-editor';

const api = setupMockApi({ now: NOW });
const SM = 'SM' + '1'.repeat(32);

/** Runs, then expects each field's message under it, the first one focused, and nothing sent. */
async function expectRefused(
  user: ReturnType<typeof renderEditor>['user'],
  errors: Record<string, string>,
) {
  await user.click(runButton());
  const [first] = Object.keys(errors);
  await waitFor(() => expect(field(first!)).toHaveAccessibleDescription(errors[first!]!));
  for (const [label, message] of Object.entries(errors)) {
    expect(field(label)).toHaveAccessibleDescription(message);
    expect(field(label)).toHaveAttribute('aria-invalid', 'true');
  }
  expect(field(first!)).toHaveFocus();
  // Only the editor's autosave may have reached the server; no run did.
  expect(api.calls().filter((c) => !c.startsWith('PATCH /api/queries/'))).toEqual([]);
  expect(responseRegion()).toHaveTextContent(/Run the query to see Twilio's response/);
}

describe("QueryEditor: the contract's rules, before anything is sent", () => {
  it('Create Message: an empty To is required', async () => {
    const { user } = renderEditor(api);
    await fill(user, 'From', '+15017122661');
    await fill(user, 'Body', 'Hi');
    await expectRefused(user, { To: 'To is required' });
  });

  it('Create Message: a To that is not E.164, and a bad Twilio Account SID', async () => {
    const { user } = renderEditor(api);
    await fill(user, 'Twilio Account SID', 'AC123');
    await fill(user, 'To', '555-0100');
    await fill(user, 'From', '+15017122661');
    await fill(user, 'Body', 'Hi');
    await expectRefused(user, {
      'Twilio Account SID':
        'Twilio Account SID must look like ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx (2 letters and 32 hex digits)',
      To: 'To must be an E.164 number such as +15558675310, or whatsapp:+15558675310',
    });
  });

  it("Create Message: Twilio's cross-field rules, on the field to change", async () => {
    const { user } = renderEditor(api);
    await fill(user, 'To', '+15558675310');
    await expectRefused(user, {
      From: 'Give From or a Messaging Service SID (Twilio error 21603)',
      Body: 'Give a Body or a Media URL (Twilio error 21602)',
    });
  });

  it('Create Message: one channel on both ends, http(s) media; once fixed, the same Run goes through', async () => {
    const { user } = renderEditor(api);
    await fill(user, 'To', 'whatsapp:+15558675310');
    await fill(user, 'From', '+15017122661');
    await fill(user, 'Media URL', 'ftp://example.com/a.png');
    await expectRefused(user, {
      From: 'From and To must be the same channel: both whatsapp: or both plain numbers',
      'Media URL':
        'Media URL must be a full http:// or https:// URL, such as https://example.com/status',
    });
    await fill(user, 'From', 'whatsapp:+15017122661');
    await fill(user, 'Media URL', 'https://example.com/a.png');
    await user.click(runButton());
    await waitFor(() => expect(api.calls('POST', EXECUTE_PATH)).toHaveLength(1));
    expect(field('From')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('Schedule Message: a missing Messaging Service and a Send At inside 15 minutes', async () => {
    const { user } = renderEditor(api, { command: 'schedule-message' });
    await fill(user, 'To', '+15558675310');
    await fill(user, 'Body', 'Soon');
    await fill(user, 'Send At', '2030-01-01T12:05:00Z');
    await expectRefused(user, { 'Messaging Service SID': 'Messaging Service SID is required' });
    await fill(user, 'Messaging Service SID', EMULATOR.messagingServiceSid);
    await expectRefused(user, {
      'Send At': 'Send At must be at least 15 minutes from now (Twilio error 35114)',
    });
    await fill(user, 'Send At', 'tomorrow');
    await expectRefused(user, {
      'Send At': 'Send At must be ISO 8601 in UTC, such as 2030-01-02T03:04:05Z',
    });
  });

  it('Schedule Message: Body is required', async () => {
    const { user } = renderEditor(api, { command: 'schedule-message' });
    await fill(user, 'Messaging Service SID', EMULATOR.messagingServiceSid);
    await fill(user, 'To', '+15558675310');
    await fill(user, 'Send At', '2030-01-02T12:00:00Z');
    await expectRefused(user, { Body: 'Body is required' });
  });

  it('List Message: PageSize from 1 to 1000 and dates as YYYY-MM-DD', async () => {
    const { user } = renderEditor(api, { command: 'list-messages' });
    await fill(user, 'DateSent', '01/31/2030');
    await fill(user, 'PageSize', '5000');
    await expectRefused(user, {
      DateSent: 'DateSent must be a date as YYYY-MM-DD, for example 2024-01-31',
      PageSize: 'PageSize must be 1000 or less (Twilio error 20007)',
    });
    await fill(user, 'DateSent', '');
    await fill(user, 'PageSize', '0');
    await expectRefused(user, { PageSize: 'PageSize must be at least 1' });
    await fill(user, 'PageSize', 'ten');
    await expectRefused(user, { PageSize: 'PageSize must be a whole number from 1 to 1000' });
  });

  it.each([['fetch-message'], ['delete-message']] as const)(
    '%s: Message SID is required and must be SM/MM + 32 hex',
    async (command) => {
      const { user } = renderEditor(api, { command });
      await expectRefused(user, { 'Message SID': 'Message SID is required' });
      await fill(user, 'Message SID', 'SM123');
      await expectRefused(user, {
        'Message SID':
          'Message SID must look like SMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx (2 letters and 32 hex digits)',
      });
    },
  );

  it('Update Message: needs Status or the Redact switch, and not both', async () => {
    const { user } = renderEditor(api, { command: 'update-message' });
    await fill(user, 'Message SID', SM);
    await expectRefused(user, {
      Status: "Set Status to 'canceled', or Body to an empty string to redact it",
    });

    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'canceled' }));
    await user.click(screen.getByRole('switch', { name: /Redact body/ }));
    await user.click(runButton());
    const group = screen.getByRole('group', { name: 'Update Message parameters' });
    expect(
      await within(group).findByText(
        'Cancel and redact are separate updates: send one at a time (Twilio error 30400)',
      ),
    ).toBeInTheDocument();
    expect(api.calls('POST', EXECUTE_PATH)).toEqual([]);
  });
});

describe('QueryEditor: errors from the server', () => {
  it("a 400 naming field 'to' shows its message under To, and the preview offers to go there", async () => {
    const message = 'To must be an E.164 number such as +15558675310, or whatsapp:+15558675310';
    api.server.use(
      http.post(EXECUTE_PATH, () =>
        HttpResponse.json(
          { error: { code: 'invalid_params', message, field: 'to' } },
          { status: 400 },
        ),
      ),
    );
    const { user } = renderEditor(api);
    await fill(user, 'To', '+15558675310');
    await fill(user, 'From', '+15017122661');
    await fill(user, 'Body', 'Hi');
    await user.click(runButton());
    await waitFor(() => expect(field('To')).toHaveAccessibleDescription(message));
    expect(field('To')).toHaveAttribute('aria-invalid', 'true');
    const region = responseRegion();
    expect(region).toHaveTextContent('Not sent: a field needs fixing');
    expect(region).toHaveTextContent('HTTP 400 · invalid_params');
    await user.click(field('Body'));
    await user.click(within(region).getByRole('button', { name: 'Go to field To' }));
    await waitFor(() => expect(field('To')).toHaveFocus());
    expect(api.calls('POST', EXECUTE_PATH)).toHaveLength(1);
  });

  it('an unreachable Twilio (502) shows in the preview and Run is ready again', async () => {
    api.server.use(
      http.post(EXECUTE_PATH, () =>
        HttpResponse.json(
          {
            error: {
              code: 'upstream_unreachable',
              message: 'Twilio could not be reached (ECONNREFUSED).',
            },
          },
          { status: 502 },
        ),
      ),
    );
    const { user } = renderEditor(api, {
      command: 'fetch-message',
      params: { accountSid: EMULATOR.accountSid, messageSid: SM },
    });
    await user.click(runButton());
    expect(
      await within(responseRegion()).findByText(
        'Twilio could not be reached or answered something unreadable',
      ),
    ).toBeInTheDocument();
    expect(responseRegion()).toHaveTextContent('Twilio could not be reached (ECONNREFUSED).');
    expect(runButton()).toBeEnabled();
  });
});
