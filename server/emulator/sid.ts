import { randomBytes } from 'node:crypto';

/** A new SID: the two-letter prefix and 32 lowercase hex digits, as Twilio emits them. */
export function newSid(prefix: 'AC' | 'SK' | 'SM' | 'MM' | 'MG' | 'PN'): string {
  return prefix + randomBytes(16).toString('hex');
}

export function newSecret(): string {
  return randomBytes(16).toString('hex');
}
