import { openSqlite } from '../sqlite';

// The emulator's own SQLite file, apart from the app's: it holds the emulated account's messages,
// phone numbers, verified caller IDs and Messaging Services. Times are epoch milliseconds.

export type MessageStatus =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'delivered'
  | 'undelivered'
  | 'receiving'
  | 'received'
  | 'accepted'
  | 'scheduled'
  | 'read'
  | 'partially_delivered'
  | 'canceled';

/** How a message will end once it leaves the queue, decided when it is created. */
export type Outcome = 'delivered' | 'read' | 'undelivered' | 'failed';

export interface MessageRow {
  seq: number;
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  body: string;
  status: MessageStatus;
  direction: 'outbound-api' | 'inbound';
  messagingServiceSid: string | null;
  mediaUrls: string[];
  numSegments: number;
  price: string | null;
  priceUnit: string | null;
  errorCode: number | null;
  errorMessage: string | null;
  statusCallback: string | null;
  outcome: Outcome;
  outcomeErrorCode: number | null;
  dateCreated: number;
  dateUpdated: number;
  dateSent: number | null;
  sendAt: number | null;
  /** When the next lifecycle step is due, or null once the message is final. */
  nextAt: number | null;
}

export interface NumberRow {
  seq: number;
  sid: string;
  accountSid: string;
  phoneNumber: string;
  friendlyName: string;
  dateCreated: number;
}

export interface ServiceRow {
  sid: string;
  accountSid: string;
  friendlyName: string;
  dateCreated: number;
}

/** A keyset position in a newest-first listing. */
export interface Cursor {
  time: number;
  seq: number;
}

export interface MessageFilter {
  accountSid: string;
  to?: string | undefined;
  from?: string | undefined;
  /** Inclusive bounds on date_sent, epoch ms. */
  sentFrom?: number | undefined;
  sentUntil?: number | undefined;
}

const MIGRATIONS: string[] = [
  `CREATE TABLE messages (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     sid TEXT NOT NULL UNIQUE,
     account_sid TEXT NOT NULL,
     to_addr TEXT NOT NULL,
     from_addr TEXT,
     body TEXT NOT NULL,
     status TEXT NOT NULL,
     direction TEXT NOT NULL,
     messaging_service_sid TEXT,
     media_urls TEXT NOT NULL,
     num_segments INTEGER NOT NULL,
     price TEXT,
     price_unit TEXT,
     error_code INTEGER,
     error_message TEXT,
     status_callback TEXT,
     outcome TEXT NOT NULL,
     outcome_error_code INTEGER,
     date_created INTEGER NOT NULL,
     date_updated INTEGER NOT NULL,
     date_sent INTEGER,
     send_at INTEGER,
     next_at INTEGER,
     sort_time INTEGER GENERATED ALWAYS AS (COALESCE(date_sent, date_created)) VIRTUAL
   );
   CREATE INDEX messages_listing ON messages (account_sid, sort_time DESC, seq DESC);
   CREATE INDEX messages_due ON messages (next_at) WHERE next_at IS NOT NULL;
   CREATE TABLE phone_numbers (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     sid TEXT NOT NULL UNIQUE,
     account_sid TEXT NOT NULL,
     phone_number TEXT NOT NULL,
     friendly_name TEXT NOT NULL,
     date_created INTEGER NOT NULL
   );
   CREATE TABLE caller_ids (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     sid TEXT NOT NULL UNIQUE,
     account_sid TEXT NOT NULL,
     phone_number TEXT NOT NULL,
     friendly_name TEXT NOT NULL,
     date_created INTEGER NOT NULL
   );
   CREATE TABLE messaging_services (
     sid TEXT PRIMARY KEY,
     account_sid TEXT NOT NULL,
     friendly_name TEXT NOT NULL,
     date_created INTEGER NOT NULL
   );`,
  // Each status callback the emulator sent, or refused to send (see callback-history.ts).
  `CREATE TABLE callback_attempts (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     message_sid TEXT NOT NULL,
     at INTEGER NOT NULL,
     url TEXT NOT NULL,
     status TEXT NOT NULL,
     outcome TEXT NOT NULL,
     reason TEXT
   );
   CREATE INDEX callback_attempts_message ON callback_attempts (message_sid, seq);`,
];

