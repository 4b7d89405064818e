import type { EvaluationLimits } from './types';
import {
  BindingFailure,
  checkArray,
  checkString,
  describeValue,
  ownDataProperty,
  toJsNumber,
  toJsString,
} from './values';

// The only methods a binding can call. Each one is written out here, with its arguments converted
// by our own safe conversions and its output capped, rather than looked up on the value's
// prototype: a value cannot bring methods of its own.

type Method<T> = (receiver: T, args: readonly unknown[], limits: EvaluationLimits) => unknown;

const str = (value: unknown, limits: EvaluationLimits) => toJsString(value, limits.maxStringLength);
const num = (value: unknown, limits: EvaluationLimits) => toJsNumber(value, limits.maxStringLength);
const optNum = (value: unknown, limits: EvaluationLimits) =>
  value === undefined ? undefined : num(value, limits);

const STRING_METHODS: Record<string, Method<string>> = {
  toUpperCase: (s, _a, l) => checkString(s.toUpperCase(), l.maxStringLength),
  toLowerCase: (s, _a, l) => checkString(s.toLowerCase(), l.maxStringLength),
  trim: (s) => s.trim(),
  trimStart: (s) => s.trimStart(),
  trimEnd: (s) => s.trimEnd(),
  toString: (s: string) => s,
  slice: (s, [start, end], l) => s.slice(optNum(start, l), optNum(end, l)),
  substring: (s, [start, end], l) => s.substring(num(start, l), optNum(end, l)),
  charAt: (s, [index], l) => s.charAt(num(index ?? 0, l)),
  at: (s, [index], l) => s.at(num(index ?? 0, l)),
  indexOf: (s, [search, from], l) => s.indexOf(str(search, l), optNum(from, l)),
  lastIndexOf: (s, [search, from], l) => s.lastIndexOf(str(search, l), optNum(from, l)),
  includes: (s, [search, from], l) => s.includes(str(search, l), optNum(from, l)),
  startsWith: (s, [search, from], l) => s.startsWith(str(search, l), optNum(from, l)),
  endsWith: (s, [search, end], l) => s.endsWith(str(search, l), optNum(end, l)),
  split: (s, [separator, limit], l) => {
    const cap = l.maxArrayLength + 1;
    const wanted = limit === undefined ? cap : Math.min(num(limit, l) >>> 0, cap);
    const parts =
      separator === undefined ? [s].slice(0, wanted) : s.split(str(separator, l), wanted);
    return checkArray(parts, l.maxArrayLength);
  },
  replace: (s, [pattern, replacement], l) =>
    replaceText(s, str(pattern, l), str(replacement, l), false, l.maxStringLength),
  replaceAll: (s, [pattern, replacement], l) =>
    replaceText(s, str(pattern, l), str(replacement, l), true, l.maxStringLength),
  padStart: (s, [length, fill], l) =>
    s.padStart(cappedLength(length, l), fill === undefined ? undefined : str(fill, l)),
  padEnd: (s, [length, fill], l) =>
    s.padEnd(cappedLength(length, l), fill === undefined ? undefined : str(fill, l)),
  repeat: (s, [count], l) => {
    const times = num(count ?? 0, l);
    if (s.length > 0 && times * s.length > l.maxStringLength) {
      throw new BindingFailure(
        'limit',
        `Result is too long (more than ${l.maxStringLength} characters)`,
      );
    }
    return s.repeat(times);
  },
  concat: (s, args, l) => {
    let out = s;
    for (const arg of args) out = checkString(out + str(arg, l), l.maxStringLength);
    return out;
  },
};

function cappedLength(value: unknown, limits: EvaluationLimits): number {
  const length = num(value, limits);
  if (length > limits.maxStringLength)
    throw new BindingFailure(
      'limit',
      `Result is too long (more than ${limits.maxStringLength} characters)`,
    );
  return length;
}

/**
 * String.prototype.replace with a string pattern, including the `$&`, `$'`, `` $` `` and `$$`
 * replacement patterns, built piece by piece so `$'` cannot square the output size.
 */
function replaceText(
  s: string,
  pattern: string,
  replacement: string,
  all: boolean,
  maxLength: number,
): string {
  let out = '';
  let from = 0;
  const add = (piece: string) => {
    out += piece;
    checkString(out, maxLength);
  };
  for (;;) {
    const at = s.indexOf(pattern, from);
    if (at === -1 || at > s.length) break;
    add(s.slice(from, at));
    expandReplacement(replacement, s, at, pattern, add);
    from = at + pattern.length;
    if (!all) break;
    if (pattern === '') {
      if (at >= s.length) return out;
      add(s[at]!);
      from = at + 1;
    }
  }
  add(s.slice(from));
  return out;
}

