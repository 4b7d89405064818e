import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../../src/bindings/evaluator';
import type { Scope } from '../../../src/bindings/types';

const scope: Scope = {
  Input1: { text: '  Hello World  ', isValid: true },
  Select1: { selectedOptionValue: 'SM123', selectedOptionLabel: null },
  Table1: {
    tableData: [
      { sid: 'SM1', to: '+15005550006', price: '-0.0075' },
      { sid: 'SM2', to: '+15005550009', price: null },
    ],
    selectedRowIndex: 1,
    pageSize: 20,
  },
  ListMessages: {
    data: { messages: [{ sid: 'SM1' }, { sid: 'SM2' }] },
    isLoading: false,
    error: null,
  },
  nested: { a: { b: { c: 42 } } },
  n: 7,
  s: 'abc',
  list: [3, 1, 2],
  empty: null,
  missing: undefined,
};

function value(source: string, extra: Scope = {}): unknown {
  const result = evaluateExpression(source, { ...scope, ...extra });
  if (!result.ok) throw new Error(`${source}: ${result.message}`);
  return result.value;
}

describe('evaluator: values', () => {
  const cases: [string, unknown][] = [
    // literals
    ['42', 42],
    ['1.5e3', 1500],
    ['"double"', 'double'],
    ["'single'", 'single'],
    ['true', true],
    ['null', null],
    ['undefined', undefined],
    ['NaN', NaN],
    ['Infinity', Infinity],
    // paths
    ['Input1.text', '  Hello World  '],
    ['Input1["isValid"]', true],
    ['nested.a.b.c', 42],
    ["nested['a']['b'].c", 42],
    ['Table1.tableData[1].sid', 'SM2'],
    ['Table1.tableData[Table1.selectedRowIndex].to', '+15005550009'],
    ['ListMessages.data.messages.length', 2],
    ['Table1.tableData["1"].sid', 'SM2'],
    ['nested.a.missing', undefined],
    ['list[10]', undefined],
    ['list[-1]', undefined],
    ['s[1]', 'b'],
    ['s.length', 3],
    ['s[5]', undefined],
    ['n.foo', undefined],
    // optional chaining
    ['empty?.x', undefined],
    ['empty?.x.y.z', undefined],
    ['missing?.[0]', undefined],
    ['nested?.a.b.c', 42],
    ['empty?.trim()', undefined],
    // arithmetic
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 ** 3 ** 2', 512],
    ['7 % 3', 1],
    ['10 / 4', 2.5],
    ['-n', -7],
    ['+"5"', 5],
    ['1 / 0', Infinity],
    ['"a" + 1', 'a1'],
    ['1 + "a"', '1a'],
    ['"5" * "2"', 10],
    ['true + 1', 2],
    ['null + 1', 1],
    ['"x" + null', 'xnull'],
    ['"ids: " + list', 'ids: 3,1,2'],
    ['"o: " + {}', 'o: [object Object]'],
    ['[1, [2, 3]] + ""', '1,2,3'],
    ['[] + []', ''],
    ['5 & 3', 1],
    ['5 | 3', 7],
    ['~0', -1],
    ['1 << 4', 16],
    // comparison
    ['n > 5', true],
    ['n <= 5', false],
    ['"b" > "a"', true],
    ['n === 7', true],
    ['n == "7"', true],
    ['n === "7"', false],
    ['n != 7', false],
    ['null == undefined', true],
    ['null === undefined', false],
    ['list == list', true],
    ['[1] == [1]', false],
    ['[1] == 1', true],
    // logic
    ['empty ?? "fallback"', 'fallback'],
    ['0 ?? 1', 0],
    ['0 || "or"', 'or'],
    ['1 && "and"', 'and'],
    ['!Input1.isValid', false],
    ['!!s', true],
    ['n > 5 ? "big" : "small"', 'big'],
    ['empty ? empty.x : "safe"', 'safe'],
    ['false && Nope.x', false],
    ['true || Nope.x', true],
    ['"x" ?? Nope.x', 'x'],
    // template strings
    ['`plain`', 'plain'],
    ['`n=${n}, s=${s.toUpperCase()}`', 'n=7, s=ABC'],
    ['`${list}|${empty}|${missing}`', '3,1,2|null|undefined'],
    ['`a ${ `b ${ n + 1 }` } c`', 'a b 8 c'],
    ['`line\\nbreak`', 'line\nbreak'],
    ['`${ {a: 1}.a }`', '1'],
    // array and object literals
    ['[1, "two", n]', [1, 'two', 7]],
    ['[1, , 3]', [1, undefined, 3]],
    ['[[1], [2]][1][0]', 2],
    ['{ a: 1, "b c": n, [s]: true, 5: "five" }', { a: 1, 'b c': 7, abc: true, 5: 'five' }],
    ['{ n, s }', { n: 7, s: 'abc' }],
    ['{ a: { b: [1, 2] } }.a.b[1]', 2],
    ['{a: 1}.a', 1],
    ['{}', {}],
  ];

  it.each(cases)('%s', (source, expected) => {
    expect(value(source)).toEqual(expected);
  });

  it('returns the scope values themselves, not copies', () => {
    expect(value('ListMessages.data.messages')).toBe(
      (scope.ListMessages as { data: { messages: unknown } }).data.messages,
    );
  });

  it('builds object literals whose prototype is Object.prototype', () => {
    expect(Object.getPrototypeOf(value('{a: 1}'))).toBe(Object.prototype);
  });
});