interface RawMessage {
  seq: number;
  sid: string;
  account_sid: string;
  to_addr: string;
  from_addr: string | null;
  body: string;
  status: MessageStatus;
  direction: MessageRow['direction'];
  messaging_service_sid: string | null;
  media_urls: string;
  num_segments: number;
  price: string | null;
  price_unit: string | null;
  error_code: number | null;
  error_message: string | null;
  status_callback: string | null;
  outcome: Outcome;
  outcome_error_code: number | null;
  date_created: number;
  date_updated: number;
  date_sent: number | null;
  send_at: number | null;
  next_at: number | null;
}

function toRow(r: RawMessage): MessageRow {
  return {
    seq: r.seq,
    sid: r.sid,
    accountSid: r.account_sid,
    to: r.to_addr,
    from: r.from_addr,
    body: r.body,
    status: r.status,
    direction: r.direction,
    messagingServiceSid: r.messaging_service_sid,
    mediaUrls: JSON.parse(r.media_urls) as string[],
    numSegments: r.num_segments,
    price: r.price,
    priceUnit: r.price_unit,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    statusCallback: r.status_callback,
    outcome: r.outcome,
    outcomeErrorCode: r.outcome_error_code,
    dateCreated: r.date_created,
    dateUpdated: r.date_updated,
    dateSent: r.date_sent,
    sendAt: r.send_at,
    nextAt: r.next_at,
  };
}

function toParams(m: Omit<MessageRow, 'seq'>) {
  return {
    sid: m.sid,
    account_sid: m.accountSid,
    to_addr: m.to,
    from_addr: m.from,
    body: m.body,
    status: m.status,
    direction: m.direction,
    messaging_service_sid: m.messagingServiceSid,
    media_urls: JSON.stringify(m.mediaUrls),
    num_segments: m.numSegments,
    price: m.price,
    price_unit: m.priceUnit,
    error_code: m.errorCode,
    error_message: m.errorMessage,
    status_callback: m.statusCallback,
    outcome: m.outcome,
    outcome_error_code: m.outcomeErrorCode,
    date_created: m.dateCreated,
    date_updated: m.dateUpdated,
    date_sent: m.dateSent,
    send_at: m.sendAt,
    next_at: m.nextAt,
  };
}

const numberRow = (r: {
  seq: number;
  sid: string;
  account_sid: string;
  phone_number: string;
  friendly_name: string;
  date_created: number;
}): NumberRow => ({
  seq: r.seq,
  sid: r.sid,
  accountSid: r.account_sid,
  phoneNumber: r.phone_number,
  friendlyName: r.friendly_name,
  dateCreated: r.date_created,
});

export type EmulatorStore = ReturnType<typeof openEmulatorStore>;

