import { expect } from 'vitest';
import type { DatasourceInput, TestResult } from '../../src/contract/datasources';
import type { Widget } from '../../src/contract/page';
import type { ExecuteResult, SavedQuery } from '../../src/contract/queries';
import { eventually } from './ui';

// Set-up steps for the end-to-end journeys, through the app's HTTP API (the journeys themselves go
// through the UI): datasources, saved queries, the widget page, and messages sent through the
// relay or straight to the emulator. Each journey makes what it needs here, so that it runs alone.

/** Fixed emulator credentials, so a test can reach the emulator as the twilio library would. */
export const EMULATOR_CREDENTIALS = {
  TQB_EMULATOR_ACCOUNT_SID: 'AC' + '5e'.repeat(16),
  TQB_EMULATOR_AUTH_TOKEN: '0123456789abcdef'.repeat(2),
};

async function api<T>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  status = 200,
): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

export async function createDatasource(
  baseUrl: string,
  input: Partial<DatasourceInput> & Pick<DatasourceInput, 'name'>,
): Promise<string> {
  const ds = await api<{ id: string }>(baseUrl, 'POST', '/api/datasources', input, 201);
  return ds.id;
}

/** Tests a datasource before it is saved (POST /api/datasources/test). */
export async function testDatasource(
  baseUrl: string,
  input: Partial<DatasourceInput>,
): Promise<TestResult> {
  return api<TestResult>(baseUrl, 'POST', '/api/datasources/test', input);
}

/** Tests a saved datasource with what is saved (POST /api/datasources/:id/test). */
export async function testSavedDatasource(baseUrl: string, id: string): Promise<TestResult> {
  return api<TestResult>(baseUrl, 'POST', `/api/datasources/${encodeURIComponent(id)}/test`);
}

export async function createEmulatorDatasource(baseUrl: string, name = 'Emulator') {
  return createDatasource(baseUrl, { name, target: 'emulator', authType: 'basic' });
}

/** The id of the datasource with this name, such as the seeded "Twilio Emulator". */
export async function datasourceNamed(baseUrl: string, name: string): Promise<string> {
  const all = await api<{ id: string; name: string }[]>(baseUrl, 'GET', '/api/datasources');
  const found = all.find((d) => d.name === name);
  expect(found, `a datasource named ${name}`).toBeDefined();
  return found!.id;
}

let queries = 0;

/** Saves a query; without a name, one no other query of the run has. */
export async function createQuery(
  baseUrl: string,
  input: {
    name?: string;
    datasourceId: string;
    command: SavedQuery['command'];
    params: Record<string, unknown>;
  },
) {
  const name = input.name ?? `Query${Date.now().toString(36)}${(queries += 1)}`;
  return api<SavedQuery>(baseUrl, 'POST', '/api/queries', { ...input, name }, 201);
}

export async function getQuery(baseUrl: string, id: string) {
  return api<SavedQuery>(baseUrl, 'GET', `/api/queries/${encodeURIComponent(id)}`);
}

/** Replaces the widget page; an empty list leaves the page empty (it then opens in Edit mode). */
export async function savePage(baseUrl: string, widgets: Widget[]): Promise<void> {
  await api(baseUrl, 'PUT', '/api/page', { widgets });
}

export async function execute(
  baseUrl: string,
  datasourceId: string,
  command: SavedQuery['command'],
  params: Record<string, unknown>,
): Promise<ExecuteResult> {
  return api<ExecuteResult>(
    baseUrl,
    'POST',
    `/api/datasources/${encodeURIComponent(datasourceId)}/execute`,
    { command, params },
  );
}

/** Runs a command that must succeed with `status` and returns the message it answers with. */
export async function executeOk(
  baseUrl: string,
  datasourceId: string,
  command: SavedQuery['command'],
  params: Record<string, unknown>,
  status = 201,
): Promise<{ sid: string; status: string }> {
  const result = await execute(baseUrl, datasourceId, command, params);
  expect(result).toMatchObject({ ok: true, status });
  return result.data as { sid: string; status: string };
}

/** A SendAt `minutes` from now, to the second, as Twilio takes it. */
export function sendAtIn(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Waits, asking the relay, until a message has reached `status`. */
export async function waitForMessageStatus(
  baseUrl: string,
  datasourceId: string,
  messageSid: string,
  status: string,
  ms = 15_000,
): Promise<void> {
  await eventually(
    async () => {
      const m = await execute(baseUrl, datasourceId, 'fetch-message', { messageSid });
      expect((m.data as { status: string }).status).toBe(status);
    },
    ms,
    250,
  );
}

/** Sends straight to the emulator's Messages resource (HTTP Basic, Twilio's form encoding), bypassing the relay. */
export async function sendDirect(
  baseUrl: string,
  params: Record<string, string>,
): Promise<{ sid: string; status: string }> {
  const { TQB_EMULATOR_ACCOUNT_SID: sid, TQB_EMULATOR_AUTH_TOKEN: token } = EMULATOR_CREDENTIALS;
  const res = await fetch(`${baseUrl}/emulator/2010-04-01/Accounts/${sid}/Messages.json`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(params).toString(),
  });
  const json = (await res.json()) as { sid: string; status: string };
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json;
}
