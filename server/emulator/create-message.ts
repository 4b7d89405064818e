import { twilioErrors } from './errors';
import type { Params } from './http';
import { isMagicFrom, magicOutcome, plannedOutcome } from './magic-numbers';
import { segmentsFor } from './pricing';
import { newSid } from './sid';
import type { EmulatorStore, MessageRow } from './store';
import {
  bodyWithinLimit,
  isHttpUrl,
  isStatusCallbackUrl,
  mediaCountWithinLimit,
  parseAddress,
  parseSendAt,
  SID_PATTERNS,
  type Address,
} from './twilio-rules';

// Create (send) a message: Twilio's checks in the order Twilio applies them (required parameters and
// their formats, ownership, content, scheduling, the trial account, and only then the outcome a magic
// test number stands for), then the initial state of the new message (queued, accepted with a
// Messaging Service, or scheduled).

export const TRIAL_PREFIX = 'Sent from your Twilio trial account - ';

export interface CreateContext {
  accountSid: string;
  store: EmulatorStore;
  now: number;
  stepMs: number;
  trial: boolean;
  scheduleMinSeconds: number;
}

function checkFrom(from: string, to: Address, owned: Set<string>): void {
  const parsed = parseAddress(from);
  if (!parsed) throw twilioErrors.invalidFrom(from);
  if (parsed.channel !== to.channel) throw twilioErrors.channelMismatch();
  // A magic From stands in for an owned number; its own answer comes after the other checks.
  if (!isMagicFrom(parsed.number) && !owned.has(parsed.number))
    throw twilioErrors.fromNotOwned(from);
}

function readSchedule(q: Params, ctx: CreateContext): number | null {
  const scheduleType = q.get('ScheduleType');
  const sendAt = q.nonEmpty('SendAt');
  if (scheduleType === undefined && sendAt === undefined) return null;
  if (!q.nonEmpty('MessagingServiceSid')) throw twilioErrors.serviceRequiredToSchedule();
  if (scheduleType !== 'fixed') throw twilioErrors.unsupportedScheduleType(scheduleType ?? '');
  if (sendAt === undefined) throw twilioErrors.sendAtMissing();
  const at = parseSendAt(sendAt, ctx.now, ctx.scheduleMinSeconds);
  if (at === null) throw twilioErrors.sendAtOutOfWindow(ctx.scheduleMinSeconds);
  return at;
}

export function createMessage(q: Params, ctx: CreateContext): MessageRow {
  const toRaw = q.nonEmpty('To');
  if (toRaw === undefined) throw twilioErrors.toRequired();
  const to = parseAddress(toRaw);
  if (!to) throw twilioErrors.invalidTo(toRaw);

  const fromRaw = q.nonEmpty('From');
  const serviceSid = q.nonEmpty('MessagingServiceSid');
  if (fromRaw === undefined && serviceSid === undefined) throw twilioErrors.fromRequired();

  const owned = new Set(
    ctx.store.allNumbers('phone_numbers', ctx.accountSid).map((n) => n.phoneNumber),
  );
  if (fromRaw !== undefined) checkFrom(fromRaw, to, owned);
  if (serviceSid !== undefined) {
    if (!SID_PATTERNS.messagingService.test(serviceSid))
      throw twilioErrors.serviceSidMalformed(serviceSid);
    if (
      !ctx.store
        .services(ctx.accountSid)
        .some((s) => s.sid.toLowerCase() === serviceSid.toLowerCase())
    ) {
      throw twilioErrors.serviceNotFound(serviceSid);
    }
  }

  const body = q.get('Body') ?? '';
  const mediaUrls = q.all('MediaUrl').filter((u) => u !== '');
  if (body === '' && mediaUrls.length === 0) {
    throw serviceSid ? twilioErrors.serviceBodyRequired() : twilioErrors.bodyRequired();
  }
  if (!bodyWithinLimit(body)) throw twilioErrors.bodyTooLong();
  if (!mediaCountWithinLimit(mediaUrls.length)) throw twilioErrors.tooManyMedia();
  const badMedia = mediaUrls.find((u) => !isHttpUrl(u));
  if (badMedia !== undefined) throw twilioErrors.invalidMediaUrl(badMedia);

  const statusCallback = q.nonEmpty('StatusCallback') ?? null;
  if (statusCallback !== null && !isStatusCallbackUrl(statusCallback))
    throw twilioErrors.statusCallbackInvalid();

  const sendAt = readSchedule(q, ctx);

  if (ctx.trial) {
    const verified = ctx.store
      .allNumbers('caller_ids', ctx.accountSid)
      .some((c) => c.phoneNumber === to.number);
    if (!verified) throw twilioErrors.unverifiedTrialTo(to.number);
  }

  // Twilio's test numbers decide the outcome only of a request that is otherwise valid.
  const magic = magicOutcome(to.number, fromRaw);
  if (magic) throw magic;

  const finalBody = ctx.trial && body !== '' ? TRIAL_PREFIX + body : body;
  const from = fromRaw ?? null;
  const { outcome, errorCode } = plannedOutcome(to.number, to.channel);
  const status = sendAt !== null ? 'scheduled' : serviceSid ? 'accepted' : 'queued';
  // A Messaging Service has not picked its sender yet, so Twilio reports 0 segments until it does.
  const numSegments = status === 'queued' ? segmentsFor(toRaw, finalBody, mediaUrls.length) : 0;
  return ctx.store.insertMessage({
    sid: newSid(mediaUrls.length > 0 ? 'MM' : 'SM'),
    accountSid: ctx.accountSid,
    to: toRaw,
    from,
    body: finalBody,
    status,
    direction: 'outbound-api',
    messagingServiceSid: serviceSid ?? null,
    mediaUrls,
    numSegments,
    price: null,
    priceUnit: null,
    errorCode: null,
    errorMessage: null,
    statusCallback,
    outcome,
    outcomeErrorCode: errorCode,
    dateCreated: ctx.now,
    dateUpdated: ctx.now,
    dateSent: null,
    sendAt,
    nextAt: sendAt ?? ctx.now + ctx.stepMs,
  });
}
