import jsep from 'jsep';
import jsepObject from '@jsep-plugin/object';
import jsepTemplate from '@jsep-plugin/template';
import { isBlockedName, literalText } from './values';

// jsep keeps its operators and plugins in module-level state; registering is idempotent, and this
// module is the only place in the app that configures it. Object literals and template strings come
// from jsep's own plugins; assignment, arrow functions, `new` and regex are left out on purpose, so
// jsep cannot even produce those nodes.
jsep.plugins.register(jsepObject, jsepTemplate);

export const MAX_EXPRESSION_LENGTH = 2_000;
/** Deepest AST accepted; bounds the evaluator's recursion as well as the parser's. */
export const MAX_AST_DEPTH = 100;
const CACHE_SIZE = 500;

export type Node = jsep.Expression;

export type ParseResult =
  | { ok: true; ast: Node }
  | {
      ok: false;
      kind: 'syntax' | 'security' | 'limit';
      message: string;
      /** Offset in the expression. */ index: number;
    };

const UNARY_OPERATORS = new Set(['-', '+', '!', '~']);
export const BINARY_OPERATORS = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '>',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '&',
  '|',
  '^',
  '<<',
  '>>',
  '>>>',
]);

const cache = new Map<string, ParseResult>();

/**
 * Parses one binding expression (the text between `{{` and `}}`) into a validated, frozen AST.
 * Results, errors included, are cached by source text in a small LRU so re-rendering a page does
 * not re-parse unchanged fields. Never throws.
 */
export function parseExpression(source: string): ParseResult {
  const hit = cache.get(source);
  if (hit) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const result = parseUncached(source);
  cache.set(source, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}

/** For tests and for callers that want to drop memory, e.g. when a page closes. */
export function clearParseCache(): void {
  cache.clear();
}

export function parseCacheSize(): number {
  return cache.size;
}

function parseUncached(source: string): ParseResult {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return {
      ok: false,
      kind: 'limit',
      message: `Expression is too long (${source.length} characters; the limit is ${MAX_EXPRESSION_LENGTH})`,
      index: MAX_EXPRESSION_LENGTH,
    };
  }
  if (source.trim() === '')
    return {
      ok: false,
      kind: 'syntax',
      message: 'Empty binding: write an expression between {{ and }}',
      index: 0,
    };
  // jsep recurses once per bracket level; refuse deep nesting before it can exhaust the stack.
  const nesting = bracketNesting(source);
  if (nesting.depth > MAX_AST_DEPTH) {
    return {
      ok: false,
      kind: 'limit',
      message: `Expression is nested too deeply (more than ${MAX_AST_DEPTH} levels)`,
      index: nesting.index,
    };
  }
  let ast: Node;
  try {
    ast = jsep(source);
  } catch (error) {
    const { description, index } = error as { description?: unknown; index?: unknown };
    const arrow = indexOutsideStrings(source, '=>');
    if (arrow !== -1) {
      // jsep's own message ("Expected comma") would not say what is wrong.
      return {
        ok: false,
        kind: 'syntax',
        message:
          'Arrow functions (=>) are not supported in bindings: use the helpers, e.g. pluck(list, "to") or where(list, "status", "delivered")',
        index: arrow,
      };
    }
    return {
      ok: false,
      kind: 'syntax',
      message:
        typeof description === 'string' ? description : String((error as Error)?.message ?? error),
      index: typeof index === 'number' ? Math.min(Math.max(index, 0), source.length) : 0,
    };
  }
  const problem = validate(ast, 0);
  if (problem) return { ok: false, kind: problem.kind, message: problem.message, index: 0 };
  return { ok: true, ast: deepFreeze(ast) };
}

function bracketNesting(source: string): { depth: number; index: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '"' || ch === "'") {
      // Skip quoted text so parentheses inside strings do not count.
      let j = i + 1;
      while (j < source.length && source[j] !== ch) j += source[j] === '\\' ? 2 : 1;
      i = j;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      depth += 1;
      if (depth > max) {
        max = depth;
        at = i;
      }
    } else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return { depth: max, index: at };
}

interface Problem {
  kind: 'syntax' | 'security' | 'limit';
  message: string;
}

