import type { CommandParams } from '../../src/contract/commands/definitions';
import type { CommandId } from '../../src/contract/commands/types';
import type { TestResult } from '../../src/contract/datasources';
import type { Lookups } from '../../src/contract/lookups';
import type { ExecuteResult } from '../../src/contract/queries';
import { accountPath, messageJson } from '../../server/emulator/format';
import type { MessageRow } from '../../server/emulator/store';
import type { Credentials } from '../../server/twilio/clients';
import { addMessage, EMULATOR, TWILIO, type MockState } from './mock-state';

// Twilio as the fake plays it, for what reaches Twilio through the relay: who may sign in (a table
// of accounts), "Test" and the lookups as server/twilio/test-connection.ts and lookups.ts read
// them, and a table of what each command does to the in-memory message log. Twilio's JSON comes
// from the emulator's own formatter.

/** The base URLs the fake's datasource service hands out, telling the emulator from Twilio. */
export const BASE_URL = { emulator: 'http://emulator.test', twilio: 'https://api.twilio.test' };

// A Standard API key (apiKeys: SID to secret) cannot read its account, as on Twilio.
const ACCOUNTS = {
  emulator: [
    {
      sid: EMULATOR.accountSid,
      authToken: EMULATOR.authToken,
      apiKeys: { [EMULATOR.apiKeySid]: EMULATOR.apiKeySecret },
      friendlyName: 'Twilio Emulator',
      type: 'Full',
      phoneNumbers: EMULATOR.phoneNumbers,
      verifiedCallerIds: EMULATOR.verifiedCallerIds,
    },
  ],
  twilio: [
    {
      sid: TWILIO.accountSid,
      authToken: TWILIO.authToken,
      apiKeys: { [TWILIO.apiKeySid]: TWILIO.apiKeySecret },
      friendlyName: 'Acme Production',
      type: 'Full',
      phoneNumbers: ['+14155550100'],
      verifiedCallerIds: [],
    },
    {
      sid: TWILIO.trialAccountSid,
      authToken: TWILIO.trialAuthToken,
      apiKeys: {},
      friendlyName: 'My first Twilio account',
      type: 'Trial',
      phoneNumbers: ['+14155550100'],
      verifiedCallerIds: ['+14155550111', '+14155550122'],
    },
  ],
} satisfies Record<keyof typeof BASE_URL, unknown[]>;

const isEmulator = (c: Pick<Credentials, 'baseUrl'>) => c.baseUrl === BASE_URL.emulator;

/** The account these credentials open, and whether they are an API key; null is Twilio's 20003. */
function signIn(c: Credentials) {
  const account = ACCOUNTS[isEmulator(c) ? 'emulator' : 'twilio'].find(
    (a) => a.sid === c.accountSid,
  );
  if (account && c.username === account.sid && c.password === account.authToken)
    return { account, apiKey: false };
  const keys: Record<string, string> | undefined = account?.apiKeys;
  if (account && keys?.[c.username] === c.password) return { account, apiKey: true };
  return null;
}

const AUTHENTICATE = {
  code: 20003,
  message: 'Authenticate',
  moreInfo: 'https://www.twilio.com/docs/errors/20003',
};

export function testConnection(c: Credentials): TestResult {
  const signedIn = signIn(c);
  if (!signedIn) {
    const hint =
      ' Check the Account SID and the Auth Token (or API Key SID and Secret): Twilio did not accept them.';
    return {
      ok: false,
      error: { ...AUTHENTICATE, message: AUTHENTICATE.message + hint, status: 401 },
    };
  }
  const { account, apiKey } = signedIn;
  if (apiKey)
    return {
      ok: true,
      account: { sid: account.sid, friendlyName: null, status: null, type: null },
      note: "This API key can send and read messages. A Standard key cannot read the account's name, type or status.",
    };
  const { sid, friendlyName, type, verifiedCallerIds } = account;
  return {
    ok: true,
    account: { sid, friendlyName, status: 'active', type },
    ...(type === 'Trial' ? { verifiedCallerIds } : {}),
  };
}

export function lookups(c: Credentials, scheduleMinSeconds: number): Lookups {
  const signedIn = signIn(c);
  const messagingServiceSids = isEmulator(c) ? [EMULATOR.messagingServiceSid] : [];
  const base = { messagingServiceSids, scheduleMinSeconds };
  if (!signedIn)
    return {
      phoneNumbers: [],
      verifiedCallerIds: [],
      trial: null,
      ...base,
      error: `Twilio refused (20003): Authenticate`,
    };
  const { account, apiKey } = signedIn;
  return {
    phoneNumbers: account.phoneNumbers,
    verifiedCallerIds: account.verifiedCallerIds,
    trial: apiKey ? null : account.type === 'Trial',
    ...base,
  };
}

