import twilio from 'twilio';
import { expect } from 'vitest';
import type { RunningEmulator } from './emulator';

// Assertions shared by the emulator tests: Twilio's error shape as the official library reports it,
// and small conveniences for raw HTTP against the emulator.

export interface ExpectedError {
  status: number;
  code: number;
  /** A substring (or pattern) the message must contain. */
  message?: string | RegExp;
}

/** Awaits a call that must fail and returns the RestException the twilio library threw. */
export async function restError(
  call: Promise<unknown>,
): Promise<InstanceType<typeof twilio.RestException>> {
  let outcome: unknown;
  try {
    await call;
  } catch (err) {
    outcome = err;
  }
  expect(outcome, 'the call should have been refused').toBeInstanceOf(twilio.RestException);
  return outcome as InstanceType<typeof twilio.RestException>;
}

/** Asserts that a twilio call fails with Twilio's error fields: status, code, message and more_info. */
export async function expectTwilioError(call: Promise<unknown>, expected: ExpectedError) {
  const err = await restError(call);
  expect({ status: err.status, code: err.code }).toEqual({
    status: expected.status,
    code: expected.code,
  });
  expect(err.moreInfo).toBe(`https://www.twilio.com/docs/errors/${expected.code}`);
  expect(typeof err.message).toBe('string');
  expect(err.message.length).toBeGreaterThan(0);
  if (typeof expected.message === 'string') expect(err.message).toContain(expected.message);
  else if (expected.message) expect(err.message).toMatch(expected.message);
  return err;
}

/** Asserts a raw JSON error body has exactly Twilio's four keys and the given status and code. */
export function expectErrorBody(body: unknown, status: number, code?: number) {
  expect(body).toBeTypeOf('object');
  const b = body as Record<string, unknown>;
  expect(Object.keys(b).sort()).toEqual(['code', 'message', 'more_info', 'status']);
  expect(b.status).toBe(status);
  expect(typeof b.code).toBe('number');
  expect(typeof b.message).toBe('string');
  expect(b.more_info).toBe(`https://www.twilio.com/docs/errors/${String(b.code)}`);
  if (code !== undefined) expect(b.code).toBe(code);
}

export function basicAuth(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

/** The account's base path on the emulator: http://127.0.0.1:port/2010-04-01/Accounts/AC… */
export function accountUrl(emu: RunningEmulator): string {
  return `${emu.baseUrl}/2010-04-01/Accounts/${emu.accountSid}`;
}

/** A raw request with the account's Auth Token; returns the status and the parsed JSON body (or null). */
export async function rawRequest(
  emu: RunningEmulator,
  path: string,
  init: RequestInit & { auth?: string | null } = {},
): Promise<{ status: number; contentType: string; body: unknown }> {
  const headers = new Headers(init.headers);
  if (init.auth !== null && !headers.has('authorization')) {
    headers.set('authorization', init.auth ?? basicAuth(emu.accountSid, emu.authToken));
  }
  const url = path.startsWith('http') ? path : `${emu.baseUrl}${path}`;
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
}

/** Form-encodes params the way twilio-node does (repeated keys for arrays). */
export function form(params: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  }
  return search.toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' } as const;

/** A US number in the fictional 555-01xx range, distinct per index. */
export function testNumber(i: number): string {
  return `+1415555${String(1000 + (i % 9000)).padStart(4, '0')}`;
}
