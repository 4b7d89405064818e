import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogSource, filtersFromRequest } from '../../../../src/app/message-log-source';
import type { ExecuteResult } from '../../../../src/contract/queries';
import { EMPTY_FILTERS, type LogFilters } from '../../../../src/features/message-log/model';
import { LogError } from '../../../../src/features/message-log/use-message-log';
import { ACCOUNT_SID, message, messageSid } from './fixtures';

// The log's data source: every action is one execute of a contract command through the relay.

const SUB_ACCOUNT = 'AC' + 'b'.repeat(32);
const ds = {
  id: 'ds 1',
  accountSid: ACCOUNT_SID,
  target: 'emulator' as const,
  authType: 'basic' as const,
};

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

let calls: Call[];
let answers: (() => Response)[];

const ok = (data: unknown, status = 200): ExecuteResult => ({
  ok: true,
  status,
  durationMs: 12,
  request: { method: 'GET', path: '/x', params: {} },
  data,
});
const json =
  (value: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(value), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });

beforeEach(() => {
  calls = [];
  answers = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body ? JSON.parse(init.body as string) : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected request ${url}`);
    return answer();
  });
  vi.stubGlobal('window', { location: { origin: 'http://127.0.0.1:3000' } });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const filters = (patch: Partial<LogFilters> = {}): LogFilters => ({ ...EMPTY_FILTERS, ...patch });

describe('createLogSource: what each action sends to the relay', () => {
  it('lists with Twilio’s filters, trimmed, leaving out empty ones', async () => {
    const page = {
      messages: [message(1)],
      next_page_uri: '/2010-04-01/Accounts/x/Messages.json?Page=1',
    };
    answers.push(json(ok(page)));
    const source = createLogSource(ds);
    const result = await source.list(
      filters({
        to: ' +15558675310 ',
        from: '+15017122661',
        dateSentAfter: '2030-01-01',
        dateSentBefore: '2030-01-31',
        pageSize: 20,
      }),
    );
    expect(result).toEqual(page);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/datasources/ds%201/execute');
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.headers['Content-Type']).toBe('application/json');
    expect(calls[0]!.body).toEqual({
      command: 'list-messages',
      params: {
        accountSid: ACCOUNT_SID,
        pageSize: 20,
        to: '+15558675310',
        from: '+15017122661',
        dateSentAfter: '2030-01-01',
        dateSentBefore: '2030-01-31',
      },
    });
  });

  it('lists with only the page size when no filter is set', async () => {
    answers.push(json(ok({ messages: [], next_page_uri: null })));
    await createLogSource(ds).list(filters({ to: '   ', pageSize: 1000 }));
    expect(calls[0]!.body).toEqual({
      command: 'list-messages',
      params: { accountSid: ACCOUNT_SID, pageSize: 1000 },
    });
  });

  it('follows a next_page_uri as it is', async () => {
    const uri = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?PageSize=20&Page=1&PageToken=PASM123`;
    answers.push(json(ok({ messages: [message(2)], next_page_uri: null })));
    const result = await createLogSource(ds).page(uri);
    expect(result.messages[0]!.sid).toBe(messageSid(2));
    expect(calls[0]!.body).toEqual({
      command: 'list-messages',
      params: { accountSid: ACCOUNT_SID, pageUri: uri },
    });
  });

  it('fetches, cancels (status canceled), redacts (body empty) and deletes by SID', async () => {
    const sid = messageSid(7);
    answers.push(
      json(ok(message(7))),
      json(ok(message(7, { status: 'canceled' }))),
      json(ok(message(7, { body: '' }))),
      json(ok(null, 204)),
    );
    const source = createLogSource(ds);
    expect((await source.fetch(sid)).sid).toBe(sid);
    expect((await source.cancel(sid)).status).toBe('canceled');
    expect((await source.redact(sid)).body).toBe('');
    await expect(source.remove(sid)).resolves.toBeUndefined();
    expect(calls.map((c) => c.body)).toEqual([
      { command: 'fetch-message', params: { accountSid: ACCOUNT_SID, messageSid: sid } },
      {
        command: 'update-message',
        params: { accountSid: ACCOUNT_SID, messageSid: sid, status: 'canceled' },
      },
      { command: 'update-message', params: { accountSid: ACCOUNT_SID, messageSid: sid, body: '' } },
      { command: 'delete-message', params: { accountSid: ACCOUNT_SID, messageSid: sid } },
    ]);
    expect(new Set(calls.map((c) => c.url))).toEqual(new Set(['/api/datasources/ds%201/execute']));
  });

  it('acts on the subaccount it was made for', async () => {
    answers.push(json(ok(message(1))));
    await createLogSource(ds, SUB_ACCOUNT).fetch(messageSid(1));
    expect(calls[0]!.body).toEqual({
      command: 'fetch-message',
      params: { accountSid: SUB_ACCOUNT, messageSid: messageSid(1) },
    });
  });
});

