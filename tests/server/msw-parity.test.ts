import { getResponse } from 'msw';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { createMockState, EMULATOR } from '../helpers/mock-state';
import { createHandlers } from '../helpers/msw-handlers';

// The component tests' fake API (tests/helpers/msw-handlers.ts) against the real app: the same
// requests go to both, and what comes back must agree: the status, the shape of the body (keys
// and types: ids, timestamps and SIDs differ), and errors word for word, ours and Twilio's.
// A rule changed on the server and not in the fake, or the other way round, fails here.

interface Answer {
  status: number;
  body: unknown;
}
/** One side: how to send a request, and its own facts (the emulator's account and numbers). */
interface Backend {
  send(method: string, path: string, body?: unknown): Promise<Answer>;
  accountSid: string;
  from: string;
  messagingServiceSid: string;
}

const init = (method: string, body: unknown): RequestInit => ({
  method,
  ...(body === undefined
    ? {}
    : {
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
});
const answer = async (res: Response): Promise<Answer> => {
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
};

let app: RunningApp;
let real: Backend;
let fake: Backend;

beforeAll(async () => {
  app = await startApp();
  const info = app.emulator.info();
  real = {
    send: async (method, path, body) => answer(await fetch(app.url + path, init(method, body))),
    accountSid: info.accountSid,
    from: info.phoneNumbers[0]!,
    messagingServiceSid: info.messagingServiceSids[0]!,
  };
  const origin = 'http://fake.test';
  const state = createMockState({ now: app.clock.now() });
  const handlers = createHandlers(() => state, origin);
  fake = {
    async send(method, path, body) {
      const res = await getResponse(handlers, new Request(origin + path, init(method, body)));
      if (!res) throw new Error(`The fake has no route for ${method} ${path}`);
      return answer(res);
    },
    accountSid: EMULATOR.accountSid,
    from: EMULATOR.phoneNumbers[0]!,
    messagingServiceSid: EMULATOR.messagingServiceSid,
  };
});
afterAll(() => app.close());

/** Values compared as they are; everything else by its shape. */
const EXACT = new Set(['error', 'ok', 'status', 'method', 'hasSecret', 'trial']);

/** The body as compared: keys and types, with `error` and the EXACT keys' values kept. */
function view(value: unknown, side: Backend, key = ''): unknown {
  if (EXACT.has(key)) return JSON.parse(JSON.stringify(value).replaceAll(side.accountSid, '{AC}'));
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => view(v, side));
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, view((value as Record<string, unknown>)[k], side, k)]),
    );
  return typeof value;
}

