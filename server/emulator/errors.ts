import {
  MAX_BODY_CHARACTERS,
  MAX_MEDIA_URLS,
  MAX_PAGE_SIZE,
  SCHEDULE_MAX_DAYS,
  SCHEDULE_MAX_SECONDS,
} from './twilio-rules';

// Twilio's 2010 API answers errors with four keys: code, message, more_info and status.

export class TwilioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'TwilioApiError';
  }

  toJSON() {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

const bad = (code: number, message: string) => new TwilioApiError(400, code, message);

/** Every error the emulator can answer, named for what went wrong. */
export const twilioErrors = {
  authenticate: () => new TwilioApiError(401, 20003, 'Authenticate'),
  notFound: (path: string) =>
    new TwilioApiError(404, 20404, `The requested resource ${path} was not found`),
  methodNotAllowed: (method: string) =>
    new TwilioApiError(405, 20004, `Method not allowed: ${method}`),
  invalidParameter: (name: string, detail: string) =>
    bad(20001, `Invalid parameter ${name}: ${detail}`),
  pageSizeTooLarge: () =>
    bad(20007, `Page size too large: PageSize must be ${MAX_PAGE_SIZE} or less`),
  deleteBeforeComplete: () =>
    new TwilioApiError(409, 20009, 'Cannot delete this resource before it is complete'),
  updateBeforeComplete: () =>
    new TwilioApiError(409, 20009, 'Cannot redact this message before it is complete'),
  invalidTo: (to: string) => bad(21211, `The 'To' number ${to} is not a valid phone number.`),
  invalidFrom: (from: string) =>
    bad(
      21212,
      `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`,
    ),
  noInternationalPermission: (to: string) =>
    bad(
      21408,
      `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${to}.`,
    ),
  invalidPageToken: () => bad(21481, 'Invalid PageToken'),
  bodyRequired: () => bad(21602, 'Message body is required.'),
  fromRequired: () =>
    bad(21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message."),
  toRequired: () => bad(21604, "A 'To' phone number is required."),
  fromNotOwned: (from: string) =>
    bad(
      21606,
      `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
    ),
  unverifiedTrialTo: (to: string) =>
    bad(
      21608,
      `The number ${to} is unverified. Trial accounts cannot send messages to unverified numbers; ` +
        'verify it in the Twilio Console (Phone Numbers > Verified Caller IDs), or upgrade your account.',
    ),
  statusCallbackInvalid: () =>
    bad(
      21609,
      "Invalid 'StatusCallback': use a fully qualified http:// or https:// URL of 4000 characters or fewer.",
    ),
  unsubscribed: () => bad(21610, 'Attempt to send to unsubscribed recipient'),
  queueFull: (from: string) =>
    bad(21611, `This 'From' number ${from} has exceeded the maximum number of queued messages`),
  cannotRoute: (to: string, from: string | undefined) =>
    bad(
      21612,
      from === undefined
        ? `The 'To' phone number: ${to}, is not currently reachable via SMS.`
        : `The 'To' phone number: ${to}, is not currently reachable using the 'From' phone number: ${from} via SMS.`,
    ),
  notMobile: (to: string) => bad(21614, `'To' number ${to} is not a valid mobile number`),
  bodyTooLong: () =>
    bad(21617, `The concatenated message body exceeds the ${MAX_BODY_CHARACTERS} character limit.`),
  serviceBodyRequired: () =>
    bad(21619, 'A text message body, media URL or content SID must be specified.'),
  invalidMediaUrl: (url: string) => bad(21620, `Invalid media URL(s): ${url}`),
  tooManyMedia: () =>
    bad(
      21623,
      `Too many media URLs: a message can carry at most ${MAX_MEDIA_URLS} MediaUrl values.`,
    ),
  serviceNotFound: (sid: string) => bad(21701, `The Messaging Service Sid ${sid} is invalid.`),
  serviceSidMalformed: (sid: string) =>
    bad(
      21705,
      `The Messaging Service Sid ${sid} is invalid: it must be MG followed by 32 hexadecimal digits.`,
    ),
  channelMismatch: () =>
    bad(21910, 'Invalid From and To pair. From and To should be of the same channel'),
  updateInvalid: (detail: string) => bad(30400, `Parameters are not valid: ${detail}`),
  cannotCancel: () =>
    bad(30409, 'This message cannot be canceled: only a scheduled message can be canceled.'),
  sendAtMissing: () => bad(35111, 'SendAt timestamp is missing'),
  sendAtOutOfWindow: (minSeconds: number) =>
    bad(
      35114,
      `Scheduled delivery time must be between ${minSeconds} seconds and ${SCHEDULE_MAX_DAYS} days (${SCHEDULE_MAX_SECONDS} seconds) in the future, ` +
        'given as ISO 8601 UTC, for example 2030-01-02T03:04:05Z.',
    ),
  serviceRequiredToSchedule: () =>
    bad(35118, 'MessagingServiceSid is required to schedule a message'),
  unsupportedScheduleType: (value: string) =>
    bad(35126, `Unsupported ScheduleType '${value}': the only supported value is 'fixed'.`),
};

/** Messages of the asynchronous delivery errors that land on failed and undelivered messages. */
export const DELIVERY_ERROR_MESSAGES: Record<number, string> = {
  30003: 'Unreachable destination handset',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Message filtered',
  30008: 'Unknown error',
};
