import type { Message } from '../../../../src/features/message-log/model';

// Twilio Message JSON as the relay passes it through, with only what a test cares about to set.

export const ACCOUNT_SID = 'AC' + 'a'.repeat(32);

export const messageSid = (n: number) => 'SM' + n.toString(16).padStart(32, '0');

export function message(n: number, patch: Partial<Message> = {}): Message {
  const created = new Date(Date.UTC(2030, 0, 1, 12, 0, 0) + n * 60_000).toISOString();
  return {
    sid: messageSid(n),
    status: 'delivered',
    direction: 'outbound-api',
    from: '+15017122661',
    to: `+1555${String(n).padStart(7, '0')}`,
    body: `Message number ${n}`,
    date_sent: created,
    date_created: created,
    date_updated: created,
    num_segments: '1',
    num_media: '0',
    price: '-0.00750',
    price_unit: 'USD',
    error_code: null,
    error_message: null,
    messaging_service_sid: null,
    ...patch,
  };
}

export const messages = (count: number, patch: (n: number) => Partial<Message> = () => ({})) =>
  Array.from({ length: count }, (_, i) => message(i + 1, patch(i + 1)));
