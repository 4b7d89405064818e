import type { PublicUser } from '../../src/contract/accounts';
import type { PageDoc, SavedPage } from '../../src/contract/page';
import type { AuditRecord, AuditRepository } from '../../server/audit/repository';
import { LOCAL_ACTOR, type Actor } from '../../server/context';
import type { MessageRow } from '../../server/emulator/store';
import type { DatasourceRecord, DatasourceRepository } from '../../server/store/datasources';
import type { PageRepository } from '../../server/store/pages';
import type { QueryRecord, QueryRepository } from '../../server/store/queries';
import type { VersionedWrite } from '../../server/store/versioned-write';

export { toPublic } from '../../server/datasources/service';

// The in-memory backend behind the msw handlers: the server's records (datasources, queries, the
// page) in plain arrays that tests read and fill, the store's repositories over them, and the
// message log the six commands act on, and the audit log. Secrets stay in clear: the fake's vault
// seals nothing.

/** A Twilio SID: the prefix and `tail` padded to 32 hex digits. */
const sid = (prefix: string, tail: string) => prefix + tail.padStart(32, '0');

/** A datasource as the server stores it; `secret` is the secret itself here. */
export type StoredDatasource = DatasourceRecord;

export interface MockState {
  /** The relay's clock, for Send At's window, and the records' timestamps. */
  now: number;
  datasources: StoredDatasource[];
  queries: QueryRecord[];
  page: SavedPage;
  messages: MessageRow[];
  /** The audit log, as the server's audit service records it. */
  audit: AuditRecord[];
  /** Accounts and who this browser is signed in as (msw-accounts.ts); none: solo mode. */
  accounts: AccountsState;
  seq: number;
}

/** An account as the fake keeps it: the password in clear, for tests to read. */
export interface StoredUser extends PublicUser {
  password: string;
}

export interface AccountsState {
  /** No account yet: a loopback HOST is open (solo); another asks for setup first. */
  loopback: boolean;
  setupToken: string;
  users: StoredUser[];
  /** The user this browser is signed in as (accounts mode). */
  signedIn: string | null;
  seq: number;
}

export const SETUP_TOKEN = 'setup-token-from-the-log';

export function createAccountsState(): AccountsState {
  return { loopback: true, setupToken: SETUP_TOKEN, users: [], signedIn: null, seq: 0 };
}

/**
 * Who a request is by, as the server's authentication decides: solo mode's `local` admin while no
 * account exists on a loopback HOST, else the signed-in, enabled user; null for nobody.
 */
export function actorOf({ accounts }: MockState): Actor | null {
  if (accounts.users.length === 0) return accounts.loopback ? LOCAL_ACTOR : null;
  const user = accounts.users.find((u) => u.id === accounts.signedIn && !u.disabled);
  return user ? { id: user.id, username: user.username, role: user.role } : null;
}

export const EMULATOR = {
  accountSid: sid('AC', 'e1'),
  authToken: 'e'.repeat(32),
  apiKeySid: sid('SK', 'e1'),
  apiKeySecret: 'EmulatorKeySecret0123456789',
  messagingServiceSid: sid('MG', 'e1'),
  phoneNumbers: ['+15017122661', '+15005550006'],
  verifiedCallerIds: ['+15558675310'],
};

/** Accounts reachable on Twilio (not the emulator): a full one with a Standard key, and a trial. */
export const TWILIO = {
  accountSid: sid('AC', 'a1'),
  authToken: '0123456789abcdef0123456789abcdef',
  apiKeySid: sid('SK', 'a1'),
  apiKeySecret: 'RealKeySecretABCDEF123456',
  trialAccountSid: sid('AC', 'b2'),
  trialAuthToken: 'fedcba9876543210fedcba9876543210',
};

const iso = (ms: number) => new Date(ms).toISOString();

export function createMockState(options: { now?: number } = {}): MockState {
  const now = options.now ?? Date.now();
  return {
    now,
    datasources: [
      {
        id: 'ds_emulator',
        name: 'Twilio Emulator',
        authType: 'basic',
        accountSid: EMULATOR.accountSid,
        apiKeySid: null,
        target: 'emulator',
        secret: null,
        createdAt: iso(now - 86_400_000),
        updatedAt: iso(now - 86_400_000),
        version: 1,
        updatedBy: null,
      },
    ],
    queries: [],
    // A page never saved reads as version 0, as in the store.
    page: { widgets: [], updatedAt: null, version: 0, updatedBy: null },
    messages: [],
    audit: [],
    accounts: createAccountsState(),
    seq: 0,
  };
}

/** The operations the server's repositories offer, over one of the state's arrays. */
function table<
  T extends {
    id: string;
    name: string;
    updatedAt: string;
    version: number;
    updatedBy: string | null;
  },
