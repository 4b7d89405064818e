import type { AuditEvent } from '../../src/contract/accounts';
import type { CommandId } from '../../src/contract/commands/types';
import type { Datasource, TestResult } from '../../src/contract/datasources';
import type { SavedPage } from '../../src/contract/page';
import type { ExecuteResult, SavedQuery } from '../../src/contract/queries';
import { accountPath, messageJson } from '../../server/emulator/format';
import type { MessageRow } from '../../server/emulator/store';

// The in-memory backend behind the msw handlers: datasources (with their secrets, which the API
// never shows), saved queries, the Twilio accounts "Test" can reach, and a message log that the
// six commands act on. Twilio's JSON comes from the emulator's own formatter.

/** A Twilio SID: the prefix and `tail` padded to 32 hex digits. */
export const sid = (prefix: string, tail: string) => prefix + tail.padStart(32, '0');

export interface MockAccount {
  sid: string;
  authToken: string;
  /** Standard API keys: SID to secret (a Standard key cannot read the account, as on Twilio). */
  apiKeys: Record<string, string>;
  friendlyName: string;
  type: 'Full' | 'Trial';
  status: 'active' | 'suspended' | 'closed';
  phoneNumbers: string[];
  verifiedCallerIds: string[];
  messagingServiceSids: string[];
}

export interface StoredDatasource extends Datasource {
  secret: string | null;
}

export interface MockState {
  /** The relay's clock, for Send At's window. */
  now: number;
  scheduleMinSeconds: number;
  emulator: MockAccount;
  /** Accounts reachable on "Twilio" besides the emulator's. */
  accounts: MockAccount[];
  datasources: StoredDatasource[];
  queries: SavedQuery[];
  messages: MessageRow[];
  seq: number;
  /** The widget page, and the audit log GET /api/audit pages through (msw-audit.ts). */
  page: SavedPage;
  audit: AuditEvent[];
  /** Who the fake's writes are by (`updatedBy`): `local`, as in solo mode. */
  actor: string;
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
  const emulator: MockAccount = {
    sid: EMULATOR.accountSid,
    authToken: EMULATOR.authToken,
    apiKeys: { [EMULATOR.apiKeySid]: EMULATOR.apiKeySecret },
    friendlyName: 'Twilio Emulator',
    type: 'Full',
    status: 'active',
    phoneNumbers: EMULATOR.phoneNumbers,
    verifiedCallerIds: EMULATOR.verifiedCallerIds,
    messagingServiceSids: [EMULATOR.messagingServiceSid],
  };
  const account = (
    s: string,
    token: string,
    type: 'Full' | 'Trial',
    friendlyName: string,
  ): MockAccount => ({
    sid: s,
    authToken: token,
    apiKeys: type === 'Full' ? { [TWILIO.apiKeySid]: TWILIO.apiKeySecret } : {},
    friendlyName,
    type,
    status: 'active',
    phoneNumbers: ['+14155550100'],
    verifiedCallerIds: type === 'Trial' ? ['+14155550111', '+14155550122'] : [],
    messagingServiceSids: [],
  });
  return {
    now,
    scheduleMinSeconds: 900,
    emulator,
    accounts: [
      account(TWILIO.accountSid, TWILIO.authToken, 'Full', 'Acme Production'),
      account(TWILIO.trialAccountSid, TWILIO.trialAuthToken, 'Trial', 'My first Twilio account'),
    ],
    datasources: [
      {
        id: 'ds_emulator',
        name: 'Twilio Emulator',
        authType: 'basic',
        accountSid: EMULATOR.accountSid,
        target: 'emulator',
        hasSecret: true,
        secret: null,
        createdAt: iso(now - 86_400_000),
        updatedAt: iso(now - 86_400_000),
        version: 1,
        updatedBy: null,
      },
    ],
    queries: [],
    messages: [],
    seq: 0,
    page: { widgets: [], updatedAt: null, version: 1, updatedBy: null },
    audit: [],
    actor: 'local',
  };
}

/** The datasource as the API shows it: never the secret. */
export const toPublic = ({ secret: _secret, ...ds }: StoredDatasource): Datasource => ds;

/** "Test": the account's details, a trial's verified caller IDs, or Twilio's 20003. */
export function testConnection(
  state: MockState,
  d: { target: string; authType: string; accountSid: string; apiKeySid?: string },
  secret: string | null,
): TestResult {
  const emulatorTarget = d.target === 'emulator';
  const reachable = emulatorTarget ? [state.emulator] : state.accounts;
  const account = reachable.find((a) => a.sid === d.accountSid);
  const apiKey = d.authType === 'api-key';
  const password =
    secret ?? (emulatorTarget ? (apiKey ? EMULATOR.apiKeySecret : EMULATOR.authToken) : '');
  const accepted =
    account &&
    (apiKey ? account.apiKeys[d.apiKeySid ?? ''] === password : account.authToken === password);
  if (!account || !accepted) {
    return {
      ok: false,
      error: {
        code: 20003,
        message:
          'Authenticate Check the Account SID and the Auth Token (or API Key SID and Secret): Twilio did not accept them.',
        moreInfo: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      },
    };
  }
  if (apiKey) {
    return {
      ok: true,
      account: { sid: account.sid, friendlyName: null, status: null, type: null },
      note: "This API key can send and read messages. A Standard key cannot read the account's name, type or status.",
    };
  }
  return {
    ok: true,
    account: {
      sid: account.sid,
      friendlyName: account.friendlyName,
      status: account.status,
      type: account.type,
    },
    ...(account.type === 'Trial' ? { verifiedCallerIds: account.verifiedCallerIds } : {}),
  };
}

