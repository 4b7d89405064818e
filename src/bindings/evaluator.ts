import { FieldWork } from './budget';
import { builtinHelper, type HelperContext } from './helpers';
import { findMethod } from './methods';
import { parseExpression, type Node } from './parser';
import {
  DEFAULT_LIMITS,
  type EvaluationLimits,
  type EvaluationOptions,
  type EvaluationResult,
  type HelperFunction,
  type Scope,
} from './types';
import {
  BindingFailure,
  checkArray,
  checkString,
  defineValue,
  hasOwnDataProperty,
  isBlockedName,
  literalText,
  isPlainObject,
  ownDataProperty,
  toJsNumber,
  toJsString,
  toPrimitive,
} from './values';

// A tree-walking interpreter over jsep's AST. Names resolve only against the scope object's own
// data properties and the helper table, so globals (window, document, fetch, process) do not
// exist here; properties are read only from plain objects, arrays and strings, never through the
// prototype chain; calls reach only the helpers and the allowlisted methods.

interface Context extends HelperContext {
  scope: Scope;
  helpers: Readonly<Record<string, HelperFunction>> | undefined;
  work: FieldWork;
}

/** Marks an optional chain (`a?.b.c`) that met null or undefined: the whole chain is undefined. */
const SHORT_CIRCUIT: unique symbol = Symbol('short-circuit');

const CONSTANTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['undefined', undefined],
  ['NaN', NaN],
  ['Infinity', Infinity],
]);

export function resolveLimits(limits: Partial<EvaluationLimits> | undefined): EvaluationLimits {
  const pick = (value: number | undefined, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? Math.floor(value)
      : fallback;
  return {
    maxStringLength: pick(limits?.maxStringLength, DEFAULT_LIMITS.maxStringLength),
    maxArrayLength: pick(limits?.maxArrayLength, DEFAULT_LIMITS.maxArrayLength),
    maxFieldSteps: pick(limits?.maxFieldSteps, DEFAULT_LIMITS.maxFieldSteps),
    maxFieldChars: pick(limits?.maxFieldChars, DEFAULT_LIMITS.maxFieldChars),
  };
}

/** Parses and evaluates one expression (the text inside `{{ }}`). Never throws. */
export function evaluateExpression(
  source: string,
  scope: Scope,
  options: EvaluationOptions = {},
): EvaluationResult {
  const parsed = parseExpression(typeof source === 'string' ? source : '');
  if (!parsed.ok) return { ok: false, kind: parsed.kind, message: parsed.message };
  return evaluateAst(parsed.ast, scope, options);
}

/**
 * Evaluates a tree from parseExpression (which validated it) against a scope. Never throws. The
 * bindings of one field share `work`, so the field's budget covers all of them.
 */
export function evaluateAst(
  ast: Node,
  scope: Scope,
  options: EvaluationOptions = {},
  work?: FieldWork,
): EvaluationResult {
  try {
    const limits = resolveLimits(options.limits);
    const context: Context = {
      scope: isPlainObject(scope) ? scope : {},
      helpers:
        options.helpers !== null && typeof options.helpers === 'object'
          ? options.helpers
          : undefined,
      now: typeof options.now === 'function' ? options.now : Date.now,
      limits,
      work: work ?? new FieldWork(limits, options.page),
    };
    return { ok: true, value: evaluate(ast, context) };
  } catch (error) {
    if (error instanceof BindingFailure)
      return { ok: false, kind: error.kind, message: error.message };
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return { ok: false, kind: 'limit', message: 'Expression is too complex to evaluate' };
    }
    // Native errors from allowlisted methods, e.g. toFixed(500) or repeat(-1).
    return {
      ok: false,
      kind: 'type',
      message: error instanceof Error ? error.message : 'Evaluation failed',
    };
  }
}

