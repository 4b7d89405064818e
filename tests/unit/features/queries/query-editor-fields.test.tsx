// @vitest-environment jsdom
import { evaluateTemplate } from '../../../../src/bindings';
import { fireEvent, screen, within } from '@testing-library/react';
import { setupMockApi } from '../../../helpers/mock-api';
import { EMULATOR } from '../../../helpers/mock-state';
import {
  emulatorChoices,
  field,
  fill,
  NOW,
  renderEditor,
  valueOf,
  typeInto,
} from './render-editor';

const api = setupMockApi({ now: NOW });

const BODY_HELP =
  'The text, up to 1600 characters. 160 GSM-7 or 70 UCS-2 characters fit one SMS segment.';

describe('Body: characters, encoding and segments as you type', () => {
  it('counts GSM-7 text, one key at a time', async () => {
    const { user } = renderEditor(api);
    expect(field('Body')).toHaveAccessibleDescription(
      `0 / 1600 characters · GSM-7 · 0 segments ${BODY_HELP}`,
    );
    await typeInto(user, 'Body', 'Hi');
    expect(field('Body')).toHaveAccessibleDescription(
      `2 / 1600 characters · GSM-7 · 1 segment ${BODY_HELP}`,
    );
    await user.paste(' there, see you at 5!');
    expect(field('Body')).toHaveAccessibleDescription(/^23 \/ 1600 characters · GSM-7 · 1 segment/);
  });

  it('an emoji switches to UCS-2', async () => {
    const { user } = renderEditor(api);
    await fill(user, 'Body', 'Hi 👋');
    expect(field('Body')).toHaveAccessibleDescription(/^4 \/ 1600 characters · UCS-2 · 1 segment/);
  });

  it('counts concatenated segments: 161 GSM-7 characters are 2, 71 UCS-2 characters are 2', async () => {
    const { user } = renderEditor(api);
    await fill(user, 'Body', 'a'.repeat(160));
    expect(field('Body')).toHaveAccessibleDescription(
      /^160 \/ 1600 characters · GSM-7 · 1 segment /,
    );
    await typeInto(user, 'Body', 'a');
    expect(field('Body')).toHaveAccessibleDescription(
      /^161 \/ 1600 characters · GSM-7 · 2 segments/,
    );
    await fill(user, 'Body', 'é'.repeat(70) + 'ж');
    expect(field('Body')).toHaveAccessibleDescription(
      /^71 \/ 1600 characters · UCS-2 · 2 segments/,
    );
  });

  it('counts what the bindings give now, once they can be evaluated', async () => {
    const resolveText = (text: string) => {
      const r = evaluateTemplate(text, { Customer: { name: 'Zoé' } });
      return r.errors[0] ? { value: undefined, error: r.errors[0].message } : { value: r.value };
    };
    const { user } = renderEditor(api, { resolveText });
    await fill(user, 'Body', 'Hello {{Customer.name}}');
    expect(field('Body')).toHaveAccessibleDescription(
      /^As evaluated now: 9 \/ 1600 characters · GSM-7 · 1 segment/,
    );
    await fill(user, 'Body', 'Hello {{Customer.name + "ж"}}');
    expect(field('Body')).toHaveAccessibleDescription(
      /^As evaluated now: 10 \/ 1600 characters · UCS-2 · 1 segment/,
    );
    await fill(user, 'Body', 'Hello {{Nobody.name}}');
    expect(field('Body')).toHaveAccessibleDescription(
      /^Characters and segments are counted once bindings are evaluated\./,
    );
  });

  it('waits for bindings before counting', async () => {
    const { user } = renderEditor(api);
    await fill(user, 'Body', 'Hello {{Customer.name}}');
    expect(field('Body')).toHaveAccessibleDescription(
      /^Characters and segments are counted once bindings are evaluated\./,
    );
  });
});

