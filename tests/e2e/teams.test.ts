import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/contract/accounts';
import type { Widget } from '../../src/contract/page';
import type { SavedQuery } from '../../src/contract/queries';
import { newWidget } from '../../src/features/widgets/model';
import { launchBrowser } from '../helpers/browser';
import { EMULATOR_CREDENTIALS } from '../helpers/e2e-setup';
import { startServer, type ServerProcess } from '../helpers/server-process';
import {
  closeTestPage,
  E2E_ENV,
  emulatorInfo,
  eventually,
  field,
  fieldValue,
  openTestPage,
  type EmulatorInfo,
  type TestPage,
} from '../helpers/ui';

// Issue 12's journeys in Chromium: the first admin set up with the setup token, an operator added
// on /users, the operator using the published app (and kept out of the editor), two tabs editing
// one query, and the Audit screen showing the operator's send. Each test starts its own server
// (accounts, once made, are for good) and makes what it needs through the HTTP API.

const SETUP_TOKEN = 'e2e-setup-token-0123456789';
const ADMIN = { username: 'ada', password: 'correct horse battery staple' };
const OPERATOR = { username: 'olga', password: 'operator passphrase 42' };
const TO = '+15557654321';

let browser: Browser;
const servers: ServerProcess[] = [];
const opened: TestPage[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  const pages = opened.splice(0);
  for (const p of pages) await closeTestPage(p);
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await browser?.close();
});

async function server(): Promise<ServerProcess> {
  const s = await startServer({
    ...E2E_ENV,
    ...EMULATOR_CREDENTIALS,
    TQB_SETUP_TOKEN: SETUP_TOKEN,
  });
  servers.push(s);
  return s;
}

async function newPage(): Promise<Page> {
  const p = await openTestPage(browser);
  opened.push(p);
  return p.page;
}

/** A client of the HTTP API with a session cookie, as a script would be. */
function client(baseUrl: string) {
  let cookie = '';
  async function call<T>(method: string, path: string, body?: unknown, status = 200) {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('tqb_session='));
    if (set) cookie = set.split(';')[0]!;
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBe(status);
    return (text ? JSON.parse(text) : null) as T;
  }
  return { call };
}

/** The first admin through the API, then the operator; answers the admin's client. */
async function withAccounts(baseUrl: string) {
  const admin = client(baseUrl);
  await admin.call('POST', '/api/setup', { setupToken: SETUP_TOKEN, ...ADMIN }, 201);
  await admin.call('POST', '/api/users', { ...OPERATOR, role: 'operator' }, 201);
  return admin;
}

/** A page with a Phone input and a Send button running SendSms, bound to Phone for To only. */
async function publishSendPage(admin: ReturnType<typeof client>) {
  const info = await admin.call<EmulatorInfo>('GET', '/api/emulator');
  const datasources = await admin.call<{ id: string; name: string }[]>('GET', '/api/datasources');
  const datasourceId = datasources.find((d) => d.name === 'Twilio Emulator')!.id;
  const query = await admin.call<SavedQuery>(
    'POST',
    '/api/queries',
    {
      name: 'SendSms',
      datasourceId,
      command: 'create-message',
      params: { to: '{{Phone.text}}', from: info.phoneNumbers[0], body: 'Your order shipped' },
    },
    201,
  );
  const phone = newWidget('input', []);
  const widgets: Widget[] = [
    { ...phone, name: 'Phone', props: { ...phone.props, label: 'Phone' } },
    (() => {
      const button = newWidget('button', ['Phone']);
      return {
        ...button,
        name: 'Send',
        props: { ...button.props, label: 'Send' },
        action: {
          runQuery: 'SendSms',
          onSuccessRunQuery: '',
          onSuccessMessage: 'Sent {{SendSms.data.sid}}',
          onSuccessReset: [],
        },
      };
    })(),
  ];
  await admin.call('PUT', '/api/page', { widgets });
  return query;
}

