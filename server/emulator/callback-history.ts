import type { EmulatorStore } from './store';

// Per message, each status callback the emulator tried: when, where (the URL without
// credentials), for which status, and how it went. A refused one (a target the emulator may not
// reach) is kept here too, so the person who set the StatusCallback can see why nothing arrived.

export type CallbackOutcome = 'delivered' | 'failed' | 'refused';

export interface CallbackAttempt {
  at: number;
  url: string;
  status: string;
  outcome: CallbackOutcome;
  reason: string | null;
}

export function callbackHistory(store: Pick<EmulatorStore, 'db'>) {
  const insert = store.db.prepare(
    `INSERT INTO callback_attempts (message_sid, at, url, status, outcome, reason)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const select = store.db.prepare(
    'SELECT at, url, status, outcome, reason FROM callback_attempts WHERE message_sid = ? ORDER BY seq',
  );
  return {
    record(messageSid: string, attempt: CallbackAttempt): void {
      insert.run(
        messageSid,
        attempt.at,
        attempt.url,
        attempt.status,
        attempt.outcome,
        attempt.reason,
      );
    },
    of(messageSid: string): CallbackAttempt[] {
      return select.all(messageSid) as CallbackAttempt[];
    },
  };
}

export type CallbackHistory = ReturnType<typeof callbackHistory>;
