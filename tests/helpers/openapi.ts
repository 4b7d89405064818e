import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OBJECT_FORMATS, STRING_FORMATS } from './twilio-formats';

// Twilio's own OpenAPI description of the 2010 API (twilio_api_v2010.json, shipped in
// @twilio-alpha/mcp), compiled into Ajv validators for contract tests.
//
// How the OpenAPI 3.0 document is turned into JSON Schema:
// - `$ref: '#/components/schemas/X'` is resolved (inlined); OAS 3.0 ignores keywords next to a $ref.
// - `nullable: true` becomes `type: [t, 'null']` (and adds null to an `enum`).
// - OpenAPI-only keywords (description, example, x-*) are dropped.
// - Twilio's custom formats are registered honestly (see STRING_FORMATS and OBJECT_FORMATS);
//   Ajv applies `format` to strings only, so the two object formats become a custom keyword.
// - One known defect of the spec is patched, and only there: the list envelope's uri,
//   first_page_uri, next_page_uri and previous_page_uri are declared `format: uri` (absolute) but
//   Twilio returns paths relative to https://api.twilio.com (the spec's own examples do too).
//   Those four fields are checked as `uri-reference`; every other check stays as declared.
// The spec lists no `required` properties, while Twilio sends every key (explicit nulls):
// missingProperties() checks that separately.

export {
  isKnownFormat,
  isRfc2822DateTime,
  OBJECT_FORMATS,
  PHONE_NUMBER_PATTERN,
  STRING_FORMATS,
} from './twilio-formats';

export const SPEC_FILE = fileURLToPath(
  new URL(
    '../../node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json',
    import.meta.url,
  ),
);

export type JsonSchema = { [keyword: string]: unknown };
export type HttpMethod = 'get' | 'post' | 'delete';

interface MediaType {
  schema?: JsonSchema;
  examples?: Record<string, { value: unknown }>;
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}
export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<
    string,
    { content?: Record<string, MediaType>; headers?: Record<string, unknown> }
  >;
}
interface OpenApiSpec {
  openapi: string;
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components: { schemas: Record<string, JsonSchema> };
}

let cachedSpec: OpenApiSpec | undefined;

/** The parsed spec, read from disk once. Treat it as read-only. */
export function spec(): OpenApiSpec {
  cachedSpec ??= JSON.parse(fs.readFileSync(SPEC_FILE, 'utf8')) as OpenApiSpec;
  return cachedSpec;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.0 -> JSON Schema

const REF_PREFIX = '#/components/schemas/';
/** Object formats run as this keyword: Ajv's `format` only looks at strings and numbers. */
const OBJECT_FORMAT_KEYWORD = 'x-object-format';

function componentSchema(name: string): JsonSchema {
  const schema = spec().components.schemas[name];
  if (!schema) throw new Error(`components.schemas has no ${name}`);
  return schema;
}

/** Converts an OpenAPI 3.0 schema object to a JSON Schema that Ajv understands, resolving refs. */
export function toJsonSchema(node: unknown, refStack: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, refStack));
  if (node === null || typeof node !== 'object') return node;
  const source = node as JsonSchema;
  if (typeof source.$ref === 'string') {
    if (!source.$ref.startsWith(REF_PREFIX)) throw new Error(`unsupported $ref ${source.$ref}`);
    const name = source.$ref.slice(REF_PREFIX.length);
    if (refStack.includes(name)) throw new Error(`cyclic $ref ${[...refStack, name].join(' -> ')}`);
    return toJsonSchema(componentSchema(name), [...refStack, name]);
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (
      key === 'description' ||
      key === 'example' ||
      key === 'examples' ||
      key === 'nullable' ||
      key.startsWith('x-')
    ) {
      continue;
    }
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          toJsonSchema(v, refStack),
        ]),
      );
    } else if (['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf'].includes(key)) {
      out[key] = toJsonSchema(value, refStack);
    } else {
      out[key] = value;
    }
  }
  if (typeof out.format === 'string' && out.format in OBJECT_FORMATS) {
    out[OBJECT_FORMAT_KEYWORD] = out.format;
    delete out.format;
  }
  if (source.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.type === undefined && out.enum === undefined) return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ajv

let cachedAjv: Ajv | undefined;

