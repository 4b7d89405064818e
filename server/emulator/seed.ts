import { friendlyNumber } from './format';
import { newSid } from './sid';
import type { EmulatorStore } from './store';

// A new emulated account starts with what a person needs to send at once: two phone numbers
// (both SMS, MMS and WhatsApp senders here), a Messaging Service whose pool holds them, and one
// verified caller ID for trial mode. The numbers are in the 555-01xx range kept for fiction.

export const SEED_PHONE_NUMBERS = ['+12025550143', '+12025550178'];
export const SEED_VERIFIED_CALLER_ID = '+12025550199';

export function seedAccount(store: EmulatorStore, accountSid: string, createdAt: number): void {
  const seed = store.db.transaction(() => {
    if (store.allNumbers('phone_numbers', accountSid).length === 0) {
      for (const number of SEED_PHONE_NUMBERS) {
        store.addPhoneNumber('phone_numbers', {
          sid: newSid('PN'),
          accountSid,
          phoneNumber: number,
          friendlyName: friendlyNumber(number),
          dateCreated: createdAt,
        });
      }
    }
    if (store.allNumbers('caller_ids', accountSid).length === 0) {
      store.addPhoneNumber('caller_ids', {
        sid: newSid('PN'),
        accountSid,
        phoneNumber: SEED_VERIFIED_CALLER_ID,
        friendlyName: friendlyNumber(SEED_VERIFIED_CALLER_ID),
        dateCreated: createdAt,
      });
    }
    if (store.services(accountSid).length === 0) {
      store.addService({
        sid: newSid('MG'),
        accountSid,
        friendlyName: 'Default Messaging Service',
        dateCreated: createdAt,
      });
    }
  });
  seed();
}