function evaluate(node: Node, context: Context): unknown {
  context.work.step();
  switch (node.type) {
    case 'Literal':
      return node.value;
    case 'Identifier':
      return resolveName(node.name as string, context);
    case 'MemberExpression':
    case 'CallExpression': {
      const value = evaluateChain(node, context);
      return value === SHORT_CIRCUIT ? undefined : value;
    }
    case 'UnaryExpression':
      return unary(node.operator as string, evaluate(node.argument as Node, context), context);
    case 'BinaryExpression':
      return binary(node, context);
    case 'ConditionalExpression':
      return evaluate(
        (evaluate(node.test as Node, context) ? node.consequent : node.alternate) as Node,
        context,
      );
    case 'ArrayExpression': {
      const elements = node.elements as (Node | null)[];
      checkArray(elements, context.limits.maxArrayLength);
      return elements.map((element) => (element === null ? undefined : evaluate(element, context)));
    }
    case 'ObjectExpression':
      return objectLiteral(node.properties as Node[], context);
    case 'TemplateLiteral': {
      const quasis = node.quasis as Node[];
      const expressions = node.expressions as Node[];
      let out = (quasis[0]?.value as { cooked: string }).cooked;
      expressions.forEach((expression, i) => {
        out += toJsString(evaluate(expression, context), context.limits.maxStringLength);
        out += (quasis[i + 1]?.value as { cooked: string }).cooked;
        checkString(out, context.limits.maxStringLength);
      });
      context.work.charge(out.length);
      return out;
    }
    default:
      // The parser rejects every other node type; this guards against an AST built by hand.
      throw new BindingFailure('security', `${node.type} is not supported in bindings`);
  }
}

function resolveName(name: string, context: Context): unknown {
  if (CONSTANTS.has(name)) return CONSTANTS.get(name);
  if (isBlockedName(name))
    throw new BindingFailure('security', `Access to "${name}" is not allowed`);
  if (hasOwnDataProperty(context.scope, name))
    return guardValue(ownDataProperty(context.scope, name), name);
  if (findHelper(name, context))
    throw new BindingFailure('type', `${name} is a helper: call it, e.g. ${name}(...)`);
  throw new BindingFailure('reference', `${name} is not defined`);
}

function guardValue(value: unknown, path: string): unknown {
  if (typeof value === 'function')
    throw new BindingFailure(
      'security',
      `${path} is a function; only helpers and allowlisted methods can be called`,
    );
  return value;
}

function evaluateChain(node: Node, context: Context): unknown {
  if (node.type === 'MemberExpression') {
    const object = evaluateChain(node.object as Node, context);
    if (object === SHORT_CIRCUIT) return SHORT_CIRCUIT;
    if (node.optional && (object === null || object === undefined)) return SHORT_CIRCUIT;
    return readProperty(object, memberKey(node, context));
  }
  if (node.type === 'CallExpression') return call(node, context);
  return evaluate(node, context);
}

function memberKey(node: Node, context: Context): string {
  const key = node.computed
    ? propertyKey(evaluate(node.property as Node, context), context)
    : ((node.property as Node).name as string);
  if (isBlockedName(key)) throw new BindingFailure('security', `Access to "${key}" is not allowed`);
  return key;
}

function propertyKey(value: unknown, context: Context): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return toJsString(value, context.limits.maxStringLength);
}

function readProperty(object: unknown, key: string): unknown {
  if (object === null || object === undefined) {
    throw new BindingFailure(
      'type',
      `Cannot read properties of ${String(object)} (reading '${key}')`,
    );
  }
  if (typeof object === 'string') {
    if (key === 'length') return object.length;
    const index = Number(key);
    return Number.isInteger(index) && index >= 0 && String(index) === key
      ? object[index]
      : undefined;
  }
  if (Array.isArray(object)) {
    if (key === 'length') return object.length;
    return guardValue(ownDataProperty(object, key), key);
  }
  if (isPlainObject(object)) return guardValue(ownDataProperty(object, key), key);
  return undefined; // numbers, booleans and class instances expose nothing
}

function findHelper(
  name: string,
  context: Context,
): ((args: readonly unknown[]) => unknown) | undefined {
  const custom =
    context.helpers && hasOwnDataProperty(context.helpers, name)
      ? ownDataProperty(context.helpers, name)
      : undefined;
  if (typeof custom === 'function') {
    return (args) => {
      try {
        return (custom as HelperFunction)(...args);
      } catch (error) {
        throw new BindingFailure(
          'type',
          `${name}: ${error instanceof Error ? error.message : 'failed'}`,
        );
      }
    };
  }
  const builtin = builtinHelper(name);
  return builtin && ((args) => builtin(args, context));
}

