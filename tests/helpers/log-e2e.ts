import { expect } from 'vitest';
import type { ExecuteResult, SavedQuery } from '../../src/contract/queries';

// Set-up steps for the widget page and message log journeys, through the app's HTTP API (the
// journeys themselves go through the UI): a datasource on the built-in emulator, saved queries,
// and messages sent through the relay or straight to the emulator.

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

export async function createEmulatorDatasource(baseUrl: string): Promise<string> {
  const ds = await api<{ id: string }>(
    baseUrl,
    'POST',
    '/api/datasources',
    { name: 'Emulator', target: 'emulator', authType: 'basic' },
    201,
  );
  return ds.id;
}

export async function createQuery(
  baseUrl: string,
  input: {
    name: string;
    datasourceId: string;
    command: SavedQuery['command'];
    params: Record<string, unknown>;
  },
) {
  return api<SavedQuery>(baseUrl, 'POST', '/api/queries', input, 201);
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
