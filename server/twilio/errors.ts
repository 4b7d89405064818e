import twilio from 'twilio';
import TwilioServiceExceptionImport from 'twilio/lib/base/TwilioServiceException';
import { DeadlineExceeded } from './http-client';
import { UpstreamTransportError } from './transport';

// A CommonJS default export: Node's ESM loader (tsx, `npm start`) hands over the module object
// ({ default: class }), Vite's interop (the tests) the class itself. Either way, take the class.
const TwilioServiceException =
  (TwilioServiceExceptionImport as unknown as { default?: typeof TwilioServiceExceptionImport })
    .default ?? TwilioServiceExceptionImport;

// Telling apart what can go wrong in a call through the twilio library: Twilio answered with an
// error (RestException), the call timed out, or Twilio could not be reached at all.

export interface TwilioRefusal {
  status: number;
  code: number | null;
  message: string;
  moreInfo: string | null;
}

export function asTwilioRefusal(err: unknown): TwilioRefusal | null {
  if (!(err instanceof twilio.RestException || err instanceof TwilioServiceException)) return null;
  const e = err as {
    status?: unknown;
    code?: unknown;
    message?: unknown;
    moreInfo?: unknown;
    detail?: unknown;
  };
  if (typeof e.status !== 'number') return null;
  return {
    status: e.status,
    code: typeof e.code === 'number' ? e.code : null,
    message:
      typeof e.message === 'string' && e.message !== ''
        ? e.message
        : `Twilio answered HTTP ${e.status}`,
    moreInfo: typeof e.moreInfo === 'string' ? e.moreInfo : null,
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * ECONNREFUSED (nothing was sent) or ECONNRESET (the other end dropped the connection, perhaps
 * after reading the request), from the transport's error or the socket error beneath it; otherwise null.
 */
export function connectionErrorCode(err: unknown): 'ECONNREFUSED' | 'ECONNRESET' | null {
  for (
    let e = err, depth = 0;
    e && typeof e === 'object' && depth < 3;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return code;
  }
  return null;
}

export type TransportFailure = { kind: 'timeout' } | { kind: 'unreachable'; detail: string };

export function asTransportFailure(err: unknown): TransportFailure | null {
  if (err instanceof DeadlineExceeded) return { kind: 'timeout' };
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  // The operating system's own timeouts, from the socket beneath the call.
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return { kind: 'timeout' };
  if (NETWORK_CODES.has(code) || err instanceof UpstreamTransportError)
    return { kind: 'unreachable', detail: code || message };
  return null;
}
