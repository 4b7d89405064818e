import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, type CommandId } from '../../../src/contract/commands/types';
import { validateCommand } from '../../../src/contract/commands/validate';
import { type z } from 'zod';
import { COMMANDS } from '../../../src/contract/commands/definitions';
import { COMMAND_LABELS } from '../../../src/contract/commands/labels';

// validateCommand keeps a command's schema when its factory cannot read the context. It must
// decide exactly as a freshly built schema does, call after call, and a schema that reads the
// context (Schedule Message's window) must see each call's own time.

/** What a schema built for this one call decides, in validateCommand's terms. */
function fresh(command: CommandId, values: unknown, c: typeof ctx) {
  const parsed = COMMANDS[command].schema(c).safeParse(values ?? {});
  if (parsed.success) return { ok: true, values: parsed.data };
  return {
    ok: false,
    errors: (parsed.error as z.ZodError).issues.map((i) => ({
      field: i.path.length > 0 ? String(i.path[0]) : '',
      message: i.message,
    })),
  };
}

const SID = `SM${'ab'.repeat(16)}`;
const ACCOUNT = `AC${'cd'.repeat(16)}`;
const SERVICE = `MG${'ef'.repeat(16)}`;
const NOW = Date.parse('2030-01-01T00:00:00Z');
const ctx = { now: NOW, scheduleMinSeconds: 900 };

const cases: [CommandId, unknown][] = [
  ['create-message', { to: '+14155550100', from: '+14155550101', body: 'hi' }],
  ['create-message', { to: '+14155550100', body: 'hi' }],
  ['create-message', { to: 'whatsapp:+14155550100', from: '+14155550101', body: 'hi' }],
  [
    'create-message',
    {
      to: '+14155550100',
      messagingServiceSid: SERVICE,
      mediaUrl: 'https://e.com/a.png, https://e.com/b.png',
      extra: 1,
    },
  ],
  ['create-message', { to: '14155550100', from: '', body: '' }],
  ['create-message', undefined],
  [
    'schedule-message',
    {
      to: '+14155550100',
      messagingServiceSid: SERVICE,
      body: 'later',
      sendAt: '2030-01-01T00:20:00Z',
    },
  ],
  [
    'schedule-message',
    {
      to: '+14155550100',
      messagingServiceSid: SERVICE,
      body: 'soon',
      sendAt: '2030-01-01T00:05:00Z',
    },
  ],
  ['list-messages', { to: '+14155550100', dateSent: '2024-02-30', pageSize: '20' }],
  ['list-messages', { pageSize: 0, accountSid: ACCOUNT }],
  ['list-messages', {}],
  ['fetch-message', { messageSid: SID }],
  ['fetch-message', { messageSid: 'SM123' }],
  ['fetch-message', { messageSid: SID, accountSid: 'nope' }],
  ['delete-message', {}],
  ['update-message', { messageSid: SID, status: 'canceled' }],
  ['update-message', { messageSid: SID, status: 'canceled', body: '' }],
  ['update-message', { messageSid: SID }],
];

describe('command validation with kept schemas', () => {
  it.each(cases)('decides %s %j as validateCommand does, every time', (command, values) => {
    const expected = fresh(command, values, ctx);
    for (let i = 0; i < 3; i++) expect(validateCommand(command, values, ctx)).toEqual(expected);
  });

  it('covers every command', () => {
    expect(new Set(cases.map(([command]) => command))).toEqual(new Set(COMMAND_IDS));
  });

  it("names the commands as Twilio's docs do, in the dropdown's order", () => {
    expect(Object.values(COMMAND_LABELS)).toEqual([
      'Create Message',
      'Schedule Message',
      'List Message',
      'Fetch Message',
      'Delete Message',
      'Update Message',
    ]);
  });

  it("checks Send At against each call's own time and window", () => {
    const values = {
      to: '+14155550100',
      messagingServiceSid: SERVICE,
      body: 'later',
      sendAt: '2030-01-01T00:20:00Z',
    };
    expect(validateCommand('schedule-message', values, ctx).ok).toBe(true);
    // Ten minutes on, the same Send At is too soon; with a 60 s window it is fine again.
    const later = validateCommand('schedule-message', values, {
      now: NOW + 10 * 60_000,
      scheduleMinSeconds: 900,
    });
    expect(later).toMatchObject({ ok: false, errors: [{ field: 'sendAt' }] });
    expect(
      validateCommand('schedule-message', values, {
        now: NOW + 10 * 60_000,
        scheduleMinSeconds: 60,
      }).ok,
    ).toBe(true);
  });

  it('hands out a fresh values object per call, which the relay may change', () => {
    const first = validateCommand('list-messages', { pageSize: 5 }, ctx);
    const second = validateCommand('list-messages', { pageSize: 5 }, ctx);
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) {
      first.values.pageUri = '/changed';
      expect(second.values).toEqual({ pageSize: 5 });
    }
  });
});
