import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { datasourceNamed, executeOk } from '../helpers/e2e-setup';
import { startServer, type ServerProcess } from '../helpers/server-process';
import {
  chooseCommand,
  closeTestPage,
  E2E_ENV,
  emulatorInfo,
  expectAccessible,
  expectStatus,
  field,
  openTestPage,
  responseRegion,
  tabTo,
  type EmulatorInfo,
  type TestPage,
} from '../helpers/ui';

// axe-core, run inside the page, finds no serious or critical violation on the datasource wizard,
// the query editor and the response preview, in the light and the dark theme; and a person who
// uses only the keyboard creates a datasource, a query, fills Create Message and runs it. Each test
// runs alone, in a fresh page in the light theme, from the seeded emulator datasource; a page error
// fails it.

const TO = '+15551234567';

// Generous per-test time: each test is a stretch of a journey in a real browser, on two cores.
describe(
  'accessibility of the wizard, the query editor and the response preview',
  { timeout: 45_000 },
  () => {
    let server: ServerProcess;
    let browser: Browser;
    let info: EmulatorInfo;
    let opened: TestPage | undefined;
    let page: Page;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer(E2E_ENV), launchBrowser()]);
      info = await emulatorInfo(server.url);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });
    beforeEach(async () => {
      opened = await openTestPage(browser, { colorScheme: 'light' });
      page = opened.page;
    });
    afterEach(async () => {
      await closeTestPage(opened);
      opened = undefined;
    });

    /** Opens the app, then a new query on the seeded emulator datasource from the explorer. */
    async function newQuery(): Promise<void> {
      await page.goto(server.url);
      await page
        .getByRole('navigation', { name: 'Explorer' })
        .getByRole('button', { name: 'New query on Twilio Emulator' })
        .click();
      await page.waitForURL(/\/queries\/[^/]+$/);
      await field(page, 'To').waitFor();
    }

    it('the home page and the datasource wizard, before and after a test and with errors', async () => {
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expectAccessible(page, 'the home page');
      await page.getByRole('main').getByRole('button', { name: 'New datasource' }).click();
      await expectAccessible(page, 'the choice of datasource kind');
      await page.getByRole('button', { name: 'Twilio', exact: true }).click();
      const form = page.getByRole('form', { name: 'New Twilio datasource' });
      await form.waitFor();
      await expectAccessible(page, 'the new Twilio datasource form');

      await form.getByRole('button', { name: 'Save' }).click(); // nothing filled in: errors under the fields
      await form.getByText('Name is required').waitFor();
      await expectAccessible(page, 'the wizard showing validation errors');

      await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Emulator, again');
      await form.getByRole('radio', { name: 'Built-in emulator' }).check();
      await form.getByRole('button', { name: 'Test' }).click();
      await form.getByRole('status').getByText('Connected', { exact: true }).waitFor();
      await expectAccessible(page, 'the wizard after a successful Test');
    });

    it('the query editor: parameters, a field error, settings, Schedule and Update Message', async () => {
      await newQuery();
      await expectAccessible(page, 'the query editor (Create Message)');

      await page.getByRole('button', { name: 'Run', exact: true }).click(); // To is empty: refused before sending
      await page.getByText('To is required').waitFor();
      await expectAccessible(page, 'the query editor showing a field error');

      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByLabel('Request confirmation before running').waitFor();
      await expectAccessible(page, 'the Settings tab');
      await page.getByRole('tab', { name: 'Parameters' }).click();

      await chooseCommand(page, 'Schedule Message');
      await page.getByRole('button', { name: '+1 hour' }).click();
      await expectAccessible(page, 'the Schedule Message form');
      await chooseCommand(page, 'Update Message');
      await expectAccessible(page, 'the Update Message form');
    });

    it('the response preview: JSON, Raw, Request, Table and a Twilio error', async () => {
      await newQuery();
      await field(page, 'To').fill(TO);
      await page.getByRole('combobox', { name: 'From', exact: true }).fill(info.phoneNumbers[0]!);
      await field(page, 'Body').fill('Accessible hello');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      const region = await expectStatus(page, '201 Created');
      await expectAccessible(page, 'the response preview (JSON tab)');
      await region.getByRole('tab', { name: 'Raw' }).click();
      await expectAccessible(page, 'the response preview (Raw tab)');
      await region.getByRole('tab', { name: 'Request' }).click();
      await region.getByRole('table', { name: 'Request parameters' }).waitFor();
      await expectAccessible(page, 'the response preview (Request tab)');

      await chooseCommand(page, 'List Message');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expectStatus(page, '200 OK');
      await region.getByRole('tab', { name: 'Table' }).click();
      await region.getByRole('table', { name: 'Message log' }).getByRole('row').nth(1).waitFor();
      await expectAccessible(page, 'the response preview (Table tab)');

      await chooseCommand(page, 'Fetch Message');
      await field(page, 'Message SID').fill(`SM${'0'.repeat(32)}`);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expectStatus(page, '404 Not Found');
      await region.getByRole('link', { name: 'Twilio docs for error 20404' }).waitFor();
      await expectAccessible(page, "the response preview showing Twilio's error");
    });

    it('the dark theme: response preview, editor and wizard', async () => {
      // A message for the list to show.
      await executeOk(
        server.url,
        await datasourceNamed(server.url, 'Twilio Emulator'),
        'create-message',
        {
          to: TO,
          from: info.phoneNumbers[0],
          body: 'Dark hello',
        },
      );
      await newQuery();
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await background();
      await page.emulateMedia({ colorScheme: 'dark' }); // the app follows the system's scheme
      await expect.poll(background).not.toBe(light);
      await chooseCommand(page, 'List Message');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expectStatus(page, '200 OK');
      await responseRegion(page).getByRole('tab', { name: 'Table' }).click();
      await responseRegion(page)
        .getByRole('table', { name: 'Message log' })
        .getByRole('row')
        .filter({ hasText: 'Dark hello' })
        .waitFor();
      await expectAccessible(
        page,
        'the editor and the response preview (Table tab) in the dark theme',
      );
      await responseRegion(page).getByRole('tab', { name: 'JSON' }).click();
      await expectAccessible(page, 'the response preview (JSON tab) in the dark theme');
      await page.getByRole('link', { name: 'Twilio Query Builder' }).click();
      await page.getByRole('main').getByRole('button', { name: 'New datasource' }).click();
      await page.getByRole('button', { name: 'Twilio', exact: true }).click();
      await page.getByRole('form', { name: 'New Twilio datasource' }).waitFor();
      await expectAccessible(page, 'the wizard in the dark theme');
    });

    it('works from the keyboard alone: a datasource, a query from the explorer, Create Message run with Ctrl+Enter', async () => {
      await page.goto(server.url); // a fresh load: the focus starts at the top of the document
      await page.getByRole('heading', { level: 1 }).waitFor();
      const kb = page.keyboard;
      // The wizard: New datasource, Twilio, Name, Connect to "Built-in emulator" (arrow keys), Test, Save.
      await tabTo(page, page.getByRole('button', { name: 'New datasource' }).first());
      await kb.press('Enter');
      await tabTo(page, page.getByRole('button', { name: 'Twilio', exact: true }));
      await kb.press('Enter');
      const form = page.getByRole('form', { name: 'New Twilio datasource' });
      await tabTo(page, form.getByRole('textbox', { name: 'Name', exact: true }));
      await kb.type('Keyboard only');
      await tabTo(page, form.getByRole('radio', { name: 'Twilio', exact: true }));
      await kb.press('ArrowRight');
      expect(await form.getByRole('radio', { name: 'Built-in emulator' }).isChecked()).toBe(true);
      await expect
        .poll(() => form.getByRole('textbox', { name: 'Account SID', exact: true }).inputValue())
        .toBe(info.accountSid);
      await tabTo(page, form.getByRole('button', { name: 'Test' }));
      await kb.press('Enter');
      await form.getByRole('status').getByText('Connected', { exact: true }).waitFor();
      await tabTo(page, form.getByRole('button', { name: 'Save' }));
      await kb.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Keyboard only' }).waitFor();

      // A query from the explorer's "+" beside the new datasource.
      await tabTo(page, page.getByRole('button', { name: 'New query on Keyboard only' }));
      await kb.press('Enter');
      await page.waitForURL(/\/queries\/[^/]+$/);
      await tabTo(page, field(page, 'To'));
      await kb.type(TO);
      // From offers the account's numbers: type a little, then pick the first suggestion with the arrows.
      const from = page.getByRole('combobox', { name: 'From', exact: true });
      await tabTo(page, from);
      await kb.type('+1');
      await page.getByRole('listbox').waitFor();
      await kb.press('ArrowDown');
      await kb.press('Enter');
      await expect.poll(() => from.inputValue()).toBe(info.phoneNumbers[0]);
      await tabTo(page, field(page, 'Body'));
      await kb.type('Sent without a mouse');
      await kb.press('Control+Enter');

      const region = await expectStatus(page, '201 Created');
      const tree = region.getByRole('list', { name: 'Response body' });
      for (const value of [TO, info.phoneNumbers[0], 'Sent without a mouse'])
        await tree.getByText(`"${value}"`).first().waitFor();
    });
  },
);
