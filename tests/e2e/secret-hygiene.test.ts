import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { createDatasource, testDatasource, testSavedDatasource } from '../helpers/e2e-setup';
import { freePort, startServer, type ServerProcess } from '../helpers/server-process';
import { closeTestPage, E2E_ENV, eventually, openTestPage, type TestPage } from '../helpers/ui';

// A Twilio Auth Token typed into the wizard goes to the server once, in the request that saves it,
// and never comes back: not in the DOM, not in browser storage, not in any API response, not in
// the server's log, and not in clear in DATA_DIR. Twilio itself is a closed local port, so "Test"
// fails to connect, which is fine: the secret still travels through every code path. Each test
// runs alone: a journey in a fresh browser context (its own storage) whose DOM, storage and API
// answers are then searched for the token; the one that reopens a saved datasource saves it
// through the HTTP API first, and the one that reads the log and DATA_DIR sends the token through
// the API itself (it stops the server, so it comes last).

const AUTH_TOKEN = randomBytes(16).toString('hex');
const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;

/** The forms in which the token could sit in a file or a body. */
const encodings = (secret: string): Buffer[] => [
  Buffer.from(secret, 'utf8'),
  Buffer.from(secret.toUpperCase(), 'utf8'),
  Buffer.from(secret, 'utf16le'),
  Buffer.from(secret, 'hex'),
  Buffer.from(Buffer.from(secret).toString('base64'), 'utf8'),
  Buffer.from(Buffer.from(`${ACCOUNT_SID}:${secret}`).toString('base64'), 'utf8'), // HTTP Basic
];
const leaks = (haystack: Buffer | string): boolean => {
  const buf = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
  return encodings(AUTH_TOKEN).some((needle) => buf.includes(needle));
};

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** What a page sent to and got from /api, every answer's body read. */
function recordApi(page: Page) {
  const requests: { url: string; body: string }[] = [];
  const responses: { url: string; status: number; body: Buffer | null; aborted: boolean }[] = [];
  const reading: Promise<unknown>[] = [];
  let inFlight = 0;
  const whenSettled: (() => void)[] = [];
  const finished = () => {
    inFlight -= 1;
    if (inFlight === 0) for (const resolve of whenSettled.splice(0)) resolve();
  };
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  const entries = new Map<Request, (typeof responses)[number]>();
  page.on('request', (req) => {
    if (!isApi(req.url())) return;
    inFlight += 1;
    requests.push({ url: req.url(), body: req.postData() ?? '' });
  });
  page.on('requestfinished', (req) => void (isApi(req.url()) && finished()));
  page.on('requestfailed', (req) => {
    if (!isApi(req.url())) return;
    finished();
    const entry = entries.get(req);
    if (entry) entry.aborted = true;
  });
  page.on('response', (res) => {
    if (!isApi(res.url())) return;
    const entry: (typeof responses)[number] = {
      url: `${res.request().method()} ${res.url()}`,
      status: res.status(),
      body: null,
      aborted: false,
    };
    responses.push(entry);
    entries.set(res.request(), entry);
    reading.push(
      res.body().then(
        (b) => (entry.body = b),
        () => undefined,
      ),
    );
  });
  /** Resolves once no /api request is open: call it once the page shows what it loaded. */
  const settled = () =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => whenSettled.push(r));
  return {
    requests,
    settled,
    /** The answers so far, once each body is read. */
    async read() {
      await settled();
      const seen = responses.slice();
      await Promise.all(reading);
      return seen;
    },
  };
}