/** Accepts only the node types the evaluator implements; anything else is named in the error. */
function validate(node: Node | null | undefined, depth: number): Problem | undefined {
  if (node === null || node === undefined) return undefined; // array holes: [1, , 2]
  if (depth > MAX_AST_DEPTH)
    return {
      kind: 'limit',
      message: `Expression is nested too deeply (more than ${MAX_AST_DEPTH} levels)`,
    };
  const next = depth + 1;
  const all = (children: readonly (Node | null)[]) => {
    for (const child of children) {
      const problem = validate(child, next);
      if (problem) return problem;
    }
    return undefined;
  };
  switch (node.type) {
    case 'Literal':
      return node.value instanceof RegExp
        ? { kind: 'security', message: 'Regular expressions are not supported' }
        : undefined;
    case 'Identifier':
      return blockedName(node.name as string);
    case 'MemberExpression': {
      const property = node.property as Node;
      if (!node.computed) {
        if (property.type !== 'Identifier')
          return { kind: 'syntax', message: 'Expected a property name after "."' };
        return blockedName(property.name as string) ?? validate(node.object as Node, next);
      }
      if (property.type === 'Literal') {
        const blocked = blockedName(literalText(property.value));
        if (blocked) return blocked;
      }
      return all([node.object as Node, property]);
    }
    case 'CallExpression': {
      const callee = node.callee as Node;
      if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') {
        return {
          kind: 'security',
          message:
            'Only helpers and allowlisted methods can be called, e.g. round(x) or text.trim()',
        };
      }
      return all([callee, ...(node.arguments as Node[])]);
    }
    case 'UnaryExpression':
      if (!UNARY_OPERATORS.has(node.operator as string))
        return {
          kind: 'security',
          message: `Operator "${node.operator as string}" is not supported`,
        };
      return validate(node.argument as Node, next);
    case 'BinaryExpression':
      if (!BINARY_OPERATORS.has(node.operator as string))
        return {
          kind: 'security',
          message: `Operator "${node.operator as string}" is not supported`,
        };
      return all([node.left as Node, node.right as Node]);
    case 'ConditionalExpression':
      return all([node.test as Node, node.consequent as Node, node.alternate as Node]);
    case 'ArrayExpression':
      return all(node.elements as (Node | null)[]);
    case 'ObjectExpression':
      for (const property of node.properties as Node[]) {
        if (property.type !== 'Property')
          return { kind: 'security', message: 'Object literals may only hold key: value pairs' };
        const key = property.key as Node;
        if (!property.computed) {
          if (key.type === 'Identifier') {
            const blocked = blockedName(key.name as string);
            if (blocked) return blocked;
          } else if (
            key.type === 'Literal' &&
            (typeof key.value === 'string' || typeof key.value === 'number')
          ) {
            const blocked = blockedName(String(key.value));
            if (blocked) return blocked;
          } else
            return {
              kind: 'syntax',
              message: 'Object keys must be names, strings, numbers or [computed]',
            };
        }
        const problem = all(
          property.computed ? [key, property.value as Node] : [property.value as Node],
        );
        if (problem) return problem;
      }
      return undefined;
    case 'TemplateLiteral': {
      const quasis = node.quasis as Node[];
      const expressions = node.expressions as Node[];
      if (quasis.length !== expressions.length + 1)
        return {
          kind: 'syntax',
          message: 'Each ${ } in a template string must hold one expression',
        };
      return all(expressions);
    }
    case 'ThisExpression':
      return { kind: 'security', message: '"this" is not available in bindings' };
    case 'Compound':
      return {
        kind: 'syntax',
        message:
          'A binding holds a single expression (statements, commas and keywords such as new, typeof, in and delete are not supported)',
      };
    case 'SequenceExpression':
      return { kind: 'syntax', message: 'The comma operator is not supported' };
    case 'TaggedTemplateExpression':
      return { kind: 'security', message: 'Tagged template strings are not supported' };
    default:
      return { kind: 'security', message: `${node.type} is not supported in bindings` };
  }
}

function blockedName(name: string): Problem | undefined {
  return isBlockedName(name)
    ? { kind: 'security', message: `Access to "${name}" is not allowed` }
    : undefined;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Offset of `needle` in code outside string and template literals, or -1. */
function indexOutsideStrings(source: string, needle: string): number {
  let quote: string | null = null;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (source.startsWith(needle, i)) return i;
  }
  return -1;
}
