import { minutesText } from '../../contract/schedule';
import {
  DEFAULT_SCHEDULE_MIN_SECONDS,
  MAX_BODY_CHARACTERS,
  SCHEDULE_MAX_DAYS,
} from '../../contract/twilio-limits';

// Twilio's error codes that people meet most often with the Messages API, explained in plain words.

const EXPLANATIONS: Record<number, string> = {
  20003:
    "Twilio did not accept the credentials. Check the datasource's Account SID and Auth Token (or API Key SID and Secret), and that the account is active.",
  20404:
    'Twilio found nothing at this address. Check the Message SID, and that it belongs to this Account SID (a subaccount has its own messages).',
  20009:
    'The message is not finished yet, so it cannot be deleted. Wait until it is delivered, undelivered, failed or canceled, then retry.',
  21211:
    'The To number is not valid. Write it in E.164, for example +15558675310, or whatsapp:+15558675310.',
  21212:
    'The From number is not valid. Use one of your Twilio numbers in E.164, or a Messaging Service SID instead.',
  21408:
    "Your account is not allowed to send to this country or region. Enable it in the Twilio Console's Messaging Geo permissions.",
  21606:
    "The From number is not one of this account's Twilio numbers able to send this message. Pick a number the account owns, or use a Messaging Service.",
  21608:
    'A trial account can send only to verified caller IDs. Verify the To number in the Twilio Console, or upgrade the account.',
  21610:
    'The recipient replied STOP and has unsubscribed from this sender. They must reply START before you can message them again.',
  21617: `The Body is longer than Twilio accepts (${MAX_BODY_CHARACTERS} characters). Shorten it, or split it into several messages.`,
  30409:
    'The message is no longer scheduled: it was already sent or canceled, so there is nothing to cancel.',
  35114: `Send At is outside the scheduling window: it must be at least ${minutesText(DEFAULT_SCHEDULE_MIN_SECONDS / 60)} and at most ${SCHEDULE_MAX_DAYS} days from now.`,
  35118:
    'Twilio schedules messages only through a Messaging Service: set the Messaging Service SID.',
};

export function explainTwilioError(code: number | null): string | undefined {
  return code === null ? undefined : EXPLANATIONS[code];
}
