// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { COMMAND_LABELS } from '../../../../src/contract/commands/labels';
import { setupMockApi } from '../../../helpers/mock-api';
import { EMULATOR } from '../../../helpers/mock-state';
import {
  chooseCommand,
  field,
  fill,
  formLabels,
  NOW,
  renderEditor,
  valueOf,
} from './render-editor';

const api = setupMockApi({ now: NOW });

const FORMS: [string, string[]][] = [
  [
    'Create Message',
    [
      'Twilio Account SID',
      'To',
      'From',
      'Messaging Service SID',
      'Body',
      'Media URL',
      'Status Callback URL',
    ],
  ],
  [
    'Schedule Message',
    [
      'Twilio Account SID',
      'Messaging Service SID',
      'To',
      'Body',
      'Send At',
      'Pick in your time zone',
      'Status Callback URL',
    ],
  ],
  [
    'List Message',
    [
      'Twilio Account SID',
      'To',
      'From',
      'DateSent',
      'DateSent before',
      'DateSent after',
      'PageSize',
    ],
  ],
  ['Fetch Message', ['Twilio Account SID', 'Message SID']],
  ['Delete Message', ['Twilio Account SID', 'Message SID']],
  [
    'Update Message',
    ['Twilio Account SID', 'Message SID', 'Status', 'Redact body (set Body to an empty string)'],
  ],
];

describe('QueryEditor: the Commands dropdown', () => {
  it("lists exactly the contract's commands, in its order, with the saved one selected", async () => {
    const { user } = renderEditor(api, { command: 'list-messages' });
    const commands = screen.getByRole('combobox', { name: 'Commands' });
    expect(commands).toHaveTextContent('List Message');
    expect(commands).toHaveAccessibleDescription(
      'List messages, newest first, one page at a time.',
    );
    await user.click(commands);
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    // The labels themselves are pinned with each command's cases (tests/unit/contract).
    expect(options.map((o) => o.textContent)).toEqual(Object.values(COMMAND_LABELS));
    expect(screen.getByRole('option', { name: 'List Message' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it.each(FORMS)(
    'choosing %s swaps in its form, with the fields labelled as Twilio names them',
    async (label, labels) => {
      const { user } = renderEditor(api, {
        command: label === 'Create Message' ? 'fetch-message' : 'create-message',
      });
      await chooseCommand(user, label);
      expect(formLabels(label)).toEqual(labels);
      expect(screen.getAllByRole('group', { name: /parameters$/ })).toHaveLength(1);
      // The Account SID comes prefilled from the datasource.
      expect(valueOf('Twilio Account SID')).toBe(EMULATOR.accountSid);
    },
  );

  it('marks the fields each command requires', async () => {
    const { user } = renderEditor(api);
    expect(field('To')).toBeRequired();
    expect(field('From')).not.toBeRequired();
    expect(field('Body')).not.toBeRequired();
    await chooseCommand(user, 'Schedule Message');
    expect(field('Messaging Service SID')).toBeRequired();
    expect(field('Body')).toBeRequired();
    expect(field('Send At')).toBeRequired();
    await chooseCommand(user, 'List Message');
    expect(field('To')).not.toBeRequired();
    await chooseCommand(user, 'Update Message');
    expect(field('Message SID')).toBeRequired();
  });

  it("Update Message's Status offers canceled; Body is a switch that redacts", async () => {
    const { user } = renderEditor(api, { command: 'update-message' });
    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    expect(
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['(none)', 'canceled']);
    await user.click(screen.getByRole('option', { name: 'canceled' }));
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveTextContent('canceled');
    const redact = screen.getByRole('switch', {
      name: 'Redact body (set Body to an empty string)',
    });
    expect(redact).not.toBeChecked();
    await user.click(redact);
    expect(redact).toBeChecked();
  });

  it("keeps what was typed in each command's form when switching away and back", async () => {
    const { user } = renderEditor(api);
    await fill(user, 'To', '+15558675310');
    await fill(user, 'Body', 'Kept while I look elsewhere');

    await chooseCommand(user, 'Fetch Message');
    // A command not opened before starts fresh, with only the Account SID.
    expect(valueOf('Message SID')).toBe('');
    await fill(user, 'Message SID', 'SM' + '1'.repeat(32));

    await chooseCommand(user, 'Create Message');
    expect(valueOf('To')).toBe('+15558675310');
    expect(valueOf('Body')).toBe('Kept while I look elsewhere');

    await chooseCommand(user, 'Fetch Message');
    expect(valueOf('Message SID')).toBe('SM' + '1'.repeat(32));
  });

  it("starts from the saved query's params", () => {
    renderEditor(api, {
      command: 'fetch-message',
      params: { accountSid: EMULATOR.accountSid, messageSid: 'SM' + 'a'.repeat(32) },
    });
    expect(valueOf('Message SID')).toBe('SM' + 'a'.repeat(32));
    expect(screen.getByRole('textbox', { name: 'Query name' })).toHaveValue('Query1');
    expect(screen.getByRole('combobox', { name: 'Datasource' })).toHaveTextContent(
      'Twilio Emulator',
    );
  });
});
