import { describe, expect, it } from 'vitest';
import { formatAddress, isE164, parseAddress } from '../../../src/contract/addresses';
import { isSid } from '../../../src/contract/sids';

describe('parseAddress', () => {
  it.each([
    ['+15551234567', { channel: 'sms', number: '+15551234567' }],
    ['whatsapp:+447700900123', { channel: 'whatsapp', number: '+447700900123' }],
    ['+123', { channel: 'sms', number: '+123' }],
  ])('accepts %s', (value, expected) => {
    expect(parseAddress(value)).toEqual(expected);
    expect(formatAddress(parseAddress(value)!)).toBe(value);
  });

  it.each([
    '5551234567',
    '+05551234567',
    '+1555123456789012',
    'whatsapp:5551234567',
    'WhatsApp:+15551234567',
    '+1 555 123',
    '',
  ])('rejects %j', (value) => {
    expect(parseAddress(value)).toBeNull();
  });

  it('isE164 does not accept channel prefixes', () => {
    expect(isE164('+15551234567')).toBe(true);
    expect(isE164('whatsapp:+15551234567')).toBe(false);
  });
});

describe('isSid', () => {
  const hex = '0123456789abcdef0123456789ABCDEF';
  it('checks the prefix and 32 hex digits of each kind', () => {
    expect(isSid('account', `AC${hex}`)).toBe(true);
    expect(isSid('message', `SM${hex}`)).toBe(true);
    expect(isSid('message', `MM${hex}`)).toBe(true);
    expect(isSid('messagingService', `MG${hex}`)).toBe(true);
    expect(isSid('apiKey', `SK${hex}`)).toBe(true);
    expect(isSid('account', `SK${hex}`)).toBe(false);
    expect(isSid('message', `SM${hex}0`)).toBe(false);
    expect(isSid('message', `SM${hex.slice(1)}g`)).toBe(false);
  });
});