describe("Send At: ISO 8601 UTC, the local time, and Twilio's scheduling window", () => {
  it('says when a time is inside the window, and why one is not', async () => {
    const { user } = renderEditor(api, { command: 'schedule-message' });
    expect(field('Send At')).toHaveAccessibleDescription(
      'ISO 8601 UTC, at least 15 minutes and at most 35 days ahead.',
    );

    await fill(user, 'Send At', '2030-01-01T12:30:00Z');
    expect(field('Send At')).toHaveAccessibleDescription(
      /^Your time: .*2030.*\. Inside Twilio's scheduling window\.$/,
    );
    expect(field('Send At')).not.toHaveAttribute('aria-invalid', 'true');

    await fill(user, 'Send At', '2030-01-01T12:10:00Z');
    expect(field('Send At')).toHaveAccessibleDescription(
      'Send At must be at least 15 minutes from now (Twilio error 35114)',
    );
    expect(field('Send At')).toHaveAttribute('aria-invalid', 'true');

    await fill(user, 'Send At', '2030-02-06T12:00:01Z');
    expect(field('Send At')).toHaveAccessibleDescription(
      'Send At must be at most 35 days from now (Twilio error 35114)',
    );

    await fill(user, 'Send At', '2030-01-02 09:00');
    expect(field('Send At')).toHaveAccessibleDescription(
      'Send At must be ISO 8601 in UTC, such as 2030-01-02T03:04:05Z',
    );
  });

  it("'+20 min' fills a valid ISO UTC time 20 minutes from now; the picker shows it in local time", async () => {
    const { user } = renderEditor(api, { command: 'schedule-message' });
    await user.click(screen.getByRole('button', { name: '+20 min' }));
    expect(valueOf('Send At')).toBe('2030-01-01T12:20:00Z');
    expect(field('Send At')).toHaveAccessibleDescription(/Inside Twilio's scheduling window\.$/);
    const local = new Date(
      Date.parse('2030-01-01T12:20:00Z') -
        new Date(Date.parse('2030-01-01T12:20:00Z')).getTimezoneOffset() * 60_000,
    );
    expect(field('Pick in your time zone')).toHaveValue(local.toISOString().slice(0, 16));
    await user.click(screen.getByRole('button', { name: '+1 day' }));
    expect(valueOf('Send At')).toBe('2030-01-02T12:00:00Z');
  });

  it('a time picked in the local time zone becomes ISO UTC', () => {
    renderEditor(api, { command: 'schedule-message' });
    fireEvent.change(field('Pick in your time zone'), { target: { value: '2030-01-03T08:45' } });
    expect(valueOf('Send At')).toBe(
      new Date('2030-01-03T08:45').toISOString().replace('.000Z', 'Z'),
    );
  });

  it("uses the datasource's shorter window when the emulator is configured with one", async () => {
    const { user } = renderEditor(api, {
      command: 'schedule-message',
      choices: { ...emulatorChoices, scheduleMinSeconds: 120 },
    });
    expect(field('Send At')).toHaveAccessibleDescription(
      'ISO 8601 UTC, at least 2 minutes and at most 35 days ahead.',
    );
    await fill(user, 'Send At', '2030-01-01T12:05:00Z');
    expect(field('Send At')).toHaveAccessibleDescription(/Inside Twilio's scheduling window\.$/);
  });
});

describe("Choices from the account's lookups", () => {
  it("From offers the account's phone numbers, for SMS and WhatsApp", async () => {
    const { user } = renderEditor(api);
    await user.click(field('From'));
    await user.keyboard('{ArrowDown}');
    const options = within(await screen.findByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      '+15017122661',
      '+15005550006',
      'whatsapp:+15017122661',
      'whatsapp:+15005550006',
    ]);
    await user.click(screen.getByRole('option', { name: '+15005550006' }));
    expect(field('From')).toHaveValue('+15005550006');
  });

  it('From still takes any number typed, filtering the offers as you type', async () => {
    const { user } = renderEditor(api);
    await user.type(field('From'), 'whats');
    const options = within(await screen.findByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'whatsapp:+15017122661',
      'whatsapp:+15005550006',
    ]);
    await fill(user, 'From', '+14155550100');
    expect(field('From')).toHaveValue('+14155550100');
  });

  it('Messaging Service SID offers the services; To offers verified caller IDs only on a trial account', async () => {
    const { user } = renderEditor(api, { choices: { ...emulatorChoices, trial: true } });
    await user.click(field('Messaging Service SID'));
    await user.keyboard('{ArrowDown}');
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([EMULATOR.messagingServiceSid]);
    await user.keyboard('{Escape}');
    await user.click(field('To'));
    await user.keyboard('{ArrowDown}');
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(EMULATOR.verifiedCallerIds);
  });

  it('To offers nothing on a full account, and with no lookups yet the fields are plain text', async () => {
    const { user } = renderEditor(api, { choices: undefined });
    // From is a text field (where bindings are offered after {{), not a list of the account's numbers.
    expect(field('From')).toHaveAttribute('role', 'textbox');
    expect(screen.queryByRole('combobox', { name: /^From/ })).not.toBeInTheDocument();
    await user.click(field('To'));
    await user.keyboard('{ArrowDown}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });
});