/** What Twilio answered: the status, the request's method and path under the account, the JSON. */
type Outcome = [status: number, method: string, path: string, data: unknown];
type Play<C extends CommandId> = (s: MockState, v: CommandParams<C>, accountSid: string) => Outcome;

/** Fetch, delete and update act on one message of the account, or get Twilio's 20404. */
const onMessage =
  <V extends { messageSid: string }>(
    method: string,
    act: (s: MockState, row: MessageRow, v: V) => [status: number, data: unknown],
  ) =>
  (s: MockState, v: V, accountSid: string): Outcome => {
    const path = `/Messages/${v.messageSid}.json`;
    const row = s.messages.find((m) => m.sid === v.messageSid && m.accountSid === accountSid);
    if (row) {
      const [status, data] = act(s, row, v);
      return [status, method, path, data];
    }
    const message = `The requested resource ${accountPath(accountSid)}${path} was not found`;
    const moreInfo = 'https://www.twilio.com/docs/errors/20404';
    return [404, method, path, { code: 20404, message, moreInfo }];
  };

/** Create and Schedule: a new message, in the state the emulator gives it. */
const send =
  (scheduled: boolean) =>
  (
    s: MockState,
    v: Partial<CommandParams<'create-message'> & CommandParams<'schedule-message'>>,
    accountSid: string,
  ): Outcome => {
    const row = addMessage(s, {
      accountSid,
      to: v.to,
      from: v.from ?? null,
      body: v.body ?? '',
      mediaUrls: v.mediaUrl ?? [],
      messagingServiceSid: v.messagingServiceSid ?? null,
      statusCallback: v.statusCallback ?? null,
      status: scheduled ? 'scheduled' : v.messagingServiceSid ? 'accepted' : 'queued',
      sendAt: v.sendAt ? Date.parse(v.sendAt) : null,
      priceUnit: null,
    });
    return [201, 'POST', '/Messages.json', messageJson(row)];
  };

/** What each command does to the message log, and what Twilio answers. */
const PLAYS: { [C in CommandId]: Play<C> } = {
  'create-message': send(false),
  'schedule-message': send(true),
  'list-messages': (s, v, accountSid) => {
    const { to, from, pageSize = 50 } = v;
    // Newest first, one page: the component tests never page.
    const rows = s.messages
      .filter(
        (m) => m.accountSid === accountSid && (!to || m.to === to) && (!from || m.from === from),
      )
      .reverse()
      .slice(0, pageSize);
    const uri = `${accountPath(accountSid)}/Messages.json?PageSize=${pageSize}&Page=0`;
    const page = {
      first_page_uri: uri,
      end: Math.max(0, rows.length - 1),
      previous_page_uri: null,
      messages: rows.map(messageJson),
      uri,
      page_size: pageSize,
      start: 0,
      next_page_uri: null,
      page: 0,
    };
    return [200, 'GET', '/Messages.json', page];
  },
  'fetch-message': onMessage('GET', (_s, row) => [200, messageJson(row)]),
  'delete-message': onMessage('DELETE', (s, row) => {
    s.messages.splice(s.messages.indexOf(row), 1);
    return [204, null];
  }),
  'update-message': onMessage('POST', (_s, row, v: CommandParams<'update-message'>) => {
    if (v.status === 'canceled') row.status = 'canceled';
    else row.body = '';
    return [200, messageJson(row)];
  }),
};

/** A param's name on the wire, as the twilio library sends it; null for those in the path. */
const wireName = (key: string) =>
  ['accountSid', 'messageSid', 'pageUri'].includes(key)
    ? null
    : (({ dateSentBefore: 'DateSent<', dateSentAfter: 'DateSent>' } as Record<string, string>)[
        key
      ] ?? key[0]!.toUpperCase() + key.slice(1));

/** What the relay answers for a command its contract has checked. */
export function executeCommand<C extends CommandId>(
  s: MockState,
  command: C,
  values: CommandParams<C>,
  accountSid: string,
): ExecuteResult {
  const plays: { [K in CommandId]: Play<K> } = PLAYS;
  const [status, method, path, data] = plays[command](s, values, accountSid);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const name = wireName(key);
    if (name && value !== undefined) params[name] = value;
  }
  if (command === 'schedule-message') params.ScheduleType = 'fixed';
  const ok = status < 400;
  return {
    ok,
    status,
    durationMs: 42,
    request: { method, path: accountPath(accountSid) + path, params },
    ...(ok ? { data } : { error: data as ExecuteResult['error'] }),
  };
}
