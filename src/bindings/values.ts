import type { BindingErrorKind } from './types';

// The names the engine refuses are the contract's, so that no query or widget can take one.
export { isBlockedName } from '../contract/names';

// Safe primitives for the evaluator: reading properties, converting to strings and JSON.
// None of them calls a method found on a value (toString, valueOf, toJSON, getters), so data from
// a query result can never run code, and none walks the prototype chain.

/** Thrown inside the evaluator only; the public functions turn it into a BindingError. */
export class BindingFailure extends Error {
  constructor(
    readonly kind: BindingErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A literal's value as a property name: jsep literals are strings, numbers, booleans or null. */
export function literalText(value: unknown): string {
  return typeof value === 'object' && value !== null
    ? Object.prototype.toString.call(value)
    : String(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own data property of a plain object, or undefined; getters are never invoked. */
export function ownDataProperty(target: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

export function hasOwnDataProperty(target: object, key: string): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  return descriptor !== undefined && 'value' in descriptor;
}

/** Defines (never assigns) a property, so a key such as "__proto__" cannot reach a setter. */
export function defineValue(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

export function checkString(value: string, maxLength: number): string {
  if (value.length > maxLength)
    throw new BindingFailure('limit', `Result is too long (more than ${maxLength} characters)`);
  return value;
}

export function checkArray<T>(value: T[], maxLength: number): T[] {
  if (value.length > maxLength)
    throw new BindingFailure('limit', `Result has too many items (more than ${maxLength})`);
  return value;
}

const MAX_NESTING = 64;

/** JavaScript's String(value), but arrays join their items safely and other objects never run code. */
export function toJsString(value: unknown, maxLength: number): string {
  return jsString(value, maxLength, new Set(), 0);
}

function jsString(value: unknown, maxLength: number, seen: Set<unknown>, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return String(value);
    case 'symbol':
      throw new BindingFailure('type', 'Cannot convert a symbol to a string');
    case 'function':
      throw new BindingFailure('security', 'Functions cannot be used as values');
  }
  if (!Array.isArray(value)) return '[object Object]';
  // Like Array.prototype.join: holes, null, undefined and cycles become empty strings.
  if (seen.has(value) || depth > MAX_NESTING) return '';
  seen.add(value);
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (i > 0) out += ',';
    const item: unknown = ownDataProperty(value, String(i));
    if (item !== null && item !== undefined) out += jsString(item, maxLength, seen, depth + 1);
    checkString(out, maxLength);
  }
  seen.delete(value);
  return out;
}

/** The number JavaScript's Number(value) gives, without calling valueOf on objects. */
export function toJsNumber(value: unknown, maxLength: number): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'symbol')
    throw new BindingFailure('type', 'Cannot convert a symbol to a number');
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object') return Number(toJsString(value, maxLength));
  return Number(value);
}

/** Operand of an arithmetic or comparison operator: objects become their JavaScript string form. */
export function toPrimitive(value: unknown, maxLength: number): unknown {
  return value !== null && (typeof value === 'object' || typeof value === 'function')
    ? toJsString(value, maxLength)
    : value;
}

/**
 * JSON text of plain data. Unlike JSON.stringify it never calls toJSON or a getter, and it caps the
 * output as it goes, so a huge query result cannot build an unbounded string.
 */
export function toJson(value: unknown, maxLength: number, indent = 0): string | undefined {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string) => {
    length += text.length;
    if (length > maxLength)
      throw new BindingFailure('limit', `Result is too long (more than ${maxLength} characters)`);
    parts.push(text);
  };
  const pad = (level: number) => (indent > 0 ? '\n' + ' '.repeat(indent * level) : '');
  const seen = new Set<unknown>();
  const write = (item: unknown, level: number): boolean => {
    if (
      item === null ||
      typeof item === 'string' ||
      typeof item === 'number' ||
      typeof item === 'boolean'
    ) {
      push(typeof item === 'number' && !Number.isFinite(item) ? 'null' : JSON.stringify(item));
      return true;
    }
    switch (typeof item) {
      case 'undefined':
      case 'function':
      case 'symbol':
        return false;
      case 'bigint':
        throw new BindingFailure('type', 'Cannot convert a BigInt to JSON');
    }
    if (seen.has(item))
      throw new BindingFailure('type', 'Cannot convert a circular structure to JSON');
    if (level > MAX_NESTING)
      throw new BindingFailure(
        'limit',
        `Value is nested too deeply for JSON (more than ${MAX_NESTING} levels)`,
      );
    seen.add(item);
    if (Array.isArray(item)) {
      push('[');
      for (let i = 0; i < item.length; i++) {
        if (i > 0) push(',');
        push(pad(level + 1));
        if (!write(ownDataProperty(item, String(i)), level + 1)) push('null');
      }
      if (item.length > 0) push(pad(level));
      push(']');
    } else {
      push('{');
      let first = true;
      const record = item;
      for (const key of isPlainObject(item) ? Object.keys(record) : []) {
        const child = ownDataProperty(record, key);
        if (child === undefined || typeof child === 'function' || typeof child === 'symbol')
          continue;
        push(first ? '' : ',');
        push(pad(level + 1));
        push(JSON.stringify(key) + (indent > 0 ? ': ' : ':'));
        write(child, level + 1);
        first = false;
      }
      if (!first) push(pad(level));
      push('}');
    }
    seen.delete(item);
    return true;
  };
  return write(value, 0) ? parts.join('') : undefined;
}

/** How a binding's value appears inside mixed text: objects and arrays as JSON, null and undefined as nothing. */
export function toTextPart(value: unknown, maxLength: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return toJson(value, maxLength) ?? '';
  return toJsString(value, maxLength);
}
