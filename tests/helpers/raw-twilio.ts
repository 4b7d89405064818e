import { expect } from 'vitest';
import type { RunningEmulator } from './emulator';
import {
  ERROR_BODY_SCHEMA,
  missingProperties,
  responseSchema,
  responseValidator,
  undeclaredProperties,
  validationErrors,
  validatorFor,
  type HttpMethod,
} from './openapi';

// Raw HTTP against the emulator, shaped like twilio-node 6.2.0's requests: Basic auth, Accept
// application/json, and form/query data serialised like qs.stringify(data, { arrayFormat: 'repeat' })
// (RFC 3986 percent-encoding, spaces as %20, repeated keys for lists).

export type FormValue = string | number | boolean | Date | (string | number)[] | undefined;
export type FormData = [string, FormValue][] | Record<string, FormValue>;

/** Percent-encodes like qs (RFC 3986): only A-Z a-z 0-9 - . _ ~ stay as they are. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function serialise(value: string | number | boolean | Date): string {
  // twilio-node's serialize.iso8601DateTime: YYYY-MM-DDTHH:mm:ssZ, no milliseconds.
  return value instanceof Date ? value.toISOString().replace(/\.\d{3}Z$/, 'Z') : String(value);
}

/** Serialises form or query data as twilio-node does; undefined values are left out. */
export function twilioForm(data: FormData): string {
  const entries = Array.isArray(data) ? data : Object.entries(data);
  const parts: string[] = [];
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value])
      parts.push(`${encodeRfc3986(key)}=${encodeRfc3986(serialise(v))}`);
  }
  return parts.join('&');
}

export interface RawResponse {
  status: number;
  contentType: string | null;
  text: string;
  /** The parsed JSON body; undefined when the body is empty. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary Twilio JSON by key
  body: any;
}

export interface RawOptions {
  form?: FormData;
  query?: FormData;
  /** Override the credentials; null sends no Authorization header. */
  auth?: { user: string; pass: string } | null;
  /** A raw body with its own content type, instead of `form`. */
  rawBody?: { contentType: string; text: string };
}

export async function rawRequest(
  emu: RunningEmulator,
  method: 'GET' | 'POST' | 'DELETE' | 'PUT',
  path: string,
  options: RawOptions = {},
): Promise<RawResponse> {
  const auth =
    options.auth === undefined ? { user: emu.accountSid, pass: emu.authToken } : options.auth;
  const headers: Record<string, string> = {
    'Accept-Charset': 'utf-8',
    'User-Agent': 'twilio-node/6.2.0 (contract test)',
  };
  if (method !== 'DELETE') headers.Accept = 'application/json';
  if (auth)
    headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}`;
  let body: string | undefined;
  if (options.rawBody) {
    headers['Content-Type'] = options.rawBody.contentType;
    body = options.rawBody.text;
  } else if (method === 'POST') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = twilioForm(options.form ?? []);
  }
  const query = options.query ? twilioForm(options.query) : '';
  const url = `${emu.baseUrl}${path}${query ? `?${query}` : ''}`;
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    text,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** Paths of the emulated account's resources. */
export function accountPaths(emu: RunningEmulator) {
  const base = `/2010-04-01/Accounts/${emu.accountSid}`;
  return {
    account: `${base}.json`,
    messages: `${base}/Messages.json`,
    message: (sid: string) => `${base}/Messages/${sid}.json`,
    incomingPhoneNumbers: `${base}/IncomingPhoneNumbers.json`,
    outgoingCallerIds: `${base}/OutgoingCallerIds.json`,
  };
}

/**
 * Asserts a response is what the spec declares for `method specPath` with `status`: that status,
 * JSON content type, a body valid against the declared schema, and every declared key present
 * (nested objects and list records included) with no key the spec does not declare.
 */
export function expectConforms(
  res: RawResponse,
  specPath: string,
  method: HttpMethod,
  status: number,
): void {
  expect(res.status, res.text).toBe(status);
  expect(res.contentType).toMatch(/^application\/json(;|$)/);
  const schema = responseSchema(specPath, method, status)!;
  const problems = [
    ...validationErrors(responseValidator(specPath, method, status), res.body).map(
      (e) => `schema: ${e}`,
    ),
    ...missingProperties(schema, res.body).map((k) => `missing key: ${k}`),
    ...undeclaredProperties(schema, res.body).map((k) => `undeclared key: ${k}`),
  ];
  if (problems.length > 0) {
    throw new Error(
      `${method.toUpperCase()} ${specPath} ${status} does not conform to the spec:\n${problems.join('\n')}`,
    );
  }
}

/** Asserts a Twilio 2010-style error: this HTTP status and code, and exactly the four keys. */
export function expectTwilioError(res: RawResponse, status: number, code: number): void {
  expect(res.status, res.text).toBe(status);
  expect(res.contentType).toMatch(/^application\/json(;|$)/);
  expect(validationErrors(validatorFor(ERROR_BODY_SCHEMA), res.body)).toEqual([]);
  expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'more_info', 'status']);
  expect(res.body.status).toBe(status);
  expect(res.body.code).toBe(code);
  expect(res.body.more_info).toBe(`https://www.twilio.com/docs/errors/${code}`);
}