function call(node: Node, context: Context): unknown {
  const callee = node.callee as Node;
  const argumentsOf = () =>
    (node.arguments as Node[]).map((argument) => evaluate(argument, context));
  if (callee.type === 'Identifier') {
    const name = callee.name as string;
    const helper = findHelper(name, context);
    if (!helper) {
      if (hasOwnDataProperty(context.scope, name))
        throw new BindingFailure('type', `${name} is not a function`);
      throw new BindingFailure('reference', `${name} is not a known helper`);
    }
    return limitResult(guardValue(helper(argumentsOf()), `${name}()`), context);
  }
  if (callee.type !== 'MemberExpression')
    throw new BindingFailure('security', 'Only helpers and allowlisted methods can be called');
  const receiver = evaluateChain(callee.object as Node, context);
  if (receiver === SHORT_CIRCUIT) return SHORT_CIRCUIT;
  if ((callee.optional || node.optional) && (receiver === null || receiver === undefined))
    return SHORT_CIRCUIT;
  const method = findMethod(receiver, memberKey(callee, context));
  // A method scans its receiver: `s.replaceAll(...)` on a long s costs s's length however short
  // its result.
  if (typeof receiver === 'string' || Array.isArray(receiver)) context.work.charge(receiver.length);
  return limitResult(method(argumentsOf(), context.limits), context);
}

function limitResult(value: unknown, context: Context): unknown {
  if (typeof value === 'string') {
    checkString(value, context.limits.maxStringLength);
    context.work.charge(value.length);
  } else if (Array.isArray(value)) {
    checkArray(value, context.limits.maxArrayLength);
    context.work.charge(value.length);
  }
  return value;
}

function objectLiteral(properties: Node[], context: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const property of properties) {
    const key = property.key as Node;
    let name: string;
    if (property.computed) name = propertyKey(evaluate(key, context), context);
    else name = key.type === 'Identifier' ? (key.name as string) : literalText(key.value);
    if (isBlockedName(name))
      throw new BindingFailure('security', `Access to "${name}" is not allowed`);
    defineValue(out, name, evaluate(property.value as Node, context));
  }
  return out;
}

function unary(operator: string, value: unknown, context: Context): unknown {
  const max = context.limits.maxStringLength;
  switch (operator) {
    case '!':
      return !value;
    case '-':
      return -toJsNumber(value, max);
    case '+':
      return toJsNumber(value, max);
    case '~':
      return ~toJsNumber(value, max);
    default:
      throw new BindingFailure('security', `Operator "${operator}" is not supported`);
  }
}

function binary(node: Node, context: Context): unknown {
  const operator = node.operator as string;
  const left = evaluate(node.left as Node, context);
  // Logical operators evaluate their right side only when needed, as in JavaScript.
  if (operator === '&&') return left ? evaluate(node.right as Node, context) : left;
  if (operator === '||') return left ? left : evaluate(node.right as Node, context);
  if (operator === '??')
    return left === null || left === undefined ? evaluate(node.right as Node, context) : left;
  const right = evaluate(node.right as Node, context);
  if (operator === '===') return left === right;
  if (operator === '!==') return left !== right;
  const max = context.limits.maxStringLength;
  const bothObjects =
    typeof left === 'object' && left !== null && typeof right === 'object' && right !== null;
  // Objects are turned into primitives by our own conversion, never by their valueOf/toString.
  const a = toPrimitive(left, max);
  const b = toPrimitive(right, max);
  switch (operator) {
    case '==':
      return bothObjects ? left === right : a == b;
    case '!=':
      return bothObjects ? left !== right : a != b;
    case '<':
      return (a as number) < (b as number);
    case '>':
      return (a as number) > (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>=':
      return (a as number) >= (b as number);
    case '+':
      if (typeof a === 'string' || typeof b === 'string') {
        const l = toJsString(a, max);
        const r = toJsString(b, max);
        if (l.length + r.length > max)
          throw new BindingFailure('limit', `Result is too long (more than ${max} characters)`);
        context.work.charge(l.length + r.length);
        return l + r;
      }
      return toJsNumber(a, max) + toJsNumber(b, max);
  }
  const x = toJsNumber(a, max);
  const y = toJsNumber(b, max);
  switch (operator) {
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return x % y;
    case '**':
      return x ** y;
    case '&':
      return x & y;
    case '|':
      return x | y;
    case '^':
      return x ^ y;
    case '<<':
      return x << y;
    case '>>':
      return x >> y;
    case '>>>':
      return x >>> y;
    default:
      throw new BindingFailure('security', `Operator "${operator}" is not supported`);
  }
}