describe('evaluator: allowlisted methods', () => {
  const cases: [string, unknown][] = [
    ['Input1.text.trim()', 'Hello World'],
    ['Input1.text.trimStart()', 'Hello World  '],
    ['Input1.text.trimEnd()', '  Hello World'],
    ['s.toUpperCase()', 'ABC'],
    ['"ABC".toLowerCase()', 'abc'],
    ['s.slice(1)', 'bc'],
    ['s.slice(-2, -1)', 'b'],
    ['s.substring(1, 2)', 'b'],
    ['s.includes("b")', true],
    ['s.startsWith("ab")', true],
    ['s.endsWith("bc")', true],
    ['"a,b,c".split(",")', ['a', 'b', 'c']],
    ['"a,b,c".split(",", 2)', ['a', 'b']],
    ['"abc".split("")', ['a', 'b', 'c']],
    ['"abc".split()', ['abc']],
    ['"a-b-c".replace("-", "+")', 'a+b-c'],
    ['"a-b-c".replaceAll("-", "+")', 'a+b+c'],
    ['"ab".replaceAll("", "-")', '-a-b-'],
    ['"ab".replace("", "-")', '-ab'],
    ['"abc".replace("b", "[$&]")', 'a[b]c'],
    ['"abc".replace("b", "$`")', 'aac'],
    [`"abc".replace("b", "$'")`, 'acc'],
    ['"abc".replace("b", "$$")', 'a$c'],
    ['"abc".replace("b", "$1")', 'a$1c'],
    ['"abc".replace("x", "y")', 'abc'],
    ['"5".padStart(3, "0")', '005'],
    ['"5".padEnd(3)', '5  '],
    ['s.charAt(2)', 'c'],
    ['s.indexOf("c")', 2],
    ['"abca".lastIndexOf("a")', 3],
    ['s.concat("-", 1, list)', 'abc-13,1,2'],
    ['s.at(-1)', 'c'],
    ['"ab".repeat(3)', 'ababab'],
    ['s.toString()', 'abc'],
    ['list.join("-")', '3-1-2'],
    ['list.join()', '3,1,2'],
    ['[1, null, undefined, [2, 3]].join(";")', '1;;;2,3'],
    ['list.slice(1)', [1, 2]],
    ['list.includes(2)', true],
    ['list.indexOf(2)', 2],
    ['[1, 2, 1].lastIndexOf(1)', 2],
    ['list.at(-1)', 2],
    ['list.concat([4, 5], 6)', [3, 1, 2, 4, 5, 6]],
    ['[1, [2, [3, [4]]]].flat()', [1, 2, [3, [4]]]],
    ['[1, [2, [3, [4]]]].flat(Infinity)', [1, 2, 3, 4]],
    ['list.toString()', '3,1,2'],
    ['(3.14159).toFixed(2)', '3.14'],
    ['n.toFixed(1)', '7.0'],
    ['(1234.5).toPrecision(2)', '1.2e+3'],
    ['(255).toString(16)', 'ff'],
    ['true.toString()', 'true'],
    ['Table1.tableData.length', 2],
    ['Input1.text.trim().toUpperCase().length', 11],
    ['s["toUpperCase"]()', 'ABC'],
  ];

  it.each(cases)('%s', (source, expected) => {
    expect(value(source)).toEqual(expected);
  });

  it('does not change the array it was called on', () => {
    const local = [1, [2]];
    expect(value('local.concat([3])', { local })).toEqual([1, [2], 3]);
    expect(value('local.flat()', { local })).toEqual([1, 2]);
    expect(local).toEqual([1, [2]]);
  });
});