export function ajv(): Ajv {
  if (cachedAjv) return cachedAjv;
  const instance = new Ajv({ strict: false, allErrors: true });
  addFormats(instance);
  for (const [name, validate] of Object.entries(STRING_FORMATS))
    instance.addFormat(name, { type: 'string', validate });
  instance.addKeyword({
    keyword: OBJECT_FORMAT_KEYWORD,
    type: 'object',
    schemaType: 'string',
    errors: false,
    validate: (format: string, data: Record<string, unknown>) => {
      const check = OBJECT_FORMATS[format];
      if (!check) throw new Error(`unknown object format ${format}`);
      return check(data);
    },
  });
  cachedAjv = instance;
  return instance;
}

/** Ajv's errors as readable lines, [] when the data is valid. */
export function validationErrors(validate: ValidateFunction, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) =>
      `${e.instancePath || '(root)'} ${e.message ?? e.keyword}${
        e.keyword === 'enum' ? ` ${JSON.stringify(e.params.allowedValues)}` : ''
      } (got ${JSON.stringify(valueAt(data, e.instancePath))})`,
  );
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// Operations

export function operation(path: string, method: HttpMethod): Operation {
  const op = spec().paths[path]?.[method];
  if (!op) throw new Error(`the spec declares no ${method.toUpperCase()} ${path}`);
  return op;
}

/** The four page-URI fields of a list envelope, which the spec wrongly declares absolute. */
export const ENVELOPE_URI_FIELDS = [
  'uri',
  'first_page_uri',
  'next_page_uri',
  'previous_page_uri',
] as const;

function isListEnvelope(schema: JsonSchema): boolean {
  const props = schema.properties as Record<string, unknown> | undefined;
  return (
    !!props &&
    ['page', 'page_size', 'start', 'end', ...ENVELOPE_URI_FIELDS].every((k) => k in props)
  );
}

/** The JSON response schema the spec declares for an operation and status; null when it declares no body. */
export function responseSchema(
  path: string,
  method: HttpMethod,
  status: number,
): JsonSchema | null {
  const response = operation(path, method).responses[String(status)];
  if (!response)
    throw new Error(`the spec declares no ${status} response for ${method.toUpperCase()} ${path}`);
  const raw = response.content?.['application/json']?.schema;
  if (!raw) return null;
  const schema = toJsonSchema(raw) as JsonSchema;
  if (isListEnvelope(schema)) {
    const props = schema.properties as Record<string, JsonSchema>;
    for (const field of ENVELOPE_URI_FIELDS) {
      if (props[field]?.format === 'uri')
        props[field] = { ...props[field], format: 'uri-reference' };
    }
  }
  return schema;
}

const responseValidators = new Map<string, ValidateFunction>();

/** A validator for the response body the spec declares for `method path` with this status. */
export function responseValidator(
  path: string,
  method: HttpMethod,
  status: number,
): ValidateFunction {
  const key = `${method} ${path} ${status}`;
  let validate = responseValidators.get(key);
  if (!validate) {
    const schema = responseSchema(path, method, status);
    if (!schema)
      throw new Error(`the spec declares no body for ${status} on ${method.toUpperCase()} ${path}`);
    validate = ajv().compile(schema);
    responseValidators.set(key, validate);
  }
  return validate;
}

/** The form (application/x-www-form-urlencoded) request body schema of an operation. */
export function requestSchema(path: string, method: HttpMethod): JsonSchema {
  const raw = operation(path, method).requestBody?.content['application/x-www-form-urlencoded']
    ?.schema;
  if (!raw) throw new Error(`the spec declares no form body for ${method.toUpperCase()} ${path}`);
  return toJsonSchema(raw) as JsonSchema;
}

/** The query (or path) parameters of an operation as one object schema. */
export function parametersSchema(
  path: string,
  method: HttpMethod,
  where: 'query' | 'path',
): JsonSchema {
  const params = (operation(path, method).parameters ?? []).filter((p) => p.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, toJsonSchema(p.schema)])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

const compiled = new WeakMap<JsonSchema, ValidateFunction>();
export function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Finds the spec path template (and its path parameters) that a concrete request path matches. */
export function matchPath(
  urlPath: string,
): { path: string; params: Record<string, string> } | null {
  for (const template of Object.keys(spec().paths)) {
    const names: string[] = [];
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (name) {
          names.push(name);
          return '([^/]+?)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    const m = new RegExp(`^${source}$`).exec(urlPath);
    if (m)
      return {
        path: template,
        params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])),
      };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Form and query data

/**
 * Reads form-encoded data the way Twilio does (repeated keys are a list) and types each value as
 * the schema declares it: arrays stay arrays, 'true'/'false' become booleans, whole numbers become
 * integers. A scalar sent twice stays a list and so fails validation, as does 'yes' for a boolean.
 */
