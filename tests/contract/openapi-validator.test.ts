import { describe, expect, it } from 'vitest';
import {
  ENVELOPE_URI_FIELDS,
  PATHS,
  SCHEMAS,
  ajv,
  formToObject,
  formatsIn,
  isKnownFormat,
  isRfc2822DateTime,
  matchPath,
  missingProperties,
  operation,
  parametersSchema,
  requestSchema,
  responseSchema,
  responseValidator,
  spec,
  toJsonSchema,
  validationErrors,
  type HttpMethod,
} from '../helpers/openapi';

// The validator the contract tests rely on is itself checked here: its custom formats accept what
// Twilio sends and reject near misses, and the OpenAPI-to-JSON-Schema conversion keeps the spec's
// checks (nullable, enums, patterns, types) instead of quietly passing everything.

const OPERATIONS: [string, HttpMethod, number][] = [
  [PATHS.account, 'get', 200],
  [PATHS.messages, 'post', 201],
  [PATHS.messages, 'get', 200],
  [PATHS.message, 'get', 200],
  [PATHS.message, 'post', 200],
  [PATHS.incomingPhoneNumbers, 'get', 200],
  [PATHS.outgoingCallerIds, 'get', 200],
];

const messageValidator = () => responseValidator(PATHS.message, 'get', 200);
const exampleMessage = () =>
  structuredClone(
    operation(PATHS.message, 'get').responses['200']!.content!['application/json']!.examples!.fetch!
      .value,
  ) as Record<string, unknown>;

