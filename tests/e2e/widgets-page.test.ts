import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Widget } from '../../src/contract/page';
import { newWidget } from '../../src/features/widgets/model';
import { launchBrowser } from '../helpers/browser';
import {
  createEmulatorDatasource,
  createQuery,
  EMULATOR_CREDENTIALS,
  execute,
  savePage,
} from '../helpers/e2e-setup';
import { startServer, type ServerProcess } from '../helpers/server-process';
import {
  closeTestPage,
  E2E_ENV,
  emulatorInfo,
  eventually,
  fieldValue,
  openTestPage,
  type EmulatorInfo,
  type TestPage,
} from '../helpers/ui';

// Issue 5's journey in Chromium: a person builds a page through the UI (an Input for To, an Input
// for Body, a Button that runs a Create Message query bound to them and then refreshes a List
// Message query, and a Table of that list), types, clicks, and sees the new message in the table.
// The two queries are saved through the HTTP API to keep the journey short; the page is built
// only through the UI. Each test runs alone: the one that uses the page saves it, as the first
// one builds it, through the HTTP API, and each opens a fresh browser page.

const TO = '+15557654321';
const BODY = `Hello from the page ${Date.now()}`;

/** The page the first test builds through the UI: new widgets, with what it sets on them. */
function builtPage(): Widget[] {
  const taken: string[] = [];
  const add = (type: Widget['type'], change: (w: Widget) => Widget) => {
    const widget = change(newWidget(type, taken));
    taken.push(widget.name);
    return widget;
  };
  return [
    add('input', (w) => ({ ...w, props: { ...w.props, label: 'To' } })),
    add('input', (w) => ({ ...w, props: { ...w.props, label: 'Body' } })),
    add('button', (w) => ({
      ...w,
      props: { ...w.props, label: 'Send {{Input2.text.length}} characters' },
      action: {
        runQuery: 'SendSms',
        onSuccessRunQuery: 'ListMessages',
        onSuccessMessage: 'Sent {{SendSms.data.sid}}',
        onSuccessReset: [],
      },
    })),
    add('table', (w) => ({
      ...w,
      props: { ...w.props, tableData: '{{ListMessages.data.messages}}' },
    })),
  ];
}
describe('a person builds a page of widgets that sends a message and lists it', () => {
  let server: ServerProcess;
  let browser: Browser;
  let info: EmulatorInfo;
  let datasourceId: string;
  let opened: TestPage | undefined;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ ...E2E_ENV, ...EMULATOR_CREDENTIALS }),
      launchBrowser(),
    ]);
    info = await emulatorInfo(server.url);
    datasourceId = await createEmulatorDatasource(server.url);
    await createQuery(server.url, {
      name: 'SendSms',
      datasourceId,
      command: 'create-message',
      params: { to: '{{Input1.text}}', from: info.phoneNumbers[0], body: '{{Input2.text}}' },
    });
    await createQuery(server.url, {
      name: 'ListMessages',
      datasourceId,
      command: 'list-messages',
      params: { pageSize: '20' },
    });
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

  const properties = (name: string) => page.getByRole('form', { name: `Properties of ${name}` });

  async function addWidget(label: string, name: string) {
    await page.getByRole('button', { name: 'Add widget' }).click();
    await page.getByRole('menuitem', { name: label, exact: true }).click();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await properties(name).waitFor();
  }

  async function choose(form: ReturnType<typeof properties>, label: string, option: string) {
    await form.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
  }

  it('builds the page in Edit mode: two Inputs, a Button and a Table; it survives a reload and opens in View mode', async () => {
    await savePage(server.url, []);
    await page.goto(server.url);
    await page
      .getByRole('navigation', { name: 'Explorer' })
      .getByRole('link', { name: /^Page/ })
      .click();
    await page.waitForURL(/\/page$/);
    await page.getByText('The page is empty.', { exact: false }).waitFor();

    await addWidget('Input', 'Input1');
    await properties('Input1').getByRole('textbox', { name: 'Label', exact: true }).fill('To');
    await addWidget('Input', 'Input2');
    await properties('Input2').getByRole('textbox', { name: 'Label', exact: true }).fill('Body');

    await addWidget('Button', 'Button1');
    const button = properties('Button1');
    await button
      .getByRole('textbox', { name: 'Label', exact: true })
      .fill('Send {{Input2.text.length}} characters');
    await choose(button, 'Run query', 'SendSms');
    await choose(button, 'On success, run query', 'ListMessages');
    await button
      .getByRole('textbox', { name: 'On success, show message', exact: true })
      .fill('Sent {{SendSms.data.sid}}');

    await addWidget('Table', 'Table1');
    const table = properties('Table1');
    const tableData = table.getByRole('textbox', { name: 'Table data', exact: true });
    // Typed as a person does: the field suggests the query's name after {{ and its properties after the
    // dot; typing {{ adds the closing }}, and the }} typed at the end steps over it.
    await tableData.pressSequentially('{{ListM');
    expect(await fieldValue(tableData)).toBe('{{ListM}}');
    await page.getByRole('option', { name: 'ListMessages', exact: true }).click();
    await tableData.pressSequentially('.da');
    await page.getByRole('option', { name: 'ListMessages.data', exact: true }).click();
    await tableData.pressSequentially('.messages}}');
    await expect.poll(() => fieldValue(tableData)).toBe('{{ListMessages.data.messages}}');
    // The list has not run yet: its data is null, and the preview says what went wrong where.
    await table.getByText(/^Error at character 1: /).waitFor();

    // Saved on the server (debounced) as it was built.
    await eventually(async () => {
      const saved = (await (await fetch(`${server.url}/api/page`)).json()) as {
        widgets: { name: string; type: string; props: Record<string, unknown>; action?: unknown }[];
      };
      expect(saved.widgets.map((w) => [w.type, w.name])).toEqual([
        ['input', 'Input1'],
        ['input', 'Input2'],
        ['button', 'Button1'],
        ['table', 'Table1'],
      ]);
      expect(saved.widgets[0]!.props.label).toBe('To');
      expect(saved.widgets[2]!.action).toEqual({
        runQuery: 'SendSms',
        onSuccessRunQuery: 'ListMessages',
        onSuccessMessage: 'Sent {{SendSms.data.sid}}',
        onSuccessReset: [],
      });
      expect(saved.widgets[3]!.props.tableData).toBe('{{ListMessages.data.messages}}');
    });

    await page.getByRole('button', { name: 'View', exact: true }).click();
    await page.getByRole('button', { name: 'Add widget' }).waitFor({ state: 'detached' });
    await page.getByRole('textbox', { name: 'To', exact: true }).waitFor();

    await page.reload();
    await page.getByRole('textbox', { name: 'To', exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Body', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Add widget' }).count()).toBe(0);
    expect(
      await page.getByRole('button', { name: 'View', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('in View mode, typing and clicking the Button sends the message and the table shows it', async () => {
    await savePage(server.url, builtPage());
    await page.goto(`${server.url}/page`);
    expect(
      await page.getByRole('button', { name: 'View', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await page.getByRole('textbox', { name: 'To', exact: true }).fill(TO);
    await page.getByRole('textbox', { name: 'Body', exact: true }).fill(BODY);
    const send = page.getByRole('button', { name: `Send ${BODY.length} characters` });
    await send.click();

    // SendSms ran with the widgets' values, then ListMessages; the table is the message log.
    const toast = page.getByRole('status').filter({ hasText: /^Sent SM[0-9a-f]{32}$/ });
    await toast.waitFor();
    const sid = (await toast.textContent())!.slice('Sent '.length);
    const log = page.getByRole('table', { name: 'Message log' });
    await log.waitFor({ timeout: 15_000 });
    const row = log.getByRole('row').filter({ hasText: BODY });
    await row.waitFor();
    expect(await row.textContent()).toContain(TO);
    expect(await row.textContent()).toContain(sid.slice(0, 10));

    // The relay saw exactly what the widgets held.
    const fetched = await execute(server.url, datasourceId, 'fetch-message', { messageSid: sid });
    expect(fetched.data).toMatchObject({ sid, to: TO, from: info.phoneNumbers[0], body: BODY });
  });
});
