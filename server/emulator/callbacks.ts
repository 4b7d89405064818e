import twilio from 'twilio';
import type { Logger } from 'pino';
import type { StatusChange } from './lifecycle';

// Status callbacks as Twilio sends them: a form POST signed with the account's Auth Token in
// X-Twilio-Signature, for every change after the initial status. Delivery is best effort, like
// Twilio's: a slow or failing receiver is logged and never holds up the emulator.

const CALLBACK_TIMEOUT_MS = 5000;

export function callbackParams(change: StatusChange): Record<string, string> {
  const m = change.message;
  const params: Record<string, string> = {
    AccountSid: m.accountSid,
    ApiVersion: '2010-04-01',
    MessageSid: m.sid,
    MessageStatus: m.status,
    SmsSid: m.sid,
    SmsStatus: m.status,
    To: m.to,
  };
  if (m.from) params.From = m.from;
  if (m.messagingServiceSid) params.MessagingServiceSid = m.messagingServiceSid;
  if (m.errorCode !== null) params.ErrorCode = String(m.errorCode);
  const whatsapp = m.to.startsWith('whatsapp:');
  if (whatsapp) params.ChannelPrefix = 'whatsapp';
  if (m.status === 'read') params.EventType = 'READ';
  // The carrier's delivery receipt (DLR) says when it finished: SMS and MMS only, WhatsApp has none.
  if (!whatsapp && (m.status === 'delivered' || m.status === 'undelivered')) {
    params.RawDlrDoneDate = rawDlrDoneDate(m.dateUpdated);
  }
  return params;
}

/** A DLR done date as carriers write it and Twilio passes it on: YYMMDDhhmm in UTC. */
export function rawDlrDoneDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    two(d.getUTCFullYear() % 100) +
    two(d.getUTCMonth() + 1) +
    two(d.getUTCDate()) +
    two(d.getUTCHours()) +
    two(d.getUTCMinutes())
  );
}

/**
 * A callback URL's credentials (`https://user:pass@host/`) go out as HTTP Basic auth, as Twilio
 * sends them; the URL that is signed, requested and logged never carries them.
 */
export function splitCredentials(raw: string): { url: string; authorization?: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { url: raw };
  }
  if (!parsed.username && !parsed.password) return { url: raw };
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.toString(),
    authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`,
  };
}

export function createCallbackSender(authToken: () => string, logger: Logger) {
  const inFlight = new Set<Promise<void>>();

  function send(change: StatusChange): void {
    if (!change.message.statusCallback) return;
    const { url, authorization } = splitCredentials(change.message.statusCallback);
    const params = callbackParams(change);
    const signature = twilio.getExpectedTwilioSignature(authToken(), url, params);
    const attempt = fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': signature,
        'User-Agent': 'TwilioProxy/1.1',
        ...(authorization ? { Authorization: authorization } : {}),
      },
      body: new URLSearchParams(params).toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
    })
      .then(async (res) => {
        await res.arrayBuffer().catch(() => undefined);
        if (!res.ok)
          logger.warn(
            { url, status: res.status, sid: change.message.sid },
            'status callback refused',
          );
      })
      .catch((err: unknown) => {
        logger.warn({ url, err: String(err), sid: change.message.sid }, 'status callback failed');
      })
      .finally(() => inFlight.delete(attempt));
    inFlight.add(attempt);
  }

  return {
    send,
    /** Waits for callbacks already on their way (used on shutdown and in tests). */
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