>(s: MockState, rows: T[]) {
  const at = (id: string) => rows.findIndex((r) => r.id === id);
  return {
    list: () => [...rows],
    get: (id: string) => rows.find((r) => r.id === id),
    // The store's names are UNIQUE COLLATE NOCASE.
    findByName: (name: string) => rows.find((r) => r.name.toLowerCase() === name.toLowerCase()),
    insert(row: T): T {
      rows.push(row);
      return row;
    },
    // The store's atomic check: the write lands only on the version it was based on, if named.
    save(row: T, write: VersionedWrite): T | undefined {
      const current = rows[at(row.id)];
      if (!current || (write.expected !== undefined && current.version !== write.expected))
        return undefined;
      const next = {
        ...row,
        updatedAt: iso(s.now),
        version: current.version + 1,
        updatedBy: write.by,
      };
      rows.splice(at(row.id), 1, next);
      return next;
    },
    remove(id: string): boolean {
      const i = at(id);
      if (i >= 0) rows.splice(i, 1);
      return i >= 0;
    },
  };
}

const newId = (s: MockState, prefix: string) => `${prefix}_${++s.seq}`;

export function datasourceRepo(s: MockState): DatasourceRepository {
  const { insert, ...rows } = table(s, s.datasources);
  return {
    ...rows,
    create(input, seal, by = null) {
      const id = newId(s, 'ds');
      return insert({
        ...input,
        id,
        secret: seal(id),
        createdAt: iso(s.now),
        updatedAt: iso(s.now),
        version: 1,
        updatedBy: by,
      });
    },
  };
}

export function queryRepo(s: MockState): QueryRepository {
  const { insert, ...rows } = table(s, s.queries);
  return {
    ...rows,
    usingDatasource: (id) =>
      s.queries.filter((q) => q.datasourceId === id).sort((a, b) => a.name.localeCompare(b.name)),
    create: (input, by = null) =>
      insert({
        ...input,
        id: newId(s, 'q'),
        createdAt: iso(s.now),
        updatedAt: iso(s.now),
        version: 1,
        updatedBy: by,
      }),
    removeByDatasource(id) {
      const before = s.queries.length;
      s.queries.splice(0, before, ...s.queries.filter((q) => q.datasourceId !== id));
      return before - s.queries.length;
    },
  };
}

export function pageRepo(s: MockState): PageRepository {
  return {
    get: () => s.page,
    // As the store: version 0 is the page never saved, which a first save based on it may claim.
    save(doc: PageDoc, write: VersionedWrite) {
      if (write.expected !== undefined && write.expected !== s.page.version) return undefined;
      s.page = { ...doc, updatedAt: iso(s.now), version: s.page.version + 1, updatedBy: write.by };
      return s.page;
    },
  };
}

/** The audit log over the state's array, filtered and ordered as the store's SQL does. */
export function auditRepo(s: MockState): AuditRepository {
  const newestFirst = (a: AuditRecord, b: AuditRecord) =>
    a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return {
    append(event) {
      s.audit.push(event);
    },
    list(f, limit) {
      return s.audit
        .filter(
          (e) =>
            (f.actor === undefined || same(e.actor, f.actor)) &&
            (f.actorId === undefined || e.actorId === f.actorId) &&
            (f.action === undefined ||
              e.action === f.action ||
              e.action.startsWith(`${f.action}.`)) &&
            (f.since === undefined || e.at >= f.since) &&
            (f.until === undefined || e.at <= f.until) &&
            (f.before === undefined ||
              e.at < f.before.at ||
              (e.at === f.before.at && e.id < f.before.id)),
        )
        .sort(newestFirst)
        .slice(0, limit);
    },
    failureTimes(f) {
      return s.audit
        .filter(
          (e) =>
            f.actions.includes(e.action) &&
            e.outcome === 'failure' &&
            e.at > f.since &&
            (f.ip === undefined || e.ip === f.ip) &&
            (f.actor === undefined || same(e.actor, f.actor)),
        )
        .map((e) => e.at)
        .sort();
    },
    pruneBefore(at) {
      const before = s.audit.length;
      s.audit.splice(0, before, ...s.audit.filter((e) => e.at >= at));
      return before - s.audit.length;
    },
  };
}

/** Adds a message to the account's log, as sent earlier (a delivered SMS from the emulator unless told). */
export function addMessage(state: MockState, fields: Partial<MessageRow> = {}): MessageRow {
  state.seq += 1;
  const row: MessageRow = {
    seq: state.seq,
    sid: sid('SM', state.seq.toString(16)),
    accountSid: EMULATOR.accountSid,
    to: '+15558675310',
    from: EMULATOR.phoneNumbers[0]!,
    body: 'Hello from the emulator',
    status: 'delivered',
    direction: 'outbound-api',
    messagingServiceSid: null,
    mediaUrls: [],
    numSegments: 1,
    price: null,
    priceUnit: 'USD',
    errorCode: null,
    errorMessage: null,
    statusCallback: null,
    outcome: 'delivered',
    outcomeErrorCode: null,
    dateCreated: state.now,
    dateUpdated: state.now,
    dateSent: null,
    sendAt: null,
    nextAt: null,
    ...fields,
  };
  state.messages.push(row);
  return row;
}
