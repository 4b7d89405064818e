// Twilio's address rules, shared by the browser forms, the relay and the emulator.

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

const WHATSAPP_PREFIX = 'whatsapp:';

export type Channel = 'sms' | 'whatsapp';

export interface ParsedAddress {
  channel: Channel;
  /** The E.164 number without any channel prefix. */
  number: string;
}

/** Parses `+15551234567` or `whatsapp:+15551234567`; anything else is null. */
export function parseAddress(value: string): ParsedAddress | null {
  const channel: Channel = value.startsWith(WHATSAPP_PREFIX) ? 'whatsapp' : 'sms';
  const number = channel === 'whatsapp' ? value.slice(WHATSAPP_PREFIX.length) : value;
  return E164_PATTERN.test(number) ? { channel, number } : null;
}

export function isE164(value: string): boolean {
  return E164_PATTERN.test(value);
}

export function formatAddress(address: ParsedAddress): string {
  return address.channel === 'whatsapp' ? `${WHATSAPP_PREFIX}${address.number}` : address.number;
}