describe('createLogSource: failures', () => {
  it('turns Twilio’s refusal (ok: false) into a LogError with Twilio’s code', async () => {
    answers.push(
      json({
        ok: false,
        status: 409,
        durationMs: 5,
        request: { method: 'DELETE', path: '/x', params: {} },
        error: {
          code: 20009,
          message: 'Cannot delete message because it is not in a final state',
          moreInfo: 'https://www.twilio.com/docs/errors/20009',
        },
      } satisfies ExecuteResult),
    );
    const err = await createLogSource(ds)
      .remove(messageSid(1))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LogError);
    expect(err).toMatchObject({
      code: 20009,
      message: 'Cannot delete message because it is not in a final state',
    });
  });

  it('says what status Twilio answered when it gave no error body', async () => {
    answers.push(
      json({
        ok: false,
        status: 503,
        durationMs: 5,
        request: { method: 'GET', path: '/x', params: {} },
      }),
    );
    const err = await createLogSource(ds)
      .fetch(messageSid(1))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'LogError', code: null, message: 'Twilio answered 503' });
  });

  it('turns the relay’s own error ({error: {code, message}}) into a LogError with that code', async () => {
    answers.push(
      json(
        {
          error: {
            code: 'invalid_params',
            message: 'PageSize must be at most 1000',
            field: 'pageSize',
          },
        },
        400,
      ),
    );
    const err = await createLogSource(ds)
      .list(filters({ pageSize: 5000 }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LogError);
    expect(err).toMatchObject({ code: 'invalid_params', message: 'PageSize must be at most 1000' });
  });

  it('turns a server that cannot be reached into a LogError', async () => {
    answers.push(() => {
      throw new TypeError('fetch failed');
    });
    const err = await createLogSource(ds)
      .fetch(messageSid(1))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LogError);
    expect((err as LogError).code).toBe('network');
  });
});

describe('createLogSource: Copy as cURL', () => {
  const all = filters({
    to: '+1 555 867 5310',
    from: "it's+1",
    dateSentAfter: '2030-01-01',
    dateSentBefore: '2030-01-31',
    pageSize: 20,
  });

  it('points at the emulator on this server, with the Auth Token as a placeholder and every filter URL-encoded by curl', () => {
    const curl = createLogSource(ds).curl(all);
    expect(curl).toContain(
      `curl -G 'http://127.0.0.1:3000/emulator/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json'`,
    );
    expect(curl).toContain(`--data-urlencode 'To=+1 555 867 5310'`);
    expect(curl).toContain(`--data-urlencode 'From=it'\\''s+1'`);
    expect(curl).toContain(`--data-urlencode 'DateSent>=2030-01-01'`);
    expect(curl).toContain(`--data-urlencode 'DateSent<=2030-01-31'`);
    expect(curl).toContain(`--data-urlencode 'PageSize=20'`);
    expect(curl).toContain(`-u "${ACCOUNT_SID}:$TWILIO_AUTH_TOKEN"`);
    expect(curl.match(/--data-urlencode/g)).toHaveLength(5);
    // Every parameter goes through --data-urlencode: nothing is pasted raw into the URL.
    expect(curl.split('\n')[0]).not.toContain('?');
    expect(calls).toEqual([]);
  });

  it('points at Twilio for a Twilio datasource, and uses the API key SID with a secret placeholder', () => {
    const curl = createLogSource(
      { ...ds, target: 'twilio', authType: 'api-key', apiKeySid: 'SK' + 'c'.repeat(32) },
      SUB_ACCOUNT,
    ).curl(filters({ pageSize: 50 }));
    expect(curl).toContain(
      `'https://api.twilio.com/2010-04-01/Accounts/${SUB_ACCOUNT}/Messages.json'`,
    );
    expect(curl).toContain(`-u "${'SK' + 'c'.repeat(32)}:$TWILIO_API_KEY_SECRET"`);
    expect(curl).toContain(`--data-urlencode 'PageSize=50'`);
    expect(curl).not.toContain('To=');
  });

  it('never holds a secret: only names and placeholders', () => {
    const curl = createLogSource({ ...ds, target: 'twilio' }).curl(all);
    expect(curl).toMatch(/\$TWILIO_AUTH_TOKEN/);
    const password = /-u "[^:]+:([^"]*)"/.exec(curl)?.[1];
    expect(password).toBe('$TWILIO_AUTH_TOKEN');
    expect(curl).not.toMatch(/[0-9a-f]{32}"/);
  });
});

describe('filtersFromRequest', () => {
  it('reads the log’s filters back from the wire names a List Message request was sent with', () => {
    expect(
      filtersFromRequest({
        To: '+15558675310',
        From: '+15017122661',
        'DateSent>': '2030-01-01',
        'DateSent<': '2030-01-31',
        PageSize: 20,
      }),
    ).toEqual({
      to: '+15558675310',
      from: '+15017122661',
      dateSentAfter: '2030-01-01',
      dateSentBefore: '2030-01-31',
      pageSize: 20,
    });
    expect(filtersFromRequest({})).toEqual({
      to: '',
      from: '',
      dateSentAfter: '',
      dateSentBefore: '',
      pageSize: 50,
    });
  });
});
