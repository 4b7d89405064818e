import { z } from 'zod';
import { checkSendAt, minutesText } from '../schedule';
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_SCHEDULE_MIN_SECONDS,
  MAX_BODY_CHARACTERS,
  MAX_MEDIA_URLS,
  MAX_PAGE_SIZE,
  SCHEDULE_MAX_DAYS,
  SEGMENT_UNITS,
} from '../twilio-limits';
import { defineCommand, type ParamSpec } from './define';
import {
  addressField,
  bodyField,
  dateField,
  httpUrlField,
  mediaUrlField,
  messageSidField,
  messagingServiceSidField,
  optional,
  pageSizeField,
  requiredString,
  sameChannel,
} from './fields';
import type { CommandDefinition, CommandId, FieldSpec } from './types';

// The six commands, defined once. The browser builds its forms from `fields` and checks values
// with `schema`; the server applies the same schema before it calls Twilio, and its handlers
// receive the values as the schema types them (CommandParams).

const to: FieldSpec = {
  label: 'To',
  help: 'The recipient in E.164 (+15558675310), or whatsapp:+15558675310 for WhatsApp.',
  kind: 'address',
  placeholder: '+15558675310',
};
const from: FieldSpec = {
  label: 'From',
  help: 'One of your Twilio numbers in E.164, or whatsapp:+1... Leave empty when a Messaging Service picks the sender.',
  kind: 'address',
  placeholder: '+15017122661',
};
const messagingServiceSid = (help: string): FieldSpec => ({
  label: 'Messaging Service SID',
  help,
  kind: 'sid',
  placeholder: 'MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
});
const body: FieldSpec = {
  label: 'Body',
  help: `The text, up to ${MAX_BODY_CHARACTERS} characters. ${SEGMENT_UNITS.single['GSM-7']} GSM-7 or ${SEGMENT_UNITS.single['UCS-2']} UCS-2 characters fit one SMS segment.`,
  kind: 'multiline',
};
const date = (label: string, help: string) =>
  ({
    schema: optional(dateField(label)),
    field: { label, help, kind: 'date', placeholder: 'YYYY-MM-DD' },
  }) satisfies ParamSpec;

