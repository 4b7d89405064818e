import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearParseCache,
  MAX_AST_DEPTH,
  MAX_EXPRESSION_LENGTH,
  parseCacheSize,
  parseExpression,
} from '../../../src/bindings/parser';

beforeEach(() => clearParseCache());

describe('parseExpression accepts the supported language', () => {
  const cases: [string, string, string][] = [
    ['a property path', 'Input1.text', 'MemberExpression'],
    ['a computed member', "Table1.tableData[0]['sid']", 'MemberExpression'],
    ['optional chaining', 'Query1.data?.messages', 'MemberExpression'],
    ['arithmetic', '1 + 2 * 3 ** 2', 'BinaryExpression'],
    ['comparison and logic', 'a >= 1 && b !== "x" || c ?? d', 'BinaryExpression'],
    ['a ternary', 'a ? b : c', 'ConditionalExpression'],
    ['a unary operator', '!a', 'UnaryExpression'],
    ['an array literal', '[1, "two", [3]]', 'ArrayExpression'],
    ['an object literal', '{ a: 1, "b c": 2, [k]: 3, d }', 'ObjectExpression'],
    ['a template string', '`Hello ${Input1.text}!`', 'TemplateLiteral'],
    ['a helper call', 'minutesFromNow(30)', 'CallExpression'],
    ['a method call', 'Input1.text.trim()', 'CallExpression'],
    ['a string literal with an escaped quote', "'it\\'s'.length", 'MemberExpression'],
    ['a parenthesised method call', '(a.b)()', 'CallExpression'],
  ];
  it.each(cases)('%s', (_name, source, type) => {
    const result = parseExpression(source);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (result.ok) expect(result.ast.type).toBe(type);
  });
});