async function signIn(page: Page, baseUrl: string, who: { username: string; password: string }) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(/^Username/).fill(who.username);
  await page.getByLabel(/^Password/).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('teams', () => {
  it('sets up the first admin on first visit with the setup token', async () => {
    const s = await server();
    const page = await newPage();
    await page.goto(`${s.url}/setup`);
    await page.getByLabel(/^Setup token/).fill('a guess');
    await page.getByLabel(/^Username/).fill(ADMIN.username);
    await page.getByLabel(/^Password/).fill(ADMIN.password);
    await page.getByLabel(/^Confirm password/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await page.getByText(/^The setup token is wrong/).waitFor();
    // The refusal is what this step expects, not an error of the page.
    const errors = opened[0]!.errors;
    expect(errors).toEqual([expect.stringMatching(/status of 403 .*\/api\/setup\)$/)]);
    errors.length = 0;

    await page.getByLabel(/^Setup token/).fill(SETUP_TOKEN);
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await page.getByRole('button', { name: 'ada (admin)' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const session = await (await page.request.get(`${s.url}/api/session`)).json();
    expect(session).toMatchObject({ mode: 'accounts', user: { username: 'ada', role: 'admin' } });
  });

  it('an admin adds an operator on /users', async () => {
    const s = await server();
    await client(s.url).call('POST', '/api/setup', { setupToken: SETUP_TOKEN, ...ADMIN }, 201);
    const page = await newPage();
    await signIn(page, s.url, ADMIN);
    await page.getByRole('button', { name: 'ada (admin)' }).waitFor();
    await page.goto(`${s.url}/users`);
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel(/^Username/).fill(OPERATOR.username);
    await dialog.getByRole('combobox', { name: /^Role/ }).click();
    await page.getByRole('option', { name: 'operator', exact: true }).click();
    await dialog.getByLabel(/^Password/).fill(OPERATOR.password);
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Role of olga' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Role of olga' }).textContent()).toContain(
      'operator',
    );
    // The operator can sign in with that password.
    await client(s.url).call('POST', '/api/session', OPERATOR);
  });

  it('the operator signs in, lands on /app, fills the page, sends, and cannot reach the editor', async () => {
    const s = await server();
    const admin = await withAccounts(s.url);
    const query = await publishSendPage(admin);
    const page = await newPage();
    await signIn(page, s.url, OPERATOR);
    await page.waitForURL(/\/app$/);
    await page.getByRole('textbox', { name: 'Phone' }).fill(TO);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText(/^Sent SM[0-9a-f]{32}/).waitFor();

    await page.goto(`${s.url}/queries/${query.id}`);
    await page.waitForURL(/\/app$/);
    expect(await page.getByRole('navigation', { name: 'Explorer' }).count()).toBe(0);

    const events = await admin.call<AuditPage>('GET', '/api/audit?action=query.run');
    expect(events.events[0]).toMatchObject({
      actor: 'olga',
      outcome: 'success',
      details: { queryName: 'SendSms', params: { To: TO } },
    });
  });

  it('two tabs editing one query see the conflict and lose nothing', async () => {
    const s = await server();
    const info = await emulatorInfo(s.url);
    const api = client(s.url);
    const datasources = await api.call<{ id: string; name: string }[]>('GET', '/api/datasources');
    const query = await api.call<SavedQuery>(
      'POST',
      '/api/queries',
      {
        name: 'Notify',
        datasourceId: datasources[0]!.id,
        command: 'create-message',
        params: { to: TO, from: info.phoneNumbers[0], body: 'first' },
      },
      201,
    );
    const first = await newPage();
    await first.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: s.url,
    });
    const second = await first.context().newPage();
    second.setDefaultTimeout(8_000);
    for (const p of [first, second]) {
      await p.goto(`${s.url}/queries/${query.id}`);
      await field(p, 'Body').waitFor();
    }

    await field(first, 'Body').fill('from the first tab');
    await first.getByText('Saved', { exact: true }).waitFor();
    await eventually(async () => {
      const saved = await api.call<SavedQuery>('GET', `/api/queries/${query.id}`);
      expect(saved.params.body).toBe('from the first tab');
    });

    await field(second, 'Body').fill('from the second tab');
    const alert = second.getByRole('alert', { name: 'Edit conflict on this query' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Changed by local at');
    // The first tab's text is still saved: the second's autosave stopped.
    const kept = await api.call<SavedQuery>('GET', `/api/queries/${query.id}`);
    expect(kept.params.body).toBe('from the first tab');

    await alert.getByRole('button', { name: 'Copy mine' }).click();
    const copied = await second.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('from the second tab');

    await alert.getByRole('button', { name: 'Keep mine' }).click();
    await alert.waitFor({ state: 'detached' });
    await eventually(async () => {
      const saved = await api.call<SavedQuery>('GET', `/api/queries/${query.id}`);
      expect(saved.params.body).toBe('from the second tab');
    });
    expect(await fieldValue(field(second, 'Body'))).toBe('from the second tab');
    await second.close();
  });

  it("the Audit screen shows the operator's send", async () => {
    const s = await server();
    const admin = await withAccounts(s.url);
    const query = await publishSendPage(admin);
    const operator = client(s.url);
    await operator.call('POST', '/api/session', OPERATOR);
    await operator.call('POST', `/api/queries/${query.id}/run`, { params: { to: TO } });

    const page = await newPage();
    await signIn(page, s.url, ADMIN);
    await page.getByRole('button', { name: 'ada (admin)' }).waitFor();
    await page.goto(`${s.url}/audit`);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'olga' }).filter({ hasText: 'query.run' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain(`query:${query.id}`);
  });
});
