import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import {
  contentType,
  describeRequest,
  hostileId,
  hostileString,
  method,
  nastyJsonText,
  send,
  type RawRequest,
} from '../../helpers/fuzz';
import { basicAuth } from '../../helpers/twilio-assert';

// A sample of hostile requests to the emulator mounted at /emulator: Twilio's parameters with odd
// values, odd SIDs, credentials and content types. Never a 5xx, and every error in Twilio's own
// four-key shape {code, message, more_info, status}.

const PARAMS = [
  'To',
  'From',
  'Body',
  'MediaUrl',
  'StatusCallback',
  'MessagingServiceSid',
  'SendAt',
  'ScheduleType',
  'Status',
  'PageSize',
  'Page',
  'PageToken',
  'DateSent',
  'DateSent<',
  'DateSent>',
  'ValidityPeriod',
  '__proto__',
  'constructor',
];
const RUNS = 400;
const PER_RUN = 3;

describe('fuzzing the emulator', () => {
  let app: RunningApp;
  let from: string;
  beforeAll(async () => {
    app = await startApp({ env: { TQB_RATE_LIMIT: '0' } });
    from = app.emulator.info().phoneNumbers[0]!;
  });
  afterAll(() => app.close());

  it(`answers ${RUNS * PER_RUN} hostile requests below 500 with Twilio's error shape`, async () => {
    const { accountSid, authToken, apiKeySid, apiKeySecret } = app.emulator.identity;
    const message = `SM${'0'.repeat(32)}`;
    const account = fc.oneof(
      { weight: 4, arbitrary: fc.constant(accountSid) },
      { weight: 1, arbitrary: hostileId },
    );
    const sid = fc.oneof(fc.constant(message), hostileId);
    const path = fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .tuple(account, sid, fc.nat(5))
          .map(
            ([a, s, n]) =>
              [
                `/Accounts/${a}.json`,
                `/Accounts/${a}/Messages.json`,
                `/Accounts/${a}/Messages/${s}.json`,
                `/Accounts/${a}/IncomingPhoneNumbers.json`,
                `/Accounts/${a}/OutgoingCallerIds.json`,
                `/Accounts/${a}/Messages/${s}/Media.json`,
              ][n]!,
          )
          .map((p) => `/emulator/2010-04-01${p}`),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '/emulator',
          '/emulator/',
          '/emulator/2010-04-01',
          '/emulator/2010-04-01/Accounts.json',
          '/emulator/2010-04-01/Accounts/',
          '/emulator/..%2Fapi%2Fhealth',
          '/emulator/2008-08-01/Accounts',
        ),
      },
    );
    const value = fc.oneof(
      hostileString,
      fc.constantFrom(
        from,
        '+15005550006',
        '+14155550100',
        'whatsapp:+14155550100',
        'fixed',
        'canceled',
        '',
        '1000',
        '-1',
        '2030-01-01T00:00:00Z',
      ),
    );
    const pairs = (v: fc.Arbitrary<string>) =>
      fc
        .array(fc.tuple(fc.constantFrom(...PARAMS), v), { maxLength: 6 })
        .map((p) => new URLSearchParams(p).toString());
    const form = pairs(value);
    // A query string stays under Node's 16 KB header limit (beyond it Node itself answers 431, before any app).
    const query = pairs(value.map((v) => v.slice(0, 1500)));
    const auth = fc.constantFrom(
      basicAuth(accountSid, authToken),
      basicAuth(apiKeySid, apiKeySecret),
      basicAuth(accountSid, 'f'.repeat(32)),
      'Basic %%%',
      'Bearer x',
      undefined,
    );
    const request: fc.Arbitrary<RawRequest> = fc
      .record({
        m: method,
        path,
        query: fc.option(query, { freq: 3 }),
        body: fc.oneof(form, nastyJsonText),
        type: fc.option(fc.oneof(fc.constant('application/x-www-form-urlencoded'), contentType), {
          freq: 5,
        }),
        auth,
      })
      .map(({ m, path, query, body, type, auth }) => {
        const headers: Record<string, string> = {};
        if (auth !== undefined) headers.authorization = auth;
        if (type !== null) headers['content-type'] = type;
        const withBody = !['GET', 'HEAD', 'TRACE'].includes(m);
        if (withBody) headers['content-length'] = String(Buffer.byteLength(body));
        return {
          method: m,
          path: query ? `${path}?${query}` : path,
          headers,
          ...(withBody ? { body } : {}),
        };
      });

    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(request, { minLength: PER_RUN, maxLength: PER_RUN }),
        async (batch) => {
          const answers = await Promise.all(batch.map((r) => send(app.url, r)));
          answers.forEach((a, i) => {
            const req = batch[i]!;
            const label = `${describeRequest(req)} -> ${a.status} ${a.text.slice(0, 200)}`;
            statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
            expect(a.status, label).toBeLessThan(500);
            if (a.status < 400 || req.method === 'HEAD') return;
            expect(a.contentType, label).toMatch(/^application\/json/);
            const error = JSON.parse(a.text) as Record<string, unknown>;
            expect(Object.keys(error).sort(), label).toEqual([
              'code',
              'message',
              'more_info',
              'status',
            ]);
            expect(error.status, label).toBe(a.status);
            expect(typeof error.code, label).toBe('number');
            expect(typeof error.message === 'string' && error.message.length > 0, label).toBe(true);
          });
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    for (const s of [200, 400, 401, 404])
      expect(
        statuses.get(s) ?? 0,
        `answers with ${s}: ${JSON.stringify([...statuses])}`,
      ).toBeGreaterThan(5);
    expect(app.logs.filter((l) => l.includes('emulator request failed'))).toEqual([]);
    expect(
      (
        await app.api
          .get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`)
          .auth(accountSid, authToken)
          .expect(200)
      ).body.messages,
    ).toBeInstanceOf(Array);
  }, 40_000);
});
