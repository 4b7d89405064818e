import fc from 'fast-check';
import http from 'node:http';

// Hostile HTTP for the fuzz tests: a raw sender (any method, path, header and body, no client-side
// normalisation) and fast-check arbitraries for odd ids, query strings, content types and bodies:
// random JSON, wrong types for the fields the routes know, huge strings, prototype-pollution keys.

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

export function send(baseUrl: string, req: RawRequest): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: req.headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

export const describeRequest = (r: RawRequest) =>
  `${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers).slice(0, 200)} ${(r.body ?? '').slice(0, 200)}`;

const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\u202Eevil',
  '%00',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  'http://169.254.169.254/latest/meta-data/',
  'https://evil.example/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json',
  '/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json?PageSize=1&Page=1',
  "'; DROP TABLE queries; --",
  '{{ constructor.constructor("return process")() }}',
  '{{ this.__proto__.polluted = 1 }}',
  '<script>alert(1)</script>',
  'whatsapp:+14155550100',
  '+15005550006',
  'SM' + 'a'.repeat(32),
  'AC' + 'f'.repeat(32),
  'NaN',
  '1e309',
  '-0',
];

export const POLLUTION_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'hasOwnProperty',
  'toString',
  'valueOf',
];

const FIELDS = [
  'name',
  'target',
  'authType',
  'accountSid',
  'authToken',
  'apiKeySid',
  'apiKeySecret',
  'datasourceId',
  'command',
  'params',
  'settings',
  'timeoutMs',
  'runOnPageLoad',
  'confirmBeforeRun',
  'password',
  'to',
  'from',
  'body',
  'messageSid',
  'pageUri',
  'mediaUrl',
  'sendAt',
  'status',
  'pageSize',
  'messagingServiceSid',
  'widgets',
  'version',
  'id',
];

export const hugeString = fc.integer({ min: 2_000, max: 80_000 }).map((n) => 'x'.repeat(n));

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: hugeString },
);

const key = fc.oneof(
  fc.constantFrom(...FIELDS),
  fc.constantFrom(...POLLUTION_KEYS),
  fc.string({ maxLength: 12 }),
);

/** Any JSON value, biased to the routes' own field names with values of every wrong type. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 1000, 60_001),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
})).value;

/** Raw JSON texts no serializer would write: pollution keys, broken syntax, deep nesting. */
export const nastyJsonText = fc.oneof(
  fc.constantFrom(
    '{"__proto__": {"polluted": "yes"}, "name": "p"}',
    '{"constructor": {"prototype": {"polluted": "yes"}}}',
    '{"name": "x", "params": {"__proto__": {"polluted": "yes"}}, "command": "create-message"}',
    '{"command": "list-messages", "params": {"constructor": {"prototype": {"polluted": "yes"}}}}',
    '{"password": {"__proto__": null}}',
    '{"a": 1, "a": 2}',
    '{"name": "\\ud800"}',
    '[]',
    '"just a string"',
    'null',
    '{',
    '{"a": }',
    '\u0000',
    `${'['.repeat(3000)}${']'.repeat(3000)}`,
    `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
  ),
  fc.string({ maxLength: 60 }),
  fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
);

export const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'application/jsonx',
      'application/vnd.api+json',
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      '*/*',
      'garbage',
      ';;;',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[\x21-\x7e]{1,30}$/) },
);

const encode = (s: string) => encodeURIComponent(s);

/** Path segments for ids: random text (encoded), and raw oddities sent as they are. */
export const hostileId = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map(encode) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 6000 }).map((n) => 'a'.repeat(n)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '%ZZ',
      '%',
      '%E0%A4%A',
      '%00',
      '..',
      '.',
      '..%2F..%2F',
      '__proto__',
      'constructor',
      'prototype',
      '%C0%AE%C0%AE',
      '%uD800',
      'null',
      'undefined',
      '0',
      '-1',
      '1e9',
      'test',
      'execute',
      ';',
      '@',
      '~',
    ),
  },
);

export const queryString = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?cascade=true',
    '?cascade=1&cascade=true',
    '?__proto__[polluted]=yes',
    '?constructor[prototype][polluted]=yes',
    '?a[b][c][d]=1',
    '?%ZZ=%ZZ',
    '?&&&==',
    `?q=${'y'.repeat(4000)}`,
  ),
  fc
    .dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 4 })
    .map((d) => `?${new URLSearchParams(d).toString()}`),
);

export const method = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') },
  { weight: 1, arbitrary: fc.constantFrom('OPTIONS', 'HEAD', 'PROPFIND', 'TRACE', 'PURGE') },
);

/** A body: none, hostile JSON, a nasty raw text, a form, or a huge JSON string. */
export const body = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 5, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 3, arbitrary: nastyJsonText },
  {
    weight: 1,
    arbitrary: fc
      .dictionary(key, fc.string({ maxLength: 20 }), { maxKeys: 4 })
      .map((d) => new URLSearchParams(d).toString()),
  },
);

export const extraHeaders = fc.record(
  {
    origin: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1:1'),
    cookie: fc.constantFrom(
      'tqb_session=forged',
      'tqb_session=',
      '=;=;',
      `tqb_session=${'z'.repeat(3000)}`,
    ),
    'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'),
    accept: fc.constantFrom('text/html', '*/*', 'application/xml'),
  },
  { requiredKeys: [] },
);