function expandReplacement(
  replacement: string,
  s: string,
  at: number,
  match: string,
  add: (piece: string) => void,
): void {
  let literalStart = 0;
  for (let i = 0; i < replacement.length - 1; i++) {
    if (replacement[i] !== '$') continue;
    const next = replacement[i + 1];
    let piece: string | undefined;
    if (next === '$') piece = '$';
    else if (next === '&') piece = match;
    else if (next === '`') piece = s.slice(0, at);
    else if (next === "'") piece = s.slice(at + match.length);
    if (piece === undefined) continue;
    add(replacement.slice(literalStart, i));
    add(piece);
    literalStart = i + 2;
    i += 1;
  }
  add(replacement.slice(literalStart));
}

/** A copy of the array's own data items: getters and inherited indexes are not consulted. */
function items(array: readonly unknown[]): unknown[] {
  const copy = new Array<unknown>(array.length);
  for (let i = 0; i < array.length; i++) copy[i] = ownDataProperty(array, String(i));
  return copy;
}

function joinItems(array: readonly unknown[], separator: string, limits: EvaluationLimits): string {
  let out = '';
  for (let i = 0; i < array.length; i++) {
    const item: unknown = ownDataProperty(array, String(i));
    out +=
      (i > 0 ? separator : '') + (item === null || item === undefined ? '' : str(item, limits));
    checkString(out, limits.maxStringLength);
  }
  return out;
}

const ARRAY_METHODS: Record<string, Method<readonly unknown[]>> = {
  join: (a, [separator], l) => joinItems(a, separator === undefined ? ',' : str(separator, l), l),
  toString: (a: readonly unknown[], _args: readonly unknown[], l: EvaluationLimits) =>
    joinItems(a, ',', l),
  slice: (a, [start, end], l) =>
    checkArray(items(a).slice(optNum(start, l), optNum(end, l)), l.maxArrayLength),
  at: (a, [index], l) => items(a).at(num(index ?? 0, l)),
  includes: (a, [search, from], l) => items(a).includes(search, optNum(from, l)),
  indexOf: (a, [search, from], l) => items(a).indexOf(search, optNum(from, l)),
  lastIndexOf: (a, [search, from], l) =>
    from === undefined ? items(a).lastIndexOf(search) : items(a).lastIndexOf(search, num(from, l)),
  concat: (a, args, l) => {
    const out = items(a);
    for (const arg of args) {
      if (Array.isArray(arg)) out.push(...checkArray(items(arg), l.maxArrayLength));
      else out.push(arg);
      checkArray(out, l.maxArrayLength);
    }
    return out;
  },
  flat: (a, [depth], l) => {
    const levels = depth === undefined ? 1 : Math.min(Math.max(num(depth, l), 0), 32);
    return flatten(a, levels, [], l);
  },
};

function flatten(
  array: readonly unknown[],
  depth: number,
  out: unknown[],
  limits: EvaluationLimits,
): unknown[] {
  for (const item of items(array)) {
    if (Array.isArray(item) && depth >= 1) flatten(item, depth - 1, out, limits);
    else out.push(item);
    checkArray(out, limits.maxArrayLength);
  }
  return out;
}

const NUMBER_METHODS: Record<string, Method<number>> = {
  toFixed: (n, [digits], l) => n.toFixed(optNum(digits, l)),
  toPrecision: (n, [precision], l) => n.toPrecision(optNum(precision, l)),
  toString: (n: number, [radix]: readonly unknown[], l: EvaluationLimits) =>
    n.toString(optNum(radix, l)),
};

const BOOLEAN_METHODS: Record<string, Method<boolean>> = {
  toString: (b: boolean) => String(b),
};

function lookup<T>(table: Record<string, Method<T>>, name: string): Method<T> | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * Finds an allowlisted method for the receiver, before its arguments are evaluated, so the error
 * names the method rather than an argument; anything not listed is a security error.
 */
export function findMethod(
  receiver: unknown,
  name: string,
): (args: readonly unknown[], limits: EvaluationLimits) => unknown {
  if (receiver === null || receiver === undefined) {
    throw new BindingFailure('type', `Cannot call "${name}" on ${describeValue(receiver)}`);
  }
  let method: Method<never> | undefined;
  if (typeof receiver === 'string') method = lookup(STRING_METHODS, name);
  else if (Array.isArray(receiver)) method = lookup(ARRAY_METHODS, name);
  else if (typeof receiver === 'number') method = lookup(NUMBER_METHODS, name);
  else if (typeof receiver === 'boolean') method = lookup(BOOLEAN_METHODS, name);
  if (!method)
    throw new BindingFailure(
      'security',
      `"${name}" is not an allowed method on ${describeValue(receiver)}`,
    );
  const allowed = method as Method<unknown>;
  return (args, limits) => allowed(receiver, args, limits);
}

/** Names of the callable methods per kind of value, for autocompletion. */
export const ALLOWED_METHODS = Object.freeze({
  string: Object.freeze(Object.keys(STRING_METHODS)),
  array: Object.freeze(Object.keys(ARRAY_METHODS)),
  number: Object.freeze(Object.keys(NUMBER_METHODS)),
  boolean: Object.freeze(Object.keys(BOOLEAN_METHODS)),
});