/** The sequence a person's session makes, on one side; returns what each step answered. */
async function session(side: Backend) {
  const transcript: { step: string; status: number; body: unknown }[] = [];
  const call = async <T = { id: string }>(
    step: string,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const res = await side.send(method, path, body);
    transcript.push({ step, status: res.status, body: view(res.body, side) });
    return res.body as T;
  };
  const twilio = { target: 'twilio', authType: 'basic', accountSid: 'AC' + 'a'.repeat(32) };

  await call('emulator info', 'GET', '/api/emulator');
  const datasources = await call<{ id: string }[]>('list datasources', 'GET', '/api/datasources');
  const seeded = datasources[0]!.id;
  const prod = await call('create datasource', 'POST', '/api/datasources', {
    name: 'Prod',
    ...twilio,
    authToken: 'b'.repeat(32),
  });
  await call('create: no Account SID', 'POST', '/api/datasources', { name: 'X', target: 'twilio' });
  await call('create: bad Auth Token', 'POST', '/api/datasources', {
    name: 'X',
    ...twilio,
    authToken: 'nope',
  });
  await call('create: unknown field', 'POST', '/api/datasources', { name: 'X', colour: 'red' });
  await call('create: not JSON', 'POST', '/api/datasources', '{"name":');
  await call('create: name taken', 'POST', '/api/datasources', {
    name: 'PROD',
    target: 'emulator',
  });
  await call('list datasources again', 'GET', '/api/datasources');
  await call('get unknown datasource', 'GET', '/api/datasources/ds_missing');
  await call('get datasource', 'GET', `/api/datasources/${prod.id}`);
  await call('rename datasource', 'PATCH', `/api/datasources/${prod.id}`, { name: 'Prod EU' });
  await call('patch: other auth type field', 'PATCH', `/api/datasources/${prod.id}`, {
    apiKeySecret: 'c'.repeat(20),
  });
  await call('patch unknown datasource', 'PATCH', '/api/datasources/ds_missing', { name: 'Y' });
  await call('test unsaved emulator', 'POST', '/api/datasources/test', {
    name: 'T',
    target: 'emulator',
  });
  await call('test: wrong token', 'POST', '/api/datasources/test', {
    name: 'T',
    target: 'emulator',
    accountSid: side.accountSid,
    authToken: 'd'.repeat(32),
  });
  await call('test saved emulator', 'POST', `/api/datasources/${seeded}/test`);
  await call('lookups', 'GET', `/api/datasources/${seeded}/lookups`);

  const query = { datasourceId: prod.id, command: 'list-messages' };
  const list = await call('create query', 'POST', '/api/queries', { name: 'Recent', ...query });
  await call('query: bad name', 'POST', '/api/queries', { name: '1st', ...query });
  await call('query: name taken', 'POST', '/api/queries', { name: 'RECENT', ...query });
  await call('query: unknown datasource', 'POST', '/api/queries', {
    ...query,
    name: 'Other',
    datasourceId: 'ds_missing',
  });
  await call('patch query', 'PATCH', `/api/queries/${list.id}`, {
    params: { to: '+15558675310' },
    settings: { timeoutMs: 5000 },
  });
  await call('patch query: bad timeout', 'PATCH', `/api/queries/${list.id}`, {
    settings: { timeoutMs: 10 },
  });
  await call('patch unknown query', 'PATCH', '/api/queries/q_missing', { name: 'Z' });
  await call('list queries', 'GET', '/api/queries');

  const input = { id: 'w1', type: 'input', name: 'Input1' };
  await call('empty page', 'GET', '/api/page');
  await call('put page', 'PUT', '/api/page', { widgets: [input] });
  await call('get page', 'GET', '/api/page');
  await call('page: widget named as a query', 'PUT', '/api/page', {
    widgets: [input, { id: 'w2', type: 'text', name: 'recent' }],
  });
  await call('page: two widgets, one name', 'PUT', '/api/page', {
    widgets: [input, { ...input, id: 'w2' }],
  });
  await call('query named as a widget', 'POST', '/api/queries', { ...query, name: 'input1' });

  await call('delete datasource in use', 'DELETE', `/api/datasources/${prod.id}`);
  await call('delete with cascade', 'DELETE', `/api/datasources/${prod.id}?cascade=true`);
  await call('queries after cascade', 'GET', '/api/queries');

  const run = (step: string, command: string, params: Record<string, unknown>) =>
    call(step, 'POST', `/api/datasources/${seeded}/execute`, { command, params });
  await run('execute: invalid params', 'create-message', { to: '12345', body: 'Hi' });
  await run('execute: two invalid params', 'create-message', { to: '+15558675310' });
  await call('execute: unknown command', 'POST', `/api/datasources/${seeded}/execute`, {
    command: 'send-fax',
  });
  await call('execute on unknown datasource', 'POST', '/api/datasources/ds_missing/execute', {
    command: 'list-messages',
  });
  await run('execute: create message', 'create-message', {
    to: '+15558675310',
    from: side.from,
    body: 'Hello',
  });
  await run('execute: list messages', 'list-messages', { to: '+15558675310', pageSize: 20 });
  await run('execute: foreign page URI', 'list-messages', { pageUri: '/elsewhere' });
  await run('execute: unknown message', 'fetch-message', { messageSid: 'SM' + 'f'.repeat(32) });
  return transcript;
}

it('answers every request of a session as the real app does', async () => {
  const expected = await session(real);
  const actual = await session(fake);
  for (let i = 0; i < expected.length; i += 1)
    expect(actual[i], expected[i]!.step).toEqual(expected[i]);
  expect(actual).toHaveLength(expected.length);
});
