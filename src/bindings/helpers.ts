import type { EvaluationLimits } from './types';
import {
  BindingFailure,
  checkArray,
  checkString,
  describeValue,
  isBlockedName,
  isPlainObject,
  ownDataProperty,
  toJsNumber,
  toJsString,
  toJson,
} from './values';

// Built-in helpers, callable by name: `{{ minutesFromNow(30) }}`. They are not values, so a
// binding cannot pass one around or read properties of it. Dates follow what Twilio accepts for
// Send At: ISO 8601 in UTC, whole seconds, ending in Z.

export interface HelperContext {
  now: () => number;
  limits: EvaluationLimits;
}

export type BuiltinHelper = (args: readonly unknown[], context: HelperContext) => unknown;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function finite(value: unknown, what: string, context: HelperContext): number {
  const n = toJsNumber(value, context.limits.maxStringLength);
  if (!Number.isFinite(n))
    throw new BindingFailure(
      'type',
      `${what} must be a finite number, not ${describeValue(value)}`,
    );
  return n;
}

function clock(context: HelperContext): number {
  const now = context.now();
  if (typeof now !== 'number' || !Number.isFinite(now))
    throw new BindingFailure('type', 'The clock returned an invalid time');
  return now;
}

function validTime(ms: number): number {
  // Date's range is ±8.64e15 ms; beyond it toISOString would throw.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15)
    throw new BindingFailure('type', 'The resulting date is out of range');
  return ms;
}

/** `2030-01-02T03:04:05Z`: ISO 8601 UTC without milliseconds. */
export function formatIsoSeconds(ms: number): string {
  return new Date(validTime(Math.floor(ms / 1000) * 1000)).toISOString().replace('.000Z', 'Z');
}

/** `2030-01-02`, the UTC calendar date. */
export function formatIsoDate(ms: number): string {
  return new Date(validTime(ms)).toISOString().slice(0, 10);
}

function parseTime(value: unknown): number {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new BindingFailure(
      'type',
      `Expected an ISO 8601 date string, not ${describeValue(value)}`,
    );
  }
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new BindingFailure('type', `"${String(value)}" is not a valid date`);
  return ms;
}

function rounding(fn: (n: number) => number): BuiltinHelper {
  return ([value, digits], context) => {
    const n = toJsNumber(value, context.limits.maxStringLength);
    if (digits === undefined) return fn(n);
    const places = Math.trunc(finite(digits, 'Digits', context));
    if (places < 0 || places > 15)
      throw new BindingFailure('type', 'Digits must be between 0 and 15');
    const factor = 10 ** places;
    return fn(n * factor) / factor;
  };
}

function numbers(args: readonly unknown[], context: HelperContext): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (list.length > context.limits.maxArrayLength)
    throw new BindingFailure('limit', 'Too many numbers');
  return list.map((item) => toJsNumber(item, context.limits.maxStringLength));
}

// List helpers take the place of the callbacks bindings cannot have (`messages.map(m => m.to)` is
// `pluck(messages, "to")`). A key reads an own data property of a plain object, never a getter or
// a blocked name, exactly as a property path does.

function list(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value))
    throw new BindingFailure('type', `${what} expects a list, not ${describeValue(value)}`);
  return value;
}

function keyOf(value: unknown, context: HelperContext): string {
  const key = toJsString(value, context.limits.maxStringLength);
  if (isBlockedName(key)) throw new BindingFailure('security', `Access to "${key}" is not allowed`);
  return key;
}

function field(item: unknown, key: string): unknown {
  return isPlainObject(item) ? ownDataProperty(item, key) : undefined;
}

const BUILTIN_HELPERS: Record<string, BuiltinHelper> = {
  now: (_args, context) => formatIsoSeconds(clock(context)),
  minutesFromNow: ([minutes], context) =>
    formatIsoSeconds(clock(context) + finite(minutes, 'Minutes', context) * MINUTE_MS),
  addMinutes: ([iso, minutes], context) =>
    formatIsoSeconds(parseTime(iso) + finite(minutes, 'Minutes', context) * MINUTE_MS),
  today: (_args, context) => formatIsoDate(clock(context)),
  daysAgo: ([days], context) =>
    formatIsoDate(clock(context) - finite(days, 'Days', context) * DAY_MS),
  json: ([value, indent], context) => {
    const spaces =
      indent === undefined
        ? 0
        : Math.min(Math.max(Math.trunc(finite(indent, 'Indent', context)), 0), 10);
    return toJson(value, context.limits.maxStringLength, spaces);
  },
  round: rounding(Math.round),
  floor: rounding(Math.floor),
  ceil: rounding(Math.ceil),
  abs: ([value], context) => Math.abs(toJsNumber(value, context.limits.maxStringLength)),
  // With no arguments Math.min is Infinity; here it is undefined, which reads better in a field.
  min: (args, context) => {
    const list = numbers(args, context);
    return list.length === 0 ? undefined : Math.min(...list);
  },
  max: (args, context) => {
    const list = numbers(args, context);
    return list.length === 0 ? undefined : Math.max(...list);
  },
  String: (args, context) =>
    args.length === 0
      ? ''
      : checkString(
          toJsString(args[0], context.limits.maxStringLength),
          context.limits.maxStringLength,
        ),
  Number: (args, context) =>
    args.length === 0 ? 0 : toJsNumber(args[0], context.limits.maxStringLength),
  Boolean: ([value]) => Boolean(value),
  /** pluck(list, "to"): each item's value of that key. */
  pluck: ([items, key], context) => {
    const k = keyOf(key, context);
    return list(items, 'pluck').map((item) => field(item, k));
  },
  /** where(list, "status", "delivered"): the items whose key holds that value (===). */
  where: ([items, key, value], context) => {
    const k = keyOf(key, context);
    return list(items, 'where').filter((item) => field(item, k) === value);
  },
  /** unique(list): the distinct values, first occurrence first (strings, numbers, booleans, null). */
  unique: ([items], context) =>
    checkArray([...new Set(list(items, 'unique'))], context.limits.maxArrayLength),
  /** sortBy(list, "date_created", "desc"): a sorted copy, by a key (numbers as numbers, the rest as text). */
  sortBy: ([items, key, order], context) => {
    const k = keyOf(key, context);
    if (order !== undefined && order !== 'asc' && order !== 'desc')
      throw new BindingFailure('type', 'The order must be "asc" or "desc"');
    const sign = order === 'desc' ? -1 : 1;
    const compare = (a: unknown, b: unknown): number => {
      if (a === b) return 0;
      if (a === undefined || a === null) return 1; // missing values last, whichever the order
      if (b === undefined || b === null) return -1;
      if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
      const x = toJsString(a, context.limits.maxStringLength);
      const y = toJsString(b, context.limits.maxStringLength);
      return sign * (x < y ? -1 : x > y ? 1 : 0);
    };
    return [...list(items, 'sortBy')].sort((a, b) => compare(field(a, k), field(b, k)));
  },
  len: ([value]) => {
    if (typeof value === 'string' || Array.isArray(value)) return value.length;
    if (isPlainObject(value)) return Object.keys(value).length;
    return 0;
  },
};

export function builtinHelper(name: string): BuiltinHelper | undefined {
  return Object.hasOwn(BUILTIN_HELPERS, name) ? BUILTIN_HELPERS[name] : undefined;
}

/** Names of the built-in helpers, for autocompletion and for telling helpers from scope names. */
export const BUILTIN_HELPER_NAMES: readonly string[] = Object.freeze(Object.keys(BUILTIN_HELPERS));