const WIRE: Record<string, string> = {
  to: 'To',
  from: 'From',
  messagingServiceSid: 'MessagingServiceSid',
  body: 'Body',
  mediaUrl: 'MediaUrl',
  statusCallback: 'StatusCallback',
  sendAt: 'SendAt',
  dateSent: 'DateSent',
  dateSentBefore: 'DateSent<',
  dateSentAfter: 'DateSent>',
  pageSize: 'PageSize',
  status: 'Status',
};
const wireParams = (values: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([k, v]) => k in WIRE && v !== undefined)
      .map(([k, v]) => [WIRE[k]!, k === 'pageSize' ? String(v) : v]),
  );

/** Adds a message to the account's log, as sent earlier (a delivered SMS from the emulator unless told). */
export function addMessage(state: MockState, fields: Partial<MessageRow> = {}): MessageRow {
  state.seq += 1;
  const row: MessageRow = {
    seq: state.seq,
    sid: sid('SM', state.seq.toString(16)),
    accountSid: state.emulator.sid,
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

/** What the relay answers for one validated command, against the in-memory messages. */
export function executeCommand(
  state: MockState,
  ds: StoredDatasource,
  command: CommandId,
  values: Record<string, unknown>,
): ExecuteResult {
  const accountSid = typeof values.accountSid === 'string' ? values.accountSid : ds.accountSid;
  const base = `${accountPath(accountSid)}/Messages`;
  const params = wireParams(values);
  const done = (status: number, method: string, path: string, data: unknown): ExecuteResult => ({
    ok: status < 400,
    status,
    durationMs: 42,
    request: { method, path, params },
    ...(status < 400 ? { data } : { error: data as ExecuteResult['error'] }),
  });
  const find = (messageSid: unknown) =>
    state.messages.find((m) => m.sid === messageSid && m.accountSid === accountSid);
  const notFound = (method: string) =>
    done(404, method, `${base}/${String(values.messageSid)}.json`, {
      code: 20404,
      message: `The requested resource ${base}/${String(values.messageSid)}.json was not found`,
      moreInfo: 'https://www.twilio.com/docs/errors/20404',
    });
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  switch (command) {
    case 'create-message':
    case 'schedule-message': {
      const scheduled = command === 'schedule-message';
      if (scheduled) params.ScheduleType = 'fixed';
      const row = addMessage(state, {
        accountSid,
        to: String(values.to),
        from: str(values.from),
        body: str(values.body) ?? '',
        status: scheduled ? 'scheduled' : str(values.messagingServiceSid) ? 'accepted' : 'queued',
        messagingServiceSid: str(values.messagingServiceSid),
        mediaUrls: (values.mediaUrl as string[] | undefined) ?? [],
        statusCallback: str(values.statusCallback),
        sendAt: scheduled ? Date.parse(String(values.sendAt)) : null,
      });
      return done(201, 'POST', `${base}.json`, messageJson(row));
    }
    case 'list-messages': {
      const pageSize = typeof values.pageSize === 'number' ? values.pageSize : 50;
      const matches = (m: MessageRow) =>
        m.accountSid === accountSid &&
        (!values.to || m.to === values.to) &&
        (!values.from || m.from === values.from);
      // Newest first, one page.
      const rows = state.messages.filter(matches).reverse().slice(0, pageSize);
      const uri = `${base}.json?PageSize=${pageSize}&Page=0`;
      return done(200, 'GET', `${base}.json`, {
        first_page_uri: uri,
        end: Math.max(0, rows.length - 1),
        previous_page_uri: null,
        uri,
        page_size: pageSize,
        start: 0,
        next_page_uri: null,
        page: 0,
        messages: rows.map(messageJson),
      });
    }
    case 'fetch-message': {
      const row = find(values.messageSid);
      return row ? done(200, 'GET', `${base}/${row.sid}.json`, messageJson(row)) : notFound('GET');
    }
    case 'delete-message': {
      const row = find(values.messageSid);
      if (!row) return notFound('DELETE');
      state.messages = state.messages.filter((m) => m !== row);
      return done(204, 'DELETE', `${base}/${row.sid}.json`, null);
    }
    case 'update-message': {
      const row = find(values.messageSid);
      if (!row) return notFound('POST');
      if (values.status === 'canceled') row.status = 'canceled';
      else row.body = '';
      return done(200, 'POST', `${base}/${row.sid}.json`, messageJson(row));
    }
  }
}
