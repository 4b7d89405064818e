import type { MessagePage } from 'twilio/lib/rest/api/v2010/account/message';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';
import {
  accountUrl,
  expectErrorBody,
  expectTwilioError,
  rawRequest,
  testNumber,
} from '../../helpers/twilio-assert';

// Listing messages through list(), each() and page(): every message exactly once, newest first,
// in every page size; page()/nextPage()/previousPage(); the envelope's URIs.

const TOTAL = 120;
const MINUTE = 60_000;

/** A page of messages as nextPage() and previousPage() return it. */
type MessagesPage = NonNullable<Awaited<ReturnType<MessagePage['nextPage']>>>;

/** twilio-node's each() returns the promise of its end, though its types say void. */
const eachDone = (run: void) => run as unknown as Promise<void>;

describe('listing and paging', () => {
  let emu: RunningEmulator;
  /** SIDs newest first, as the list must return them. */
  let newestFirst: string[];

  beforeAll(async () => {
    emu = await startEmulator({ stepMs: 1000 });
    const client = emu.client();
    const [a, b] = emu.emulator.info().phoneNumbers as [string, string];
    const sids: string[] = [];
    // One message a minute: each is sent (date_sent set) before the next is created.
    for (let i = 0; i < TOTAL; i++) {
      const m = await client.messages.create({
        to: testNumber(i % 5),
        from: i % 3 === 0 ? b : a,
        body: `#${i}`,
      });
      sids.push(m.sid);
      emu.clock.advance(MINUTE);
    }
    newestFirst = sids.reverse();
  });
  afterAll(() => emu.close());

  it.each([1, 2, 7, 50, 1000])(
    'list({pageSize: %i}) returns every message once, newest first',
    async (pageSize) => {
      const listed = await emu.client().messages.list({ pageSize });
      expect(listed.map((m) => m.sid)).toEqual(newestFirst);
    },
  );

  it.each([1, 3, 50, 1000])(
    'each({pageSize: %i}) visits every message once, newest first',
    async (pageSize) => {
      const seen: string[] = [];
      await eachDone(
        emu.client().messages.each({ pageSize }, (m) => {
          seen.push(m.sid);
        }),
      );
      expect(seen).toEqual(newestFirst);
    },
  );

  it('list() and each() without a page size use the default of 50', async () => {
    expect((await emu.client().messages.list()).map((m) => m.sid)).toEqual(newestFirst);
    const page = await emu.client().messages.page();
    expect(page.instances).toHaveLength(50);
  });

  it('stops at a limit', async () => {
    const first = await emu.client().messages.list({ limit: 10, pageSize: 3 });
    expect(first.map((m) => m.sid)).toEqual(newestFirst.slice(0, 10));
    const seen: string[] = [];
    await eachDone(
      emu.client().messages.each({ limit: 5, pageSize: 2 }, (m) => {
        seen.push(m.sid);
      }),
    );
    expect(seen).toEqual(newestFirst.slice(0, 5));
  });

  it('orders by date_sent, newest first', async () => {
    const listed = await emu.client().messages.list({ pageSize: 1000 });
    const times = listed.map((m) => m.dateSent.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(new Set(times).size).toBe(TOTAL);
  });

  it('walks forward with nextPage() and back with previousPage()', async () => {
    const client = emu.client();
    const pages: string[][] = [];
    let page: MessagesPage = await client.messages.page({ pageSize: 7 });
    expect(page.previousPageUrl).toBeUndefined();
    expect(await page.previousPage()).toBeUndefined();
    for (;;) {
      pages.push(page.instances.map((m) => m.sid));
      const next = await page.nextPage();
      if (!next) break;
      page = next;
    }
    expect(pages).toHaveLength(Math.ceil(TOTAL / 7));
    expect(pages.flat()).toEqual(newestFirst);
    expect(page.nextPageUrl).toBeUndefined();
    expect(pages.at(-1)).toHaveLength(TOTAL % 7);

    const backwards: string[][] = [page.instances.map((m) => m.sid)];
    for (;;) {
      const previous = await page.previousPage();
      if (!previous) break;
      page = previous;
      backwards.unshift(page.instances.map((m) => m.sid));
    }
    expect(backwards).toEqual(pages);
    expect(page.previousPageUrl).toBeUndefined();
  });

  it('goes back and forth in the middle of the list', async () => {
    const first = await emu.client().messages.page({ pageSize: 10 });
    const second = (await first.nextPage())!;
    const third = (await second.nextPage())!;
    const backToSecond = (await third.previousPage())!;
    expect(backToSecond.instances.map((m) => m.sid)).toEqual(second.instances.map((m) => m.sid));
    const forwardAgain = (await backToSecond.nextPage())!;
    expect(forwardAgain.instances.map((m) => m.sid)).toEqual(third.instances.map((m) => m.sid));
    expect(third.instances.map((m) => m.sid)).toEqual(newestFirst.slice(20, 30));
  });

  it('answers Twilio’s envelope with relative URIs and one records array', async () => {
    const base = `/2010-04-01/Accounts/${emu.accountSid}/Messages.json`;
    const first = await rawRequest(emu, `${accountUrl(emu)}/Messages.json?PageSize=2`);
    expect(first.status).toBe(200);
    const env = first.body as Record<string, unknown>;
    expect(Object.keys(env).sort()).toEqual(
      [
        'end',
        'first_page_uri',
        'messages',
        'next_page_uri',
        'page',
        'page_size',
        'previous_page_uri',
        'start',
        'uri',
      ].sort(),
    );
    expect(env).toMatchObject({
      page: 0,
      page_size: 2,
      start: 0,
      end: 1,
      previous_page_uri: null,
      uri: `${base}?PageSize=2&Page=0`,
      first_page_uri: `${base}?PageSize=2&Page=0`,
    });
    expect(env.next_page_uri).toMatch(
      new RegExp(`^${base.replace(/[.]/g, '\\.')}\\?PageSize=2&Page=1&PageToken=PA`),
    );

    const second = await rawRequest(emu, `${emu.baseUrl}${String(env.next_page_uri)}`);
    const env2 = second.body as Record<string, unknown>;
    expect(env2).toMatchObject({ page: 1, page_size: 2, start: 2, end: 3 });
    expect(env2.previous_page_uri).toMatch(/Page=0&PageToken=PB/);
    expect((env2.messages as { sid: string }[]).map((m) => m.sid)).toEqual(newestFirst.slice(2, 4));
  });

  it('answers next_page_uri null on the last page', async () => {
    const all = await rawRequest(emu, `${accountUrl(emu)}/Messages.json?PageSize=1000`);
    const env = all.body as Record<string, unknown>;
    expect(env.next_page_uri).toBeNull();
    expect(env.end).toBe(TOTAL - 1);
    expect(env.messages).toHaveLength(TOTAL);

    const exact = await rawRequest(emu, `${accountUrl(emu)}/Messages.json?PageSize=${TOTAL}`);
    expect((exact.body as Record<string, unknown>).next_page_uri).toBeNull();

    const page = await emu.client().messages.page({ pageSize: 119 });
    const last = (await page.nextPage())!;
    expect(last.instances.map((m) => m.sid)).toEqual([newestFirst[119]]);
    expect(last.nextPageUrl).toBeUndefined();
    expect(await last.nextPage()).toBeUndefined();
  });

  it('refuses an invalid PageToken with 21481', async () => {
    const client = emu.client();
    for (const pageToken of ['bogus', 'PAnot-valid!', 'PB', 'PA12']) {
      await expectTwilioError(client.messages.page({ pageToken }), {
        status: 400,
        code: 21481,
        message: 'Invalid PageToken',
      });
    }
  });

  it('refuses PageSize above 1000 with 20007, and other bad page sizes with 20001', async () => {
    await expectTwilioError(emu.client().messages.list({ pageSize: 1001 }), {
      status: 400,
      code: 20007,
    });
    await expectTwilioError(emu.client().messages.page({ pageSize: 5000 }), {
      status: 400,
      code: 20007,
    });
    for (const size of ['0', '-1', 'ten', '2.5']) {
      const res = await rawRequest(emu, `${accountUrl(emu)}/Messages.json?PageSize=${size}`);
      expectErrorBody(res.body, 400, 20001);
    }
  });
});

describe('paging stays consistent while messages change', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ stepMs: 1000 });
  });
  afterAll(() => emu.close());

  it('returns an empty first page on a new account', async () => {
    const page = await emu.client().messages.page({ pageSize: 5 });
    expect(page.instances).toEqual([]);
    expect(page.nextPageUrl).toBeUndefined();
    expect(await emu.client().messages.list()).toEqual([]);
  });

  it('neither repeats nor skips old messages when new ones arrive between pages', async () => {
    const client = emu.client();
    const from = emu.emulator.info().phoneNumbers[0]!;
    const old: string[] = [];
    for (let i = 0; i < 25; i++) {
      old.push((await client.messages.create({ to: testNumber(i), from, body: `old ${i}` })).sid);
      emu.clock.advance(MINUTE);
    }
    const seen: string[] = [];
    let page: MessagesPage = await client.messages.page({ pageSize: 4 });
    seen.push(...page.instances.map((m) => m.sid));
    for (let i = 0; ; i++) {
      // A newer message arrives between every two requests.
      await client.messages.create({ to: testNumber(100 + i), from, body: `new ${i}` });
      emu.clock.advance(MINUTE);
      const next = await page.nextPage();
      if (!next) break;
      page = next;
      seen.push(...page.instances.map((m) => m.sid));
    }
    expect(seen).toEqual([...old].reverse());
  });

  it('leaves deleted messages out of later pages', async () => {
    const client = emu.client();
    const all = await client.messages.list({ pageSize: 1000 });
    const first = await client.messages.page({ pageSize: 5 });
    const victim = all[7]!;
    await client.messages(victim.sid).remove();
    const rest: string[] = [];
    let page: MessagesPage = first;
    for (;;) {
      const next = await page.nextPage();
      if (!next) break;
      page = next;
      rest.push(...page.instances.map((m) => m.sid));
    }
    expect(rest).not.toContain(victim.sid);
    expect([...first.instances.map((m) => m.sid), ...rest]).toEqual(
      all.filter((m) => m !== victim).map((m) => m.sid),
    );
  });
});