/** Opens (creating and migrating as needed) the emulator database; ':memory:' for a throwaway one. */
export function openEmulatorStore(file: string) {
  const db = openSqlite(file, MIGRATIONS);

  const columns = Object.keys(toParams({} as MessageRow));
  const insertMessage = db.prepare(
    `INSERT INTO messages (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`,
  );
  const updateMessage = db.prepare(
    `UPDATE messages SET ${columns
      .filter((c) => c !== 'sid')
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE sid = @sid`,
  );
  const selectMessage = db.prepare('SELECT * FROM messages WHERE sid = ? AND account_sid = ?');
  const deleteMessage = db.prepare('DELETE FROM messages WHERE sid = ? AND account_sid = ?');
  const deleteCallbacks = db.prepare('DELETE FROM callback_attempts WHERE message_sid = ?');
  const selectDue = db.prepare(
    'SELECT * FROM messages WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY next_at LIMIT ?',
  );
  const selectNextDue = db.prepare(
    'SELECT MIN(next_at) AS at FROM messages WHERE next_at IS NOT NULL',
  );

  function filterSql(f: MessageFilter) {
    const where = ['account_sid = @accountSid'];
    if (f.to !== undefined) where.push('to_addr = @to');
    if (f.from !== undefined) where.push('from_addr = @from');
    if (f.sentFrom !== undefined) where.push('date_sent >= @sentFrom');
    if (f.sentUntil !== undefined) where.push('date_sent <= @sentUntil');
    return { where: where.join(' AND '), params: { ...f } };
  }

  return {
    db,
    insertMessage(m: Omit<MessageRow, 'seq'>): MessageRow {
      const info = insertMessage.run(toParams(m));
      return { ...m, seq: Number(info.lastInsertRowid) };
    },
    saveMessage(m: MessageRow): void {
      updateMessage.run(toParams(m));
    },
    getMessage(accountSid: string, sid: string): MessageRow | undefined {
      const raw = selectMessage.get(sid, accountSid) as RawMessage | undefined;
      return raw && toRow(raw);
    },
    deleteMessage(accountSid: string, sid: string): boolean {
      const deleted = deleteMessage.run(sid, accountSid).changes > 0;
      if (deleted) deleteCallbacks.run(sid);
      return deleted;
    },
    dueMessages(now: number, limit: number): MessageRow[] {
      return (selectDue.all(now, limit) as RawMessage[]).map(toRow);
    },
    nextDueAt(): number | null {
      return (selectNextDue.get() as { at: number | null }).at;
    },
    /**
     * One page of messages, newest first. `after` continues past a cursor (older rows), `before`
     * goes back towards newer rows; the result is always newest first.
     */
    listMessages(
      filter: MessageFilter,
      limit: number,
      position?: { after?: Cursor; before?: Cursor },
    ): MessageRow[] {
      const { where, params } = filterSql(filter);
      if (position?.before) {
        const rows = db
          .prepare(
            `SELECT * FROM messages WHERE ${where} AND (sort_time, seq) > (@time, @seq)
             ORDER BY sort_time ASC, seq ASC LIMIT @limit`,
          )
          .all({ ...params, ...position.before, limit }) as RawMessage[];
        return rows.reverse().map(toRow);
      }
      const cursor = position?.after ? `AND (sort_time, seq) < (@time, @seq)` : '';
      return (
        db
          .prepare(
            `SELECT * FROM messages WHERE ${where} ${cursor} ORDER BY sort_time DESC, seq DESC LIMIT @limit`,
          )
          .all({ ...params, ...(position?.after ?? {}), limit }) as RawMessage[]
      ).map(toRow);
    },
    cursorOf(m: MessageRow): Cursor {
      return { time: m.dateSent ?? m.dateCreated, seq: m.seq };
    },
    addPhoneNumber(table: 'phone_numbers' | 'caller_ids', row: Omit<NumberRow, 'seq'>): void {
      db.prepare(
        `INSERT INTO ${table} (sid, account_sid, phone_number, friendly_name, date_created)
         VALUES (@sid, @accountSid, @phoneNumber, @friendlyName, @dateCreated)`,
      ).run(row);
    },
    allNumbers(table: 'phone_numbers' | 'caller_ids', accountSid: string): NumberRow[] {
      return (
        db
          .prepare(`SELECT * FROM ${table} WHERE account_sid = ? ORDER BY seq`)
          .all(accountSid) as Parameters<typeof numberRow>[0][]
      ).map(numberRow);
    },
    addService(row: ServiceRow): void {
      db.prepare(
        'INSERT INTO messaging_services (sid, account_sid, friendly_name, date_created) VALUES (@sid, @accountSid, @friendlyName, @dateCreated)',
      ).run(row);
    },
    services(accountSid: string): ServiceRow[] {
      return (
        db
          .prepare('SELECT * FROM messaging_services WHERE account_sid = ? ORDER BY date_created')
          .all(accountSid) as {
          sid: string;
          account_sid: string;
          friendly_name: string;
          date_created: number;
        }[]
      ).map((r) => ({
        sid: r.sid,
        accountSid: r.account_sid,
        friendlyName: r.friendly_name,
        dateCreated: r.date_created,
      }));
    },
    close(): void {
      db.close();
    },
  };
}