describe('parseExpression rejects what the evaluator must never see', () => {
  const cases: [string, string, 'syntax' | 'security' | 'limit', RegExp][] = [
    ['assignment', 'a = 1', 'syntax', /Unexpected "="/],
    ['compound assignment', 'a += 1', 'syntax', /Expected expression/],
    ['increment', 'a++', 'syntax', /missing unaryOp argument/],
    ['an arrow function', 'x => x', 'syntax', /Arrow functions \(=>\) are not supported/],
    ['an arrow function with parentheses', '(x) => x', 'syntax', /Arrow functions/],
    ['new', 'new Date()', 'syntax', /single expression/],
    ['typeof', 'typeof a', 'syntax', /single expression/],
    ['delete', 'delete a.b', 'syntax', /single expression/],
    ['void', 'void 0', 'syntax', /single expression/],
    ['in', '"a" in b', 'syntax', /single expression/],
    ['statements', 'a; b', 'syntax', /single expression/],
    ['the comma operator', '(a, b)', 'syntax', /comma operator/],
    ['this', 'this', 'security', /"this" is not available/],
    ['this.x', 'this.constructor', 'security', /not allowed|"this"/],
    ['a tagged template', 'tag`x`', 'security', /Tagged template/],
    ['constructor as a name', 'constructor', 'security', /"constructor" is not allowed/],
    ['constructor as a property', 'a.constructor', 'security', /"constructor" is not allowed/],
    ['__proto__ as a property', '{}.__proto__', 'security', /"__proto__" is not allowed/],
    ['__proto__ by literal key', "a['__proto__']", 'security', /"__proto__" is not allowed/],
    ['prototype', 'a.prototype', 'security', /"prototype" is not allowed/],
    ['__defineGetter__', 'a.__defineGetter__', 'security', /not allowed/],
    ['__proto__ as an object key', '{ __proto__: 1 }', 'security', /"__proto__" is not allowed/],
    [
      '__proto__ as a quoted object key',
      '{ "__proto__": 1 }',
      'security',
      /"__proto__" is not allowed/,
    ],
    ['calling a call result', 'a()()', 'security', /Only helpers and allowlisted methods/],
    ['calling a literal', '"x"()', 'security', /Only helpers and allowlisted methods/],
    ['a spread', '[...a]', 'syntax', /Unexpected/],
    ['an object spread', '{...a}', 'syntax', /Unexpected/],
    ['a template hole with two expressions', '`${a b}`', 'syntax', /one expression/],
    ['an unclosed string', '"abc', 'syntax', /Unclosed quote/],
    ['an unclosed template', '`abc', 'syntax', /Unclosed `/],
    ['an unclosed object', '{a: 1', 'syntax', /missing }/],
    ['an empty binding', '   ', 'syntax', /Empty binding/],
    ['a hexadecimal number', '0x10', 'syntax', /cannot start with a number/],
    [
      'an arrow function as an argument',
      'a.map(s => s.to)',
      'syntax',
      /Arrow functions \(=>\) are not supported/,
    ],
    [
      'an arrow function with parentheses as an argument',
      'a.filter((m) => m.ok)',
      'syntax',
      /Arrow functions/,
    ],
  ];
  it.each(cases)('%s', (_name, source, kind, message) => {
    const result = parseExpression(source);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.kind).toBe(kind);
      expect(result.message).toMatch(message);
    }
  });

  it('points at the arrow of an arrow function, and leaves "=>" inside a string alone', () => {
    expect(parseExpression('a.map(s => s)')).toMatchObject({ ok: false, index: 8 });
    expect(parseExpression('"a => b" + (')).toMatchObject({
      ok: false,
      message: expect.not.stringMatching(/Arrow/),
    });
    expect(parseExpression('"a => b"')).toMatchObject({ ok: true });
  });

  it('reports the offset of a syntax error inside the expression', () => {
    const result = parseExpression('a + * b');
    expect(result).toMatchObject({ ok: false, kind: 'syntax', index: 4 });
  });

  it(`rejects expressions over ${MAX_EXPRESSION_LENGTH} characters before parsing them`, () => {
    const source = '1+'.repeat(MAX_EXPRESSION_LENGTH / 2) + '1';
    expect(parseExpression(source)).toMatchObject({
      ok: false,
      kind: 'limit',
      message: expect.stringContaining('too long'),
    });
    expect(parseExpression('1+'.repeat(99) + '1').ok).toBe(true);
  });

  it('rejects deeply nested parentheses without overflowing the stack', () => {
    const depth = MAX_AST_DEPTH + 1;
    expect(parseExpression('('.repeat(depth) + '1' + ')'.repeat(depth))).toMatchObject({
      ok: false,
      kind: 'limit',
    });
    expect(parseExpression('('.repeat(900) + '1' + ')'.repeat(900))).toMatchObject({
      ok: false,
      kind: 'limit',
    });
    expect(parseExpression('['.repeat(900))).toMatchObject({ ok: false, kind: 'limit' });
    expect(parseExpression('('.repeat(20) + '1' + ')'.repeat(20))).toMatchObject({ ok: true });
  });

  it('does not count brackets inside strings as nesting', () => {
    expect(parseExpression(`"${'('.repeat(500)}".length`).ok).toBe(true);
  });

  it('rejects deep trees that need no brackets', () => {
    expect(parseExpression('!'.repeat(500) + 'a')).toMatchObject({ ok: false, kind: 'limit' });
    expect(parseExpression('a ? '.repeat(300) + 'b' + ' : c'.repeat(300))).toMatchObject({
      ok: false,
      kind: 'limit',
    });
    expect(parseExpression('-'.repeat(1999) + '1')).toMatchObject({ ok: false });
  });
});

describe('the parse cache', () => {
  it('returns the same frozen tree for the same source', () => {
    const first = parseExpression('Input1.text.trim()');
    const second = parseExpression('Input1.text.trim()');
    expect(second).toBe(first);
    if (!first.ok) throw new Error('expected a tree');
    expect(Object.isFrozen(first.ast)).toBe(true);
    expect(Object.isFrozen(first.ast.callee)).toBe(true);
  });

  it('caches errors too', () => {
    expect(parseExpression('a =')).toBe(parseExpression('a ='));
  });

  it('holds at most 500 entries and evicts the least recently used', () => {
    parseExpression('keep');
    for (let i = 0; i < 700; i++) {
      parseExpression(`x${i}`);
      if (i % 100 === 0) parseExpression('keep'); // touching it keeps it
    }
    expect(parseCacheSize()).toBe(500);
    const kept = parseExpression('keep');
    expect(parseExpression('keep')).toBe(kept);
    const oldEntry = parseExpression('x0');
    expect(parseCacheSize()).toBe(500);
    expect(oldEntry.ok).toBe(true);
  });

  it('evicts x0 once 500 newer sources were parsed', () => {
    const first = parseExpression('x0');
    for (let i = 1; i <= 500; i++) parseExpression(`y${i}`);
    expect(parseExpression('x0')).not.toBe(first);
  });
});