/** A schema node read by key in these tests; the spec's own types are too loose to index. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema nodes are indexed freely below
type OpenApiNode = any;

describe('the spec on disk', () => {
  it('is OpenAPI 3.0 and declares every endpoint the emulator serves', () => {
    expect(spec().openapi).toMatch(/^3\.0\./);
    for (const [path, method, status] of OPERATIONS)
      expect(operation(path, method).responses[String(status)]).toBeDefined();
    expect(Object.keys(operation(PATHS.message, 'delete').responses)).toEqual(['204']);
    expect(operation(PATHS.message, 'delete').responses['204']!.content).toBeUndefined();
  });

  it('uses only formats the validator knows, so none is silently ignored', () => {
    const used = new Set<string>();
    for (const [path, method, status] of OPERATIONS)
      formatsIn(responseSchema(path, method, status), used);
    formatsIn(requestSchema(PATHS.messages, 'post'), used);
    formatsIn(requestSchema(PATHS.message, 'post'), used);
    for (const path of [PATHS.messages, PATHS.incomingPhoneNumbers, PATHS.outgoingCallerIds]) {
      formatsIn(parametersSchema(path, 'get', 'query'), used);
    }
    expect([...used].filter((f) => !isKnownFormat(f))).toEqual([]);
    expect([...used]).toEqual(
      expect.arrayContaining([
        'date-time-rfc-2822',
        'phone-number',
        'currency',
        'uri-map',
        'http-method',
      ]),
    );
  });

  it("accepts the spec's own message and account examples", () => {
    for (const [path, method, status] of OPERATIONS.filter(
      ([p]) => p !== PATHS.incomingPhoneNumbers,
    )) {
      const examples = operation(path, method).responses[String(status)]!.content![
        'application/json'
      ]!.examples!;
      expect(Object.keys(examples).length).toBeGreaterThan(0);
      for (const example of Object.values(examples)) {
        expect(validationErrors(responseValidator(path, method, status), example.value)).toEqual(
          [],
        );
        expect(missingProperties(responseSchema(path, method, status)!, example.value)).toEqual([]);
      }
    }
  });

  it('has an IncomingPhoneNumbers example that breaks its own schema with empty strings (spec quirk)', () => {
    const examples = operation(PATHS.incomingPhoneNumbers, 'get').responses['200']!.content![
      'application/json'
    ]!.examples!;
    const errors = validationErrors(
      responseValidator(PATHS.incomingPhoneNumbers, 'get', 200),
      examples.readFull!.value,
    );
    const fields = new Set(errors.map((e) => /^\/incoming_phone_numbers\/0\/(\w+) /.exec(e)?.[1]));
    expect([...fields].sort()).toEqual([
      'sms_application_sid',
      'sms_fallback_url',
      'sms_url',
      'status_callback',
      'voice_application_sid',
    ]);
    expect(errors.every((e) => e.endsWith('(got "")'))).toBe(true);
  });
});

describe('Twilio formats', () => {
  it('date-time-rfc-2822 takes exactly Twilio’s layout for a real instant', () => {
    for (const ok of [
      'Thu, 24 Aug 2023 05:01:45 +0000',
      'Tue, 15 Jan 2030 12:00:00 +0000',
      'Thu, 24 Aug 2023 00:01:45 -0700',
    ]) {
      expect(isRfc2822DateTime(ok), ok).toBe(true);
    }
    for (const bad of [
      '2023-08-24T05:01:45Z',
      'Thu, 24 Aug 2023 05:01:45 GMT',
      'Thu, 24 Aug 2023 05:01:45',
      'Fri, 24 Aug 2023 05:01:45 +0000', // wrong weekday
      'Thu, 4 Aug 2023 05:01:45 +0000', // Twilio pads the day
      'Sat, 31 Feb 2024 05:01:45 +0000',
      'Thu, 24 Aug 2023 24:01:45 +0000',
      'Thu, 24 Aug 2023 05:01:45 +0000 ',
      'thu, 24 aug 2023 05:01:45 +0000',
    ]) {
      expect(isRfc2822DateTime(bad), bad).toBe(false);
    }
  });

  it('phone-number takes E.164 with an optional whatsapp: prefix', () => {
    const validate = ajv().compile({ type: 'string', format: 'phone-number' });
    for (const ok of ['+14155552345', 'whatsapp:+14155552345', '+447700900123'])
      expect(validate(ok), ok).toBe(true);
    for (const bad of [
      '4155552345',
      '+04155552345',
      '+1 415 555 2345',
      'whatsapp:4155552345',
      '+1234567890123456',
      'sms:+1415',
    ]) {
      expect(validate(bad), bad).toBe(false);
    }
  });

  it('currency, http-method and uri-map are checked, not just named', () => {
    expect(ajv().compile({ type: 'string', format: 'currency' })('USD')).toBe(true);
    expect(ajv().compile({ type: 'string', format: 'currency' })('usd')).toBe(false);
    expect(ajv().compile({ type: 'string', format: 'http-method' })('POST')).toBe(true);
    expect(ajv().compile({ type: 'string', format: 'http-method' })('post')).toBe(false);
    const uriMap = ajv().compile(toJsonSchema({ type: 'object', format: 'uri-map' }) as object);
    expect(uriMap({ media: '/2010-04-01/Accounts/AC1/Messages/SM1/Media.json' })).toBe(true);
    expect(uriMap({ media: 3 })).toBe(false);
    expect(uriMap({ media: 'media.json' })).toBe(false);
  });
});

describe('OpenAPI to JSON Schema', () => {
  it('turns nullable into a null type and keeps the rest of each check', () => {
    const message = exampleMessage();
    for (const key of [
      'date_sent',
      'price',
      'price_unit',
      'error_code',
      'messaging_service_sid',
      'from',
    ]) {
      expect(validationErrors(messageValidator(), { ...message, [key]: null }), key).toEqual([]);
    }
    const errorsFor = (patch: Record<string, unknown>) =>
      validationErrors(messageValidator(), { ...message, ...patch });
    expect(errorsFor({ num_segments: 1 })).toHaveLength(1);
    expect(errorsFor({ error_code: '30007' })).toHaveLength(1);
    expect(errorsFor({ date_created: '2023-08-24T05:01:45Z' })).toHaveLength(1);
    expect(errorsFor({ price_unit: 'usd' })).toHaveLength(1);
    expect(errorsFor({ sid: 'SM123' }).length).toBeGreaterThan(0);
    expect(errorsFor({ status: 'bogus' })).toHaveLength(1);
    // The enums are bare $refs without nullable, so null is not a status.
    expect(errorsFor({ status: null }).length).toBeGreaterThan(0);
    expect(errorsFor({ status: null }).every((e) => e.startsWith('/status '))).toBe(true);
    expect(errorsFor({ direction: 'outbound' })).toHaveLength(1);
  });

  it('adds null to a nullable enum', () => {
    const item = responseSchema(PATHS.incomingPhoneNumbers, 'get', 200) as OpenApiNode;
    expect(item.properties.incoming_phone_numbers.items.properties.sms_method.enum).toEqual([
      'GET',
      'POST',
      null,
    ]);
  });

  it('relaxes only the four list-envelope URIs from uri to uri-reference', () => {
    const raw = operation(PATHS.messages, 'get').responses['200']!.content!['application/json']!
      .schema as OpenApiNode;
    const patched = responseSchema(PATHS.messages, 'get', 200) as OpenApiNode;
    for (const field of ENVELOPE_URI_FIELDS) {
      expect(raw.properties[field].format).toBe('uri');
      expect(patched.properties[field].format).toBe('uri-reference');
    }
    // The spec's declared absolute `uri` format would reject Twilio's relative page URIs...
    expect(
      ajv().compile({ type: 'string', format: 'uri' })(
        '/2010-04-01/Accounts/AC1/Messages.json?Page=0',
      ),
    ).toBe(false);
    // ...while every other `format: uri` (e.g. a number's sms_url) is still required to be absolute.
    const numbers = responseSchema(PATHS.incomingPhoneNumbers, 'get', 200) as OpenApiNode;
    expect(numbers.properties.incoming_phone_numbers.items.properties.sms_url.format).toBe('uri');
    expect(patched.properties.page.type).toBe('integer');
  });

  it('reports every declared property that is absent, nested ones and list records included', () => {
    const message = exampleMessage();
    delete message.date_sent;
    delete message.error_code;
    expect(missingProperties(SCHEMAS.message, message)).toEqual(['date_sent', 'error_code']);
    const envelope = { messages: [exampleMessage(), message], page: 0 };
    expect(missingProperties(responseSchema(PATHS.messages, 'get', 200)!, envelope)).toEqual([
      'messages[1].date_sent',
      'messages[1].error_code',
      'end',
      'first_page_uri',
      'next_page_uri',
      'page_size',
      'previous_page_uri',
      'start',
      'uri',
    ]);
    const number = { capabilities: { sms: true, mms: true, voice: true } };
    expect(missingProperties(SCHEMAS.incomingPhoneNumber, number)).toContain('capabilities.fax');
  });

  it('types form data as the schema declares it', () => {
    const create = requestSchema(PATHS.messages, 'post');
    expect(
      formToObject(
        'To=%2B1555&MediaUrl=https%3A%2F%2Fa&SmartEncoded=true&Attempt=2&MaxPrice=0.5',
        create,
      ),
    ).toEqual({
      To: '+1555',
      MediaUrl: ['https://a'],
      SmartEncoded: true,
      Attempt: 2,
      MaxPrice: 0.5,
    });
    // A scalar sent twice, or a boolean spelled otherwise, stays as sent and fails validation.
    const odd = formToObject('To=%2B1555&To=%2B1666&SmartEncoded=yes', create);
    expect(odd).toEqual({ To: ['+1555', '+1666'], SmartEncoded: 'yes' });
    expect(ajv().compile(create)(odd)).toBe(false);
  });

  it('matches concrete paths to the spec’s templates', () => {
    const ac = `AC${'a'.repeat(32)}`;
    const sm = `SM${'b'.repeat(32)}`;
    expect(matchPath(`/2010-04-01/Accounts/${ac}.json`)).toEqual({
      path: PATHS.account,
      params: { Sid: ac },
    });
    expect(matchPath(`/2010-04-01/Accounts/${ac}/Messages/${sm}.json`)).toEqual({
      path: PATHS.message,
      params: { AccountSid: ac, Sid: sm },
    });
    expect(matchPath('/2010-04-01/Nope.json')).toBeNull();
  });
});
