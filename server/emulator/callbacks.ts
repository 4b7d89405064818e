import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import type { Logger } from 'pino';
import type { CallbackHistory, CallbackOutcome } from './callback-history';
import { CallbackTargetRefused, checkLiteral, publicOnlyLookup } from './callback-target';
import type { StatusChange } from './lifecycle';

// Status callbacks as Twilio sends them: a form POST signed with the account's Auth Token in
// X-Twilio-Signature, for every change after the initial status. Delivery is best effort, like
// Twilio's: a slow or failing receiver is logged and never holds up the emulator. Each attempt is
// kept in the message's callback history; a target that is not public is refused, never sent to.

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

export interface CallbackSenderDeps {
  authToken(): string;
  logger: Logger;
  history: CallbackHistory;
  now(): number;
  /** TQB_EMULATOR_CALLBACKS_ALLOW_PRIVATE: also post to loopback, private and link-local addresses. */
  allowPrivate: boolean;
}

/** One POST over node:http(s), resolving to the answer's status; never follows a redirect. */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  allowPrivate: boolean,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      // A fresh connection each time (no agent): the address is checked when it is resolved.
      agent: false,
      ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
      signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
    });
    request.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

export function createCallbackSender(deps: CallbackSenderDeps) {
  const { logger, history } = deps;
  const inFlight = new Set<Promise<void>>();

  function send(change: StatusChange): void {
    if (!change.message.statusCallback) return;
    const { url, authorization } = splitCredentials(change.message.statusCallback);
    const sid = change.message.sid;
    const record = (outcome: CallbackOutcome, reason: string | null) =>
      history.record(sid, { at: deps.now(), url, status: change.message.status, outcome, reason });
    const refuse = (reason: string) => {
      logger.warn({ url, reason, sid }, 'status callback refused: not a public address');
      record('refused', reason);
    };
    const literal = deps.allowPrivate ? null : checkLiteral(new URL(url));
    if (literal) return refuse(literal);
    const params = callbackParams(change);
    const signature = twilio.getExpectedTwilioSignature(deps.authToken(), url, params);
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': signature,
      'User-Agent': 'TwilioProxy/1.1',
      ...(authorization ? { Authorization: authorization } : {}),
    };
    const attempt = post(
      new URL(url),
      headers,
      new URLSearchParams(params).toString(),
      deps.allowPrivate,
    )
      .then((status) => {
        if (status >= 200 && status < 300) return record('delivered', null);
        logger.warn({ url, status, sid }, 'status callback refused');
        record('failed', `the receiver answered HTTP ${status}`);
      })
      .catch((err: unknown) => {
        if (err instanceof CallbackTargetRefused) return refuse(err.message);
        logger.warn({ url, err: String(err), sid }, 'status callback failed');
        record('failed', String(err));
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