// Generous per-test time: each test is a journey in a real browser, on two cores.
describe('a saved Twilio Auth Token never leaves the server', { timeout: 45_000 }, () => {
  let server: ServerProcess;
  let browser: Browser;
  let opened: TestPage | undefined;
  let context: BrowserContext;
  let page: Page;
  let api: ReturnType<typeof recordApi>;

  beforeAll(async () => {
    const closedPort = await freePort(); // nothing listens there: Twilio is unreachable
    [server, browser] = await Promise.all([
      // The data directory is read after the server stops; afterAll removes it.
      startServer(
        { ...E2E_ENV, TWILIO_API_BASE_URL: `http://127.0.0.1:${closedPort}` },
        { keepDataDir: true },
      ),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    opened = await openTestPage(browser);
    ({ context, page } = opened);
    api = recordApi(page);
  });
  afterEach(async () => {
    await closeTestPage(opened);
    opened = undefined;
  });

  /** The DOM, form values included, shows the Account SID and nothing of the token. */
  async function expectNoTokenInDom() {
    expect(leaks(await page.content())).toBe(false);
    const values = await page.evaluate(() =>
      [...document.querySelectorAll('input, textarea')]
        .map((el) => (el as HTMLInputElement).value)
        .join('\n'),
    );
    expect(values).toContain(ACCOUNT_SID); // the Account SID is shown, as it should be
    expect(leaks(values)).toBe(false);
    expect(leaks(await page.evaluate(() => document.title + document.body.innerText))).toBe(false);
  }

  /** Local, session, IndexedDB, Cache Storage and cookies hold nothing of the token. */
  async function expectNoTokenInStorage() {
    const stored = await page.evaluate(async () => {
      const dump = (s: Storage) =>
        Object.entries({ ...s })
          .flat()
          .join('\n');
      const dbs = 'databases' in indexedDB ? await indexedDB.databases() : [];
      const caches_ = 'caches' in window ? await caches.keys() : [];
      return {
        local: dump(localStorage),
        session: dump(sessionStorage),
        idb: JSON.stringify(dbs),
        caches: caches_.join('\n'),
      };
    });
    for (const [where, text] of Object.entries(stored)) expect(leaks(text), where).toBe(false);
    const cookies = await context.cookies();
    expect(leaks(JSON.stringify(cookies))).toBe(false);
    const state = await context.storageState();
    expect(leaks(JSON.stringify(state))).toBe(false);
  }

  /** Every /api answer was read whole, these among them, and none carries the token. */
  async function expectNoTokenInResponses(expected: RegExp[]) {
    const responses = await api.read();
    // Every body was read (a 204 has an empty one), so none escapes the check; but for an answer
    // cut off by a navigation, whose same request was read whole another time.
    const read = new Set(responses.filter((r) => r.body !== null).map((r) => r.url));
    expect(
      responses.filter((r) => r.body === null && !(r.aborted && read.has(r.url))).map((r) => r.url),
    ).toEqual([]);
    expect(responses.map((r) => r.url)).toEqual(
      expect.arrayContaining(expected.map((re) => expect.stringMatching(re))),
    );
    expect(responses.filter((r) => leaks(r.body!)).map((r) => r.url)).toEqual([]);
    return responses;
  }

  it('takes the token in the wizard, tests it (Twilio unreachable) and saves it, and shows, keeps and returns it nowhere', async () => {
    await page.goto(`${server.url}/datasources/new`);
    await page.getByRole('button', { name: 'Twilio', exact: true }).click();
    const form = page.getByRole('form', { name: 'New Twilio datasource' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Production');
    expect(await form.getByRole('radio', { name: 'Twilio', exact: true }).isChecked()).toBe(true);
    await form.getByRole('textbox', { name: 'Account SID', exact: true }).fill(ACCOUNT_SID);
    const token = form.getByLabel('Auth Token', { exact: true });
    expect(await token.getAttribute('type')).toBe('password');
    await token.fill(AUTH_TOKEN);

    await form.getByRole('button', { name: 'Test' }).click();
    const result = form.getByRole('status');
    await result.getByText('Connection failed').waitFor();
    expect(await result.textContent()).toContain('could not be reached');

    await form.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/datasources\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: 'Production' }).waitFor();
    await page.getByRole('form', { name: 'Edit datasource' }).waitFor();
    // The token did go to the server, in the bodies of Test and Save: the checks below can see it.
    expect(api.requests.filter((r) => leaks(r.body)).map((r) => new URL(r.url).pathname)).toEqual([
      '/api/datasources/test',
      '/api/datasources',
    ]);

    await expectNoTokenInDom();
    await expectNoTokenInStorage();
    await expectNoTokenInResponses([
      /^POST .*\/api\/datasources\/test$/,
      /^POST .*\/api\/datasources$/,
    ]);
  });

  it('reopens a saved datasource: the field says the token is saved and holds nothing, and nothing shows, keeps or returns it', async () => {
    const id = await createDatasource(server.url, {
      name: 'Saved production',
      target: 'twilio',
      authType: 'basic',
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
    });
    await page.goto(server.url);
    await page
      .getByRole('navigation', { name: 'Explorer' })
      .getByRole('link', { name: /Saved production/ })
      .click();
    await page.waitForURL(`${server.url}/datasources/${id}`);
    const form = page.getByRole('form', { name: 'Edit datasource' });
    await form.getByText('Auth Token saved. Leave empty to keep it').waitFor();
    // The page has what it asked for; let its answers be read whole before the reload.
    await api.settled();
    await page.reload(); // a fresh document: nothing typed earlier survives in memory
    await form.waitFor();
    expect(await form.getByRole('textbox', { name: 'Account SID', exact: true }).inputValue()).toBe(
      ACCOUNT_SID,
    );
    const token = form.getByLabel('Auth Token', { exact: true });
    expect(await token.inputValue()).toBe('');
    expect(await token.getAttribute('placeholder')).toContain('saved');
    await form.getByText('Auth Token saved. Leave empty to keep it').waitFor();

    // Testing the saved datasource uses the saved token on the server (and still cannot connect).
    await form.getByRole('button', { name: 'Test' }).click();
    await form.getByRole('status').getByText('Connection failed').waitFor();

    await expectNoTokenInDom();
    await expectNoTokenInStorage();
    const responses = await expectNoTokenInResponses([
      /^GET .*\/api\/datasources\/[^/]+$/,
      /^POST .*\/api\/datasources\/[^/]+\/test$/,
    ]);
    // The saved datasource's own answer says only that a secret is saved.
    const one = responses.find(
      (r) => /^GET .*\/api\/datasources\/[^/]+$/.test(r.url) && r.status === 200,
    );
    expect(JSON.parse(one!.body!.toString('utf8'))).toMatchObject({
      accountSid: ACCOUNT_SID,
      hasSecret: true,
    });
  });

  it('writes the token neither to the server log nor in clear to DATA_DIR', async () => {
    // The token through each server path that takes it: a test before saving, the save, a test
    // of the saved one.
    const input = {
      name: 'Logged production',
      target: 'twilio',
      authType: 'basic',
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
    } as const;
    expect(await testDatasource(server.url, input)).toMatchObject({ ok: false });
    const id = await createDatasource(server.url, input);
    expect(await testSavedDatasource(server.url, id)).toMatchObject({ ok: false });

    // Requests are logged, just not their secrets; the log is written in batches, so wait for
    // the line of the last request.
    await eventually(async () => expect(server.output()).toContain(`/api/datasources/${id}/test`));
    const output = server.output();
    expect(output).toContain('listening');
    expect(leaks(output)).toBe(false);

    const scan = () => {
      const files = filesUnder(server.dataDir);
      expect(files.map((f) => path.relative(server.dataDir, f))).toContain('app.db');
      // The datasource's row is there (in the database or its write-ahead log), its token is not.
      const db = Buffer.concat(
        files.filter((f) => path.basename(f).startsWith('app.db')).map((f) => fs.readFileSync(f)),
      );
      expect(db.includes(Buffer.from(ACCOUNT_SID))).toBe(true);
      for (const file of files)
        expect(leaks(fs.readFileSync(file)), path.relative(server.dataDir, file)).toBe(false);
    };
    scan();
    // And once the server has shut down and SQLite has folded its log into the database file.
    expect(await server.stop()).toBe(0);
    scan();
    expect(leaks(server.output())).toBe(false);
  });
});
