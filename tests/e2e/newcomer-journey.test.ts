import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import {
  createEmulatorDatasource,
  createQuery,
  executeOk,
  getQuery,
  sendAtIn,
} from '../helpers/e2e-setup';
import { startServer, type ServerProcess } from '../helpers/server-process';
import {
  chooseCommand,
  closeTestPage,
  E2E_ENV,
  emulatorInfo,
  eventually,
  expectStatus,
  field,
  fieldValue,
  openTestPage,
  readRawBody,
  responseRegion,
  selectOption,
  type EmulatorInfo,
  type TestPage,
} from '../helpers/ui';

// A newcomer, from a fresh install to each of the six commands, through the UI: a datasource on
// the built-in emulator (tested, then saved), a query, and every command run and its answer read
// from the response preview. Each test runs alone: what its journey starts from (a datasource, a
// saved query, the messages it reads) is made through the HTTP API first, and it opens a fresh
// page; a page error fails the test. The emulator moves a message one status step every 200 ms.

const TO = '+15551234567';

// Generous per-test time: each test is a journey in a real browser, on two cores.
describe(
  'a newcomer sends, schedules, lists, fetches, cancels and deletes a message',
  { timeout: 45_000 },
  () => {
    let server: ServerProcess;
    let browser: Browser;
    let info: EmulatorInfo;
    let datasourceId: string;
    let opened: TestPage | undefined;
    let page: Page;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer(E2E_ENV), launchBrowser()]);
      info = await emulatorInfo(server.url);
      // The datasource the journeys after the first one start from (the first one makes its own).
      datasourceId = await createEmulatorDatasource(server.url, 'Emulator for queries');
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });
    beforeEach(async () => {
      opened = await openTestPage(browser);
      page = opened.page;
    });
    afterEach(async () => {
      await closeTestPage(opened);
      opened = undefined;
    });

    /** A saved query on the datasource, open in the editor. */
    async function openNewQuery(): Promise<string> {
      const query = await createQuery(server.url, {
        datasourceId,
        command: 'create-message',
        params: { accountSid: info.accountSid },
      });
      await page.goto(`${server.url}/queries/${query.id}`);
      await page.getByRole('region', { name: /^Query / }).waitFor();
      return query.id;
    }

    const sendMessage = (body: string) =>
      executeOk(server.url, datasourceId, 'create-message', {
        to: TO,
        from: info.phoneNumbers[0],
        body,
      });
    const scheduleMessage = (body: string) =>
      executeOk(server.url, datasourceId, 'schedule-message', {
        messagingServiceSid: info.messagingServiceSids[0],
        to: TO,
        body,
        sendAt: sendAtIn(20),
      });

    it('connects a Twilio datasource to the built-in emulator, tests it and saves it', async () => {
      await page.goto(server.url);
      await page.getByRole('main').getByRole('button', { name: 'New datasource' }).click();
      await page.getByRole('button', { name: 'Twilio', exact: true }).click();
      const form = page.getByRole('form', { name: 'New Twilio datasource' });
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill('My emulator');
      await form.getByRole('radio', { name: 'Built-in emulator' }).check();
      const accountSid = form.getByRole('textbox', { name: 'Account SID', exact: true });
      await expect.poll(() => accountSid.inputValue()).toBe(info.accountSid);

      await form.getByRole('button', { name: 'Test' }).click();
      const result = form.getByRole('status');
      await result.getByText('Connected', { exact: true }).waitFor();
      expect(await result.textContent()).toContain(info.accountSid);

      await form.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\/datasources\/[^/]+$/);
      await page.getByRole('heading', { level: 1, name: 'My emulator' }).waitFor();
      const explorer = page.getByRole('navigation', { name: 'Explorer' });
      await explorer.getByRole('link', { name: /My emulator/ }).waitFor();
    });

    it('creates a query and sends a message with Create Message: 201 Created', async () => {
      await page.goto(`${server.url}/datasources/${datasourceId}`);
      await page.getByRole('heading', { level: 1, name: 'Emulator for queries' }).waitFor();
      await page.getByRole('button', { name: 'New query', exact: true }).click();
      await page.waitForURL(/\/queries\/[^/]+$/);
      const editor = page.getByRole('region', { name: /^Query / });
      await editor.waitFor();
      expect(await page.getByRole('combobox', { name: /^Commands/ }).textContent()).toContain(
        'Create Message',
      );
      expect(await fieldValue(field(page, 'Twilio Account SID'))).toBe(info.accountSid);

      await field(page, 'To').fill(TO);
      await page.getByRole('combobox', { name: 'From', exact: true }).fill(info.phoneNumbers[0]!);
      await field(page, 'Body').fill('Hello from the end-to-end test');
      await page.getByRole('button', { name: 'Run', exact: true }).click();

      const region = await expectStatus(page, '201 Created');
      await region.getByRole('list', { name: 'Response body' }).getByText(`"${TO}"`).waitFor();
      const body = await readRawBody(page);
      expect(body).toMatchObject({
        to: TO,
        from: info.phoneNumbers[0],
        body: 'Hello from the end-to-end test',
        account_sid: info.accountSid,
      });
      expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
      const created = body.sid as string;
      // The JSON tree shows the same SID.
      await region.getByRole('list', { name: 'Response body' }).getByText(`"${created}"`).waitFor();
    });

    it('schedules a message 20 minutes ahead through the Messaging Service: 201, scheduled', async () => {
      await openNewQuery();
      await chooseCommand(page, 'Schedule Message');
      await page
        .getByRole('combobox', { name: 'Messaging Service SID', exact: true })
        .fill(info.messagingServiceSids[0]!);
      await field(page, 'To').fill(TO);
      await field(page, 'Body').fill('Later, from the end-to-end test');
      const before = Date.now();
      await page.getByRole('button', { name: '+20 min' }).click();
      const sendAt = await fieldValue(field(page, 'Send At'));
      expect(Date.parse(sendAt) - before).toBeGreaterThanOrEqual(19 * 60_000);
      expect(Date.parse(sendAt) - before).toBeLessThanOrEqual(21 * 60_000);
      await page.getByRole('button', { name: 'Run', exact: true }).click();

      await expectStatus(page, '201 Created');
      const body = await readRawBody(page);
      expect(body).toMatchObject({
        status: 'scheduled',
        to: TO,
        messaging_service_sid: info.messagingServiceSids[0],
      });
      expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    });

    it('lists messages, 10 a page, and shows them in the Table tab: 200 OK', async () => {
      const sent = await sendMessage('Listed, from the end-to-end test');
      const scheduled = await scheduleMessage('Listed later, from the end-to-end test');
      await openNewQuery();
      await chooseCommand(page, 'List Message');
      await field(page, 'PageSize').fill('10');
      await page.getByRole('button', { name: 'Run', exact: true }).click();

      const region = await expectStatus(page, '200 OK');
      const body = await readRawBody(page);
      expect(body.page_size).toBe(10);
      const sids = (body.messages as { sid: string }[]).map((m) => m.sid);
      expect(sids).toEqual(expect.arrayContaining([sent.sid, scheduled.sid]));

      await region.getByRole('tab', { name: 'Table' }).click();
      const table = region.getByRole('table', { name: 'Message log' });
      await table.waitFor();
      // The header row, then one row a message of the page just listed.
      expect(await table.getAttribute('aria-rowcount')).toBe(String(sids.length + 1));
      const row = (body: string) => table.getByRole('row').filter({ hasText: body });
      await expect.poll(() => row('Listed, from the end-to-end test').count()).toBe(1);
      expect(await row('Listed later, from the end-to-end test').textContent()).toContain(
        'scheduled',
      );
      expect(
        await row('Listed later, from the end-to-end test')
          .locator(`[title="${scheduled.sid}"]`)
          .count(),
      ).toBe(1);
    });

    it('fetches a message by its SID: 200 OK', async () => {
      const sent = await sendMessage('Fetched, from the end-to-end test');
      await openNewQuery();
      // A list first, shown as a table, to see the Table tab give way below.
      await chooseCommand(page, 'List Message');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      const region = await expectStatus(page, '200 OK');
      await region.getByRole('tab', { name: 'Table' }).click();
      await region.getByRole('table', { name: 'Message log' }).waitFor();

      await chooseCommand(page, 'Fetch Message');
      await field(page, 'Message SID').fill(sent.sid);
      await page.getByRole('button', { name: 'Run', exact: true }).click(); // at once, before the query saves itself

      await expectStatus(page, '200 OK');
      // One message is no list: the Table tab, chosen last time, gives way to JSON.
      expect(await region.getByRole('tab', { name: 'Table' }).count()).toBe(0);
      expect(await region.getByRole('tab', { name: 'JSON', selected: true }).count()).toBe(1);
      const body = await readRawBody(page);
      expect(body).toMatchObject({
        sid: sent.sid,
        to: TO,
        body: 'Fetched, from the end-to-end test',
      });
    });

    it('cancels a scheduled message with Update Message: 200 OK, canceled', async () => {
      const scheduled = await scheduleMessage('Canceled, from the end-to-end test');
      await openNewQuery();
      await chooseCommand(page, 'Update Message');
      await field(page, 'Message SID').fill(scheduled.sid);
      await selectOption(page, 'Status', 'canceled');
      await page.getByRole('button', { name: 'Run', exact: true }).click();

      await expectStatus(page, '200 OK');
      const body = await readRawBody(page);
      expect(body).toMatchObject({ sid: scheduled.sid, status: 'canceled' });
    });

    it('deletes a message once it is delivered: 204 No Content', async () => {
      const sent = await sendMessage('Deleted, from the end-to-end test');
      await openNewQuery();
      // Wait, through Fetch Message in the UI, until the message reaches its final status.
      await chooseCommand(page, 'Fetch Message');
      await field(page, 'Message SID').fill(sent.sid);
      await eventually(
        async () => {
          await page.getByRole('button', { name: 'Run', exact: true }).click();
          await expectStatus(page, '200 OK');
          expect((await readRawBody(page)).status).toBe('delivered');
        },
        15_000,
        300,
      );

      await chooseCommand(page, 'Delete Message');
      await field(page, 'Message SID').fill(sent.sid);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      const region = await expectStatus(page, '204 No Content');
      await region.getByText('there is no body').waitFor();

      // Gone: fetching it now is Twilio's 404.
      await chooseCommand(page, 'Fetch Message');
      expect(await fieldValue(field(page, 'Message SID'))).toBe(sent.sid); // kept from before
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expectStatus(page, '404 Not Found');
      await responseRegion(page).getByText('Twilio error 20404', { exact: false }).waitFor();
    });

    it('keeps the query: it survives a reload', async () => {
      const sent = await sendMessage('Kept, from the end-to-end test');
      const queryId = await openNewQuery();
      await chooseCommand(page, 'Fetch Message');
      await field(page, 'Message SID').fill(sent.sid);
      // The query saves itself once typing pauses: wait for the server to hold it.
      await eventually(async () => {
        const saved = await getQuery(server.url, queryId);
        expect(saved).toMatchObject({
          command: 'fetch-message',
          params: { messageSid: sent.sid },
        });
      });
      await page.reload();
      expect(await page.getByRole('combobox', { name: /^Commands/ }).textContent()).toContain(
        'Fetch Message',
      );
      expect(await fieldValue(field(page, 'Message SID'))).toBe(sent.sid);
    });
  },
);