describe('evaluator: errors', () => {
  const cases: [string, string, RegExp][] = [
    ['Input9.text', 'reference', /^Input9 is not defined$/],
    ['empty.x', 'type', /Cannot read properties of null \(reading 'x'\)/],
    ['missing.x', 'type', /Cannot read properties of undefined \(reading 'x'\)/],
    ['nested.nope.deeper', 'type', /reading 'deeper'/],
    ['nope()', 'reference', /nope is not a known helper/],
    ['n()', 'type', /n is not a function/],
    ['round', 'type', /round is a helper/],
    ['s.big()', 'security', /"big" is not an allowed method on a string/],
    ['list.push(1)', 'security', /"push" is not an allowed method on an array/],
    ['list.map(round)', 'security', /"map" is not an allowed method/],
    ['list.sort()', 'security', /"sort" is not an allowed method/],
    [
      'nested.a.hasOwnProperty("b")',
      'security',
      /"hasOwnProperty" is not an allowed method on an object/,
    ],
    ['nested.toString()', 'security', /"toString" is not an allowed method on an object/],
    ['empty.trim()', 'type', /Cannot call "trim" on null/],
    ['n.toFixed(500)', 'type', /toFixed/],
    ['"a".repeat(-1)', 'type', /Invalid count/],
    ['(1).toString(99)', 'type', /radix/i],
  ];

  it.each(cases)('%s', (source, kind, message) => {
    const result = evaluateExpression(source, scope);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.kind).toBe(kind);
      expect(result.message).toMatch(message);
    }
  });

  it('treats a non-object scope as empty', () => {
    expect(evaluateExpression('x', null as unknown as Scope)).toMatchObject({
      ok: false,
      message: 'x is not defined',
    });
    expect(evaluateExpression('1 + 1', [] as unknown as Scope)).toEqual({ ok: true, value: 2 });
  });

  it('does not read getters or inherited properties from scope objects', () => {
    let calls = 0;
    const withGetter = Object.defineProperty({}, 'secret', {
      get: () => ++calls,
      enumerable: true,
    });
    const inherited = Object.create({ hidden: 'yes' }) as object;
    expect(value('g.secret', { g: withGetter })).toBeUndefined();
    expect(
      evaluateExpression(
        'getterRoot',
        Object.defineProperty({}, 'getterRoot', { get: () => ++calls }),
      ),
    ).toMatchObject({
      ok: false,
      kind: 'reference',
    });
    expect(value('i.hidden', { i: inherited })).toBeUndefined();
    expect(calls).toBe(0);
  });

  it('refuses to hand out functions found in the scope', () => {
    const result = evaluateExpression('api.send', { api: { send: () => 'sent' } });
    expect(result).toMatchObject({
      ok: false,
      kind: 'security',
      message: expect.stringContaining('is a function'),
    });
    expect(evaluateExpression('api.send()', { api: { send: () => 'sent' } })).toMatchObject({
      ok: false,
      kind: 'security',
    });
    expect(evaluateExpression('fn', { fn: () => 1 })).toMatchObject({
      ok: false,
      kind: 'security',
    });
  });

  it('exposes nothing of class instances such as Date', () => {
    expect(value('d.getTime', { d: new Date(0) })).toBeUndefined();
    expect(evaluateExpression('d.getTime()', { d: new Date(0) })).toMatchObject({
      ok: false,
      kind: 'security',
    });
  });

  it('never calls toString or valueOf on values from the scope', () => {
    let calls = 0;
    const sneaky = { toString: () => String(++calls), valueOf: () => ++calls };
    // The functions are own properties, but conversions use our own rules.
    expect(value('"" + sneaky', { sneaky })).toBe('[object Object]');
    expect(value('sneaky > 0', { sneaky })).toBe(false);
    expect(value('`${sneaky}`', { sneaky })).toBe('[object Object]');
    expect(value('"abc".includes(sneaky)', { sneaky })).toBe(false);
    expect(value('[sneaky].join()', { sneaky })).toBe('[object Object]');
    expect(calls).toBe(0);
  });

  it('turns unexpected native failures into errors instead of throwing', () => {
    const symbolScope = { sym: Symbol('x') };
    expect(evaluateExpression('sym + 1', symbolScope)).toMatchObject({ ok: false });
    expect(evaluateExpression('`${sym}`', symbolScope)).toMatchObject({ ok: false });
  });
});
