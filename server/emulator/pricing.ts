import { countSegments, parseAddress } from './twilio-rules';

// Segments and prices as Twilio reports them once a sender is chosen. Prices are the emulator's
// own flat US rates, negative decimal strings with five places as Twilio writes them.

const RATE_USD = { sms: 0.0079, mms: 0.02, whatsapp: 0.005 } as const;

export function segmentsFor(to: string, body: string, mediaCount: number): number {
  const channel = parseAddress(to)?.channel ?? 'sms';
  if (channel === 'whatsapp' || mediaCount > 0) return 1;
  return Math.max(1, countSegments(body).segments);
}

export function priceFor(to: string, segments: number, mediaCount: number): string {
  const channel = parseAddress(to)?.channel ?? 'sms';
  const rate =
    channel === 'whatsapp' ? RATE_USD.whatsapp : mediaCount > 0 ? RATE_USD.mms : RATE_USD.sms;
  return (-(rate * segments)).toFixed(5);
}