const statusCallback = {
  schema: optional(httpUrlField('Status Callback URL')),
  field: {
    label: 'Status Callback URL',
    help: 'Twilio POSTs each status change of the message to this URL.',
    kind: 'url',
    placeholder: 'https://example.com/twilio/status',
  },
} satisfies ParamSpec;
const messageSid = {
  schema: messageSidField,
  field: {
    label: 'Message SID',
    help: 'The SID of the message (SM... or MM...), as returned when it was created or listed.',
    kind: 'sid',
    placeholder: 'SMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  },
} satisfies ParamSpec;

export const COMMANDS = {
  'create-message': defineCommand('create-message', {
    description: 'Send an SMS, MMS or WhatsApp message now.',
    sends: true,
    params: {
      to: { schema: addressField('To'), field: to },
      from: { schema: optional(addressField('From')), field: from },
      messagingServiceSid: {
        schema: optional(messagingServiceSidField),
        field: messagingServiceSid(
          'A Messaging Service (MG...) picks the sender from its pool; use it instead of, or with, From.',
        ),
      },
      body: { schema: optional(bodyField), field: body },
      mediaUrl: {
        schema: optional(mediaUrlField),
        field: {
          label: 'Media URL',
          help: `Up to ${MAX_MEDIA_URLS} public http(s) URLs of images or files, one per line; makes the message an MMS.`,
          kind: 'url-list',
          placeholder: 'https://example.com/photo.jpg',
        },
      },
      statusCallback,
    },
    refine(v, report) {
      if (!v.from && !v.messagingServiceSid)
        report('from', 'Give From or a Messaging Service SID (Twilio error 21603)');
      if (!v.body && !(v.mediaUrl && v.mediaUrl.length > 0))
        report('body', 'Give a Body or a Media URL (Twilio error 21602)');
      if (!sameChannel(v.to, v.from))
        report(
          'from',
          'From and To must be the same channel: both whatsapp: or both plain numbers',
        );
    },
  }),
  'schedule-message': defineCommand('schedule-message', {
    description: `Schedule a message through a Messaging Service, ${minutesText(DEFAULT_SCHEDULE_MIN_SECONDS / 60)} to ${SCHEDULE_MAX_DAYS} days ahead.`,
    sends: true,
    params: {
      messagingServiceSid: {
        schema: messagingServiceSidField,
        field: messagingServiceSid('Twilio schedules only through a Messaging Service (MG...).'),
      },
      to: { schema: addressField('To'), field: to },
      body: {
        schema: requiredString('Body', 'Body must be text')
          .pipe(bodyField)
          .refine((v) => v.trim() !== '', 'Body is required'),
        field: body,
      },
      sendAt: {
        schema: z.string({ message: 'Send At is required' }).trim().min(1, 'Send At is required'),
        field: {
          label: 'Send At',
          help: `When to send, ISO 8601 in UTC (2030-01-02T03:04:05Z), at least ${minutesText(DEFAULT_SCHEDULE_MIN_SECONDS / 60)} and at most ${SCHEDULE_MAX_DAYS} days ahead.`,
          kind: 'datetime',
          placeholder: '2030-01-02T03:04:05Z',
        },
      },
      statusCallback,
    },
    refineInContext(v, report, context) {
      const check = checkSendAt(v.sendAt, {
        now: context.now,
        minSeconds: context.scheduleMinSeconds,
      });
      if (!check.ok) report('sendAt', check.message);
    },
  }),
  'list-messages': defineCommand('list-messages', {
    description: 'List messages, newest first, one page at a time.',
    sends: false,
    params: {
      to: {
        schema: optional(addressField('To')),
        field: { ...to, help: 'Only messages sent to this number.' },
      },
      from: {
        schema: optional(addressField('From')),
        field: { ...from, help: 'Only messages sent from this number.' },
      },
      dateSent: date('DateSent', 'Only messages sent on this day (GMT).'),
      dateSentBefore: date('DateSent before', 'Only messages sent on or before this day (GMT).'),
      dateSentAfter: date('DateSent after', 'Only messages sent on or after this day (GMT).'),
      pageSize: {
        schema: optional(pageSizeField),
        field: {
          label: 'PageSize',
          help: `Messages per page, 1 to ${MAX_PAGE_SIZE} (Twilio defaults to ${DEFAULT_PAGE_SIZE}).`,
          kind: 'number',
          placeholder: String(DEFAULT_PAGE_SIZE),
        },
      },
      // A next_page_uri from an earlier answer: the message log pages with it, no form shows it.
      pageUri: { schema: optional(z.string().trim().max(2000, 'pageUri is too long')) },
    },
  }),
  'fetch-message': defineCommand('fetch-message', {
    description: 'Read one message by its SID.',
    sends: false,
    params: { messageSid },
  }),
  'delete-message': defineCommand('delete-message', {
    description: "Delete a finished message from the account's logs.",
    sends: false,
    params: { messageSid },
  }),
  'update-message': defineCommand('update-message', {
    description: 'Cancel a scheduled message, or redact the body of a finished one.',
    sends: false,
    params: {
      messageSid,
      status: {
        schema: optional(z.literal('canceled', { message: "Status can only be 'canceled'" })),
        field: {
          label: 'Status',
          help: 'canceled cancels a message that is still scheduled.',
          kind: 'select',
          options: [{ value: 'canceled', label: 'canceled' }],
        },
      },
      body: {
        schema: z
          .literal('', { message: 'Body can only be set to an empty string, which redacts it' })
          .optional(),
        field: {
          label: 'Body',
          help: 'Redact: replace the body with an empty string, once the message is finished. Leave Status empty to redact.',
          kind: 'redact',
        },
      },
    },
    refine(v, report) {
      if (v.status === undefined && v.body === undefined)
        report('status', "Set Status to 'canceled', or Body to an empty string to redact it");
      if (v.status !== undefined && v.body !== undefined)
        report(
          'body',
          'Cancel and redact are separate updates: send one at a time (Twilio error 30400)',
        );
    },
  }),
} satisfies { [C in CommandId]: CommandDefinition<C> };

type ParamsById = {
  [C in CommandId]: (typeof COMMANDS)[C] extends CommandDefinition<C, infer Params>
    ? Params
    : never;
};

/**
 * A command's resolved values, as its schema types them. Every command takes accountSid (define.ts
 * adds it); saying so here lets code generic in the command read it.
 */
export type CommandParams<C extends CommandId> = ParamsById[C] & {
  accountSid?: string | undefined;
};

/** The commands seen through one type, so that code generic in the command keeps its params' type. */
export const COMMAND_REGISTRY: { [C in CommandId]: CommandDefinition<C, CommandParams<C>> } =
  COMMANDS;
