import { DELIVERY_ERROR_MESSAGES, twilioErrors, type TwilioApiError } from './errors';
import type { Outcome } from './store';
import { parseAddress } from './twilio-rules';

// Twilio's documented test numbers (docs: test credentials) answer the same way here for every
// credential, which keeps tests of error handling deterministic. The emulator adds two numbers of
// its own, in the same reserved +1 500 555 range, for failures that only show up later.

export const MAGIC_FROM_OK = '+15005550006';
const MAGIC_FROM = new Set([MAGIC_FROM_OK, '+15005550001', '+15005550007', '+15005550008']);

/** A magic From is not an owned number, yet it must not fail the ownership check (21606) first. */
export function isMagicFrom(number: string): boolean {
  return MAGIC_FROM.has(number);
}

/**
 * The synchronous failure a magic number stands for, applied after every ordinary check: Twilio's
 * test credentials still validate the request's parameters (21604, 21603, 21602, ...) first.
 * A Messaging Service send may have no From yet.
 */
export function magicOutcome(to: string, from: string | undefined): TwilioApiError | undefined {
  const fromNumber = from === undefined ? undefined : (parseAddress(from)?.number ?? from);
  return (
    magicToError(to, from) ?? (fromNumber === undefined ? undefined : magicFromError(fromNumber))
  );
}

function magicFromError(from: string): TwilioApiError | undefined {
  switch (from) {
    case '+15005550001':
      return twilioErrors.invalidFrom(from);
    case '+15005550007':
      return twilioErrors.fromNotOwned(from);
    case '+15005550008':
      return twilioErrors.queueFull(from);
    default:
      return undefined;
  }
}

function magicToError(to: string, from: string | undefined): TwilioApiError | undefined {
  switch (to) {
    case '+15005550001':
      return twilioErrors.invalidTo(to);
    case '+15005550002':
      return twilioErrors.cannotRoute(to, from);
    case '+15005550003':
      return twilioErrors.noInternationalPermission(to);
    case '+15005550004':
      return twilioErrors.unsubscribed();
    case '+15005550009':
      return twilioErrors.notMobile(to);
    default:
      return undefined;
  }
}

/** Emulator-only: numbers whose messages are accepted and then fail on the way. */
export const ASYNC_FAILURES: Record<string, { outcome: Outcome; errorCode: number }> = {
  '+15005550010': { outcome: 'undelivered', errorCode: 30003 },
  '+15005550011': { outcome: 'failed', errorCode: 30008 },
};

export function plannedOutcome(
  toNumber: string,
  channel: 'sms' | 'whatsapp',
): { outcome: Outcome; errorCode: number | null } {
  const failure = ASYNC_FAILURES[toNumber];
  if (failure) return failure;
  return { outcome: channel === 'whatsapp' ? 'read' : 'delivered', errorCode: null };
}

export function deliveryErrorMessage(code: number): string {
  return DELIVERY_ERROR_MESSAGES[code] ?? 'Unknown error';
}