export function formToObject(
  data: string | URLSearchParams,
  schema: JsonSchema,
): Record<string, unknown> {
  const params = typeof data === 'string' ? new URLSearchParams(data) : data;
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const grouped = new Map<string, string[]>();
  for (const [k, v] of params) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  const out: Record<string, unknown> = {};
  for (const [key, values] of grouped) {
    const prop = props[key];
    const type = (t: unknown) =>
      (Array.isArray(t) ? t.find((x) => x !== 'null') : t) as string | undefined;
    if (type(prop?.type) === 'array') {
      const itemType = type((prop!.items as JsonSchema | undefined)?.type);
      out[key] = values.map((v) => typed(v, itemType));
    } else {
      out[key] = values.length === 1 ? typed(values[0]!, type(prop?.type)) : values;
    }
  }
  return out;
}

function typed(value: string, type: string | undefined): unknown {
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (type === 'integer') return /^-?\d+$/.test(value) ? Number(value) : value;
  if (type === 'number')
    return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value) ? Number(value) : value;
  return value;
}

// ---------------------------------------------------------------------------------------------
// Completeness: every key the spec declares must be present

function resolveSchema(schemaOrName: string | JsonSchema): JsonSchema {
  return typeof schemaOrName === 'string'
    ? (toJsonSchema({ $ref: `${REF_PREFIX}${schemaOrName}` }) as JsonSchema)
    : schemaOrName;
}

/**
 * The properties the spec declares for an object schema (a components.schemas name, or a schema
 * such as responseSchema(...)) that `obj` lacks, as dotted paths. Nested objects and array items
 * are checked too, so one call covers a list envelope and every record in it.
 */
export function missingProperties(
  schemaOrName: string | JsonSchema,
  obj: unknown,
  at = '',
): string[] {
  const schema = resolveSchema(schemaOrName);
  if (obj === null || typeof obj !== 'object') return [];
  if (Array.isArray(obj)) {
    const items = schema.items as JsonSchema | undefined;
    return items ? obj.flatMap((item, i) => missingProperties(items, item, `${at}[${i}]`)) : [];
  }
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const record = obj as Record<string, unknown>;
  return Object.entries(props).flatMap(([name, prop]) => {
    const path = at ? `${at}.${name}` : name;
    if (!(name in record)) return [path];
    return missingProperties(prop, record[name], path);
  });
}

/** Keys of `obj` that the schema does not declare (top level only). */
export function undeclaredProperties(
  schemaOrName: string | JsonSchema,
  obj: Record<string, unknown>,
): string[] {
  const props = (resolveSchema(schemaOrName).properties ?? {}) as Record<string, unknown>;
  return Object.keys(obj).filter((k) => !(k in props));
}

/** Every `format` used in a converted schema (including object formats), to prove none is unknown. */
export function formatsIn(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => formatsIn(s, found));
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if ((k === 'format' || k === OBJECT_FORMAT_KEYWORD) && typeof v === 'string') found.add(v);
      else formatsIn(v, found);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Errors: the spec declares none, so this is the 2010 API's documented four-key error body.

export const ERROR_BODY_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'message', 'more_info', 'status'],
  properties: {
    code: { type: 'integer', minimum: 10000, maximum: 99999 },
    message: { type: 'string', minLength: 1 },
    more_info: {
      type: 'string',
      format: 'uri',
      pattern: '^https://www\\.twilio\\.com/docs/errors/\\d+$',
    },
    status: { type: 'integer', minimum: 400, maximum: 599 },
  },
};

// Paths of the endpoints the emulator implements, as the spec names them.
export const PATHS = {
  account: '/2010-04-01/Accounts/{Sid}.json',
  messages: '/2010-04-01/Accounts/{AccountSid}/Messages.json',
  message: '/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json',
  incomingPhoneNumbers: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json',
  outgoingCallerIds: '/2010-04-01/Accounts/{AccountSid}/OutgoingCallerIds.json',
} as const;

export const SCHEMAS = {
  account: 'api.v2010.account',
  message: 'api.v2010.account.message',
  incomingPhoneNumber: 'api.v2010.account.incoming_phone_number',
  outgoingCallerId: 'api.v2010.account.outgoing_caller_id',
} as const;

/** The values of an enum schema in components.schemas, e.g. message_enum_status. */
export function enumValues(name: string): unknown[] {
  const values = componentSchema(name).enum;
  if (!Array.isArray(values)) throw new Error(`${name} is not an enum`);
  return values;
}
