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
import {
  accountSidField,
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
import { COMMAND_LABELS } from './labels';
import type { CommandDefinition, CommandId, FieldDefinition } from './types';

// The six commands, defined once. The browser builds its forms from `fields` and checks values
// with `schema`; the server applies the same schema before it calls Twilio.

const accountSid: FieldDefinition = {
  name: 'accountSid',
  label: 'Twilio Account SID',
  help: "Defaults to the datasource's account; set it to act on a subaccount.",
  kind: 'sid',
  required: false,
  placeholder: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
};
const to: FieldDefinition = {
  name: 'to',
  label: 'To',
  help: 'The recipient in E.164 (+15558675310), or whatsapp:+15558675310 for WhatsApp.',
  kind: 'address',
  required: true,
  placeholder: '+15558675310',
};
const from: FieldDefinition = {
  name: 'from',
  label: 'From',
  help: 'One of your Twilio numbers in E.164, or whatsapp:+1... Leave empty when a Messaging Service picks the sender.',
  kind: 'address',
  required: false,
  placeholder: '+15017122661',
};
const messagingServiceSid = (required: boolean): FieldDefinition => ({
  name: 'messagingServiceSid',
  label: 'Messaging Service SID',
  help: required
    ? 'Twilio schedules only through a Messaging Service (MG...).'
    : 'A Messaging Service (MG...) picks the sender from its pool; use it instead of, or with, From.',
  kind: 'sid',
  required,
  placeholder: 'MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
});
const body = (required: boolean): FieldDefinition => ({
  name: 'body',
  label: 'Body',
  help: `The text, up to ${MAX_BODY_CHARACTERS} characters. ${SEGMENT_UNITS.single['GSM-7']} GSM-7 or ${SEGMENT_UNITS.single['UCS-2']} UCS-2 characters fit one SMS segment.`,
  kind: 'multiline',
  required,
});
const mediaUrl: FieldDefinition = {
  name: 'mediaUrl',
  label: 'Media URL',
  help: `Up to ${MAX_MEDIA_URLS} public http(s) URLs of images or files, one per line; makes the message an MMS.`,
  kind: 'url-list',
  required: false,
  placeholder: 'https://example.com/photo.jpg',
};
const statusCallback: FieldDefinition = {
  name: 'statusCallback',
  label: 'Status Callback URL',
  help: 'Twilio POSTs each status change of the message to this URL.',
  kind: 'url',
  required: false,
  placeholder: 'https://example.com/twilio/status',
};
const messageSid: FieldDefinition = {
  name: 'messageSid',
  label: 'Message SID',
  help: 'The SID of the message (SM... or MM...), as returned when it was created or listed.',
  kind: 'sid',
  required: true,
  placeholder: 'SMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
};
const dateFieldDef = (name: string, label: string, help: string): FieldDefinition => ({
  name,
  label,
  help,
  kind: 'date',
  required: false,
  placeholder: 'YYYY-MM-DD',
});

/** A cross-field rule reported on the field a person should change. */
const issue = (ctx: z.RefinementCtx, path: string, message: string) =>
  ctx.addIssue({ code: 'custom', path: [path], message });

export const COMMANDS = {
  'create-message': {
    id: 'create-message',
    label: COMMAND_LABELS['create-message'],
    description: 'Send an SMS, MMS or WhatsApp message now.',
    sends: true,
    fields: [
      accountSid,
      to,
      from,
      messagingServiceSid(false),
      body(false),
      mediaUrl,
      statusCallback,
    ],
    schema: () =>
      z
        .object({
          accountSid: accountSidField,
          to: addressField('To'),
          from: optional(addressField('From')),
          messagingServiceSid: optional(messagingServiceSidField),
          body: optional(bodyField),
          mediaUrl: optional(mediaUrlField),
          statusCallback: optional(httpUrlField('Status Callback URL')),
        })
        .superRefine((v, ctx) => {
          if (!v.from && !v.messagingServiceSid)
            issue(ctx, 'from', 'Give From or a Messaging Service SID (Twilio error 21603)');
          if (!v.body && !(v.mediaUrl && v.mediaUrl.length > 0))
            issue(ctx, 'body', 'Give a Body or a Media URL (Twilio error 21602)');
          if (!sameChannel(v.to, v.from))
            issue(
              ctx,
              'from',
              'From and To must be the same channel: both whatsapp: or both plain numbers',
            );
        }),
  },
  'schedule-message': {
    id: 'schedule-message',
    label: COMMAND_LABELS['schedule-message'],
    description: `Schedule a message through a Messaging Service, ${minutesText(DEFAULT_SCHEDULE_MIN_SECONDS / 60)} to ${SCHEDULE_MAX_DAYS} days ahead.`,
    sends: true,
    fields: [
      accountSid,
      messagingServiceSid(true),
      to,
      body(true),
      {
        name: 'sendAt',
        label: 'Send At',
        help: `When to send, ISO 8601 in UTC (2030-01-02T03:04:05Z), at least ${minutesText(DEFAULT_SCHEDULE_MIN_SECONDS / 60)} and at most ${SCHEDULE_MAX_DAYS} days ahead.`,
        kind: 'datetime',
        required: true,
        placeholder: '2030-01-02T03:04:05Z',
      },
      statusCallback,
    ],
    schema: (context) =>
      z
        .object({
          accountSid: accountSidField,
          messagingServiceSid: messagingServiceSidField,
          to: addressField('To'),
          body: requiredString('Body', 'Body must be text')
            .pipe(bodyField)
            .refine((v) => v.trim() !== '', 'Body is required'),
          sendAt: z.string({ message: 'Send At is required' }).trim().min(1, 'Send At is required'),
          statusCallback: optional(httpUrlField('Status Callback URL')),
        })
        .superRefine((v, ctx) => {
          const check = checkSendAt(v.sendAt, {
            now: context.now,
            minSeconds: context.scheduleMinSeconds,
          });
          if (!check.ok) issue(ctx, 'sendAt', check.message);
        }),
  },
  'list-messages': {
    id: 'list-messages',
    label: COMMAND_LABELS['list-messages'],
    description: 'List messages, newest first, one page at a time.',
    sends: false,
    fields: [
      accountSid,
      { ...to, required: false, help: 'Only messages sent to this number.' },
      { ...from, help: 'Only messages sent from this number.' },
      dateFieldDef('dateSent', 'DateSent', 'Only messages sent on this day (GMT).'),
      dateFieldDef(
        'dateSentBefore',
        'DateSent before',
        'Only messages sent on or before this day (GMT).',
      ),
      dateFieldDef(
        'dateSentAfter',
        'DateSent after',
        'Only messages sent on or after this day (GMT).',
      ),
      {
        name: 'pageSize',
        label: 'PageSize',
        help: `Messages per page, 1 to ${MAX_PAGE_SIZE} (Twilio defaults to ${DEFAULT_PAGE_SIZE}).`,
        kind: 'number',
        required: false,
        placeholder: String(DEFAULT_PAGE_SIZE),
      },
    ],
    schema: () =>
      z.object({
        accountSid: accountSidField,
        to: optional(addressField('To')),
        from: optional(addressField('From')),
        dateSent: optional(dateField('DateSent')),
        dateSentBefore: optional(dateField('DateSent before')),
        dateSentAfter: optional(dateField('DateSent after')),
        pageSize: optional(pageSizeField),
        pageUri: optional(z.string().trim().max(2000, 'pageUri is too long')),
      }),
  },
  'fetch-message': {
    id: 'fetch-message',
    label: COMMAND_LABELS['fetch-message'],
    description: 'Read one message by its SID.',
    sends: false,
    fields: [accountSid, messageSid],
    schema: () => z.object({ accountSid: accountSidField, messageSid: messageSidField }),
  },
  'delete-message': {
    id: 'delete-message',
    label: COMMAND_LABELS['delete-message'],
    description: "Delete a finished message from the account's logs.",
    sends: false,
    fields: [accountSid, messageSid],
    schema: () => z.object({ accountSid: accountSidField, messageSid: messageSidField }),
  },
  'update-message': {
    id: 'update-message',
    label: COMMAND_LABELS['update-message'],
    description: 'Cancel a scheduled message, or redact the body of a finished one.',
    sends: false,
    fields: [
      accountSid,
      messageSid,
      {
        name: 'status',
        label: 'Status',
        help: 'canceled cancels a message that is still scheduled.',
        kind: 'select',
        required: false,
        options: [{ value: 'canceled', label: 'canceled' }],
      },
      {
        name: 'body',
        label: 'Body',
        help: 'Redact: replace the body with an empty string, once the message is finished. Leave Status empty to redact.',
        kind: 'redact',
        required: false,
      },
    ],
    schema: () =>
      z
        .object({
          accountSid: accountSidField,
          messageSid: messageSidField,
          status: optional(z.literal('canceled', { message: "Status can only be 'canceled'" })),
          body: z
            .literal('', { message: 'Body can only be set to an empty string, which redacts it' })
            .optional(),
        })
        .superRefine((v, ctx) => {
          if (v.status === undefined && v.body === undefined) {
            issue(
              ctx,
              'status',
              "Set Status to 'canceled', or Body to an empty string to redact it",
            );
          }
          if (v.status !== undefined && v.body !== undefined) {
            issue(
              ctx,
              'body',
              'Cancel and redact are separate updates: send one at a time (Twilio error 30400)',
            );
          }
        }),
  },
} satisfies Record<CommandId, CommandDefinition>;

export function getCommand(id: CommandId): CommandDefinition {
  return COMMANDS[id];
}
