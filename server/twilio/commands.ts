import type twilio from 'twilio';
import type { CommandParams } from '../../src/contract/commands/definitions';
import type { CommandId } from '../../src/contract/commands/types';
import { HttpError } from '../http-errors';
import { checkPageUri } from './page-uri';

// Each command as a call through the official twilio library, with the values its contract schema
// has already checked and typed. Twilio's wire names are the library's business from here on.

export type Messages = ReturnType<twilio.Twilio['api']['v2010']['accounts']>['messages'];

export interface CommandHandler<C extends CommandId> {
  /** Checks that need the account the call acts on; a 400 here is thrown before anything is sent. */
  prepare?(values: CommandParams<C>, accountSid: string): CommandParams<C>;
  /** The call itself; the relay may make it again (see its retry rules). */
  send(values: CommandParams<C>, messages: Messages, baseUrl: string): Promise<unknown>;
}

export type CommandHandlers = { [C in CommandId]: CommandHandler<C> };

/**
 * Twilio filters List Message by day. The library's types ask for a Date, but it would put a Date
 * on the wire as a date and time (iso8601DateTime), while a string goes as typed (YYYY-MM-DD).
 */
const asWireDay = (day: string | undefined) => day as unknown as Date | undefined;

export const COMMAND_HANDLERS = {
  'create-message': {
    send: (v, messages) =>
      messages.create({
        to: v.to,
        from: v.from,
        messagingServiceSid: v.messagingServiceSid,
        body: v.body,
        mediaUrl: v.mediaUrl,
        statusCallback: v.statusCallback,
      }),
  },
  'schedule-message': {
    send: (v, messages) =>
      messages.create({
        to: v.to,
        messagingServiceSid: v.messagingServiceSid,
        body: v.body,
        scheduleType: 'fixed',
        sendAt: new Date(v.sendAt),
        statusCallback: v.statusCallback,
      }),
  },
  'list-messages': {
    // A next_page_uri is accepted only as a page of this account's messages (page-uri.ts).
    prepare(v, accountSid) {
      if (v.pageUri === undefined) return v;
      const page = checkPageUri(v.pageUri, accountSid);
      if (!page.ok) throw new HttpError(400, 'invalid_params', page.message, 'pageUri');
      return { ...v, pageUri: page.uri };
    },
    send: (v, messages, baseUrl) =>
      v.pageUri !== undefined
        ? messages.getPage(baseUrl + v.pageUri)
        : messages.page({
            to: v.to,
            from: v.from,
            dateSent: asWireDay(v.dateSent),
            dateSentBefore: asWireDay(v.dateSentBefore),
            dateSentAfter: asWireDay(v.dateSentAfter),
            pageSize: v.pageSize,
          }),
  },
  'fetch-message': {
    send: (v, messages) => messages(v.messageSid).fetch(),
  },
  'delete-message': {
    send: (v, messages) => messages(v.messageSid).remove(),
  },
  'update-message': {
    send: (v, messages) =>
      messages(v.messageSid).update(
        v.status === 'canceled' ? { status: 'canceled' } : { body: '' },
      ),
  },
} satisfies CommandHandlers;
