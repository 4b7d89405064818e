import { afterEach, describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../../src/bindings/evaluator';
import { evaluateTemplate } from '../../../src/bindings/template';
import type { Scope } from '../../../src/bindings/types';

const scope: Scope = {
  Input1: { text: 'hello' },
  a: { b: 1 },
  x: { y: 2 },
  list: [1, 2, 3],
  key: '__proto__',
  name: 'constructor',
};

afterEach(() => {
  // Nothing here may ever have reached the shared prototypes.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
});

describe('hostile expressions are rejected, never run', () => {
  const cases: [string, string, RegExp][] = [
    ["constructor.constructor('return process')()", 'security', /./],
    ["Input1.text.constructor.constructor('return process')()", 'security', /./],
    ['Input1.text.constructor', 'security', /"constructor" is not allowed/],
    ['Input1.constructor', 'security', /"constructor" is not allowed/],
    ['{}.__proto__', 'security', /"__proto__" is not allowed/],
    ["a['__proto__']", 'security', /"__proto__" is not allowed/],
    ["a['__proto__'].polluted", 'security', /"__proto__" is not allowed/],
    ["x['con' + 'structor']", 'security', /"constructor" is not allowed/],
    ['x[name]', 'security', /"constructor" is not allowed/],
    ['a[key]', 'security', /"__proto__" is not allowed/],
    ["a[['__proto__']]", 'security', /"__proto__" is not allowed/],
    ['list.constructor', 'security', /not allowed/],
    ["''.constructor.prototype", 'security', /not allowed/],
    ["list['constructor']['from']", 'security', /not allowed/],
    ['a.__defineGetter__', 'security', /not allowed/],
    ['{ [key]: 1 }', 'security', /"__proto__" is not allowed/],
    ['{ __proto__: { polluted: 1 } }', 'security', /"__proto__" is not allowed/],
    ['this', 'security', /"this"/],
    ['this.constructor', 'security', /./],
    ['window', 'reference', /^window is not defined$/],
    ['window.location', 'reference', /window is not defined/],
    ['document.cookie', 'reference', /^document is not defined$/],
    ['globalThis', 'reference', /^globalThis is not defined$/],
    ['globalThis.process', 'reference', /globalThis is not defined/],
    ['self', 'reference', /self is not defined/],
    ['process.env', 'reference', /process is not defined/],
    ['localStorage.getItem("token")', 'reference', /localStorage is not defined/],
    ['sessionStorage', 'reference', /sessionStorage is not defined/],
    ['Function', 'reference', /Function is not defined/],
    ['Object', 'reference', /Object is not defined/],
    ['Reflect', 'reference', /Reflect is not defined/],
    ['require', 'reference', /require is not defined/],
    ['toString', 'reference', /toString is not defined/],
    ['hasOwnProperty', 'reference', /hasOwnProperty is not defined/],
    ["fetch('http://x')", 'reference', /fetch is not a known helper/],
    ["eval('1')", 'reference', /eval is not a known helper/],
    ["Function('return this')()", 'security', /./],
    ["setTimeout('1', 0)", 'reference', /not a known helper/],
    ["import('x')", 'reference', /not a known helper/],
    ['Input1.text.valueOf()', 'security', /"valueOf" is not an allowed method/],
    ['Input1.text.normalize()', 'security', /not an allowed method/],
    // Methods are not values: reading one gives undefined, so nothing can be .call()ed.
    ["Input1.text.toString.call('x')", 'type', /Cannot call "call" on undefined/],
    ['list.fill(0)', 'security', /"fill" is not an allowed method/],
    ['list.reverse()', 'security', /"reverse" is not an allowed method/],
    ['a = 1', 'syntax', /Unexpected "="/],
    ['a.b = 1', 'syntax', /Unexpected "="/],
    ['a.polluted += 1', 'syntax', /./],
    ['a++', 'syntax', /./],
    ['x => x', 'syntax', /./],
    ['() => process', 'syntax', /./],
    ['new Function("x")', 'syntax', /single expression/],
    ['(a, b)', 'syntax', /comma/],
    ['a; b', 'syntax', /single expression/],
    ['delete a.b', 'syntax', /single expression/],
    ['typeof window', 'syntax', /single expression/],
    ['/x/.test("x")', 'syntax', /./],
    ['String`x`', 'security', /Tagged template/],
    ['[...list]', 'syntax', /./],
  ];

  it.each(cases)('%s', (source, kind, message) => {
    const result = evaluateExpression(source, scope);
    expect(result.ok, `expected ${source} to fail`).toBe(false);
    if (!result.ok) {
      expect(result.kind).toBe(kind);
      expect(result.message).toMatch(message);
    }
  });

  it('reads --a as a double negation, which changes nothing', () => {
    const local = { n: 5 };
    expect(evaluateExpression('--local.n', { local })).toEqual({ ok: true, value: 5 });
    expect(local.n).toBe(5);
  });

  it('never leaves a polluted prototype behind, even through object literals', () => {
    for (const source of [
      '{ "__proto__": { polluted: 1 } }',
      '{ ["__" + "proto__"]: { polluted: 1 } }',
      '{ [key]: { polluted: 1 } }',
      'json({ __proto__: { polluted: 1 } })',
    ]) {
      expect(evaluateExpression(source, scope).ok).toBe(false);
    }
  });

  it('treats an own "__proto__" key in scope data as blocked, not as the prototype', () => {
    const data = JSON.parse('{"__proto__": {"polluted": 1}, "ok": 1}') as Record<string, unknown>;
    expect(evaluateExpression('data.ok', { data })).toEqual({ ok: true, value: 1 });
    expect(evaluateExpression('data.__proto__', { data })).toMatchObject({
      ok: false,
      kind: 'security',
    });
    expect(evaluateExpression('json(data)', { data })).toEqual({
      ok: true,
      value: '{"__proto__":{"polluted":1},"ok":1}',
    });
  });

  it('does not see globals even when they exist in this runtime', () => {
    (globalThis as Record<string, unknown>).leakedGlobal = 'secret';
    try {
      expect(evaluateExpression('leakedGlobal', {})).toMatchObject({
        ok: false,
        message: 'leakedGlobal is not defined',
      });
    } finally {
      delete (globalThis as Record<string, unknown>).leakedGlobal;
    }
  });
});

describe('huge inputs hit limits, not the machine', () => {
  it("caps 'a'.repeat(1e9)", () => {
    expect(evaluateExpression("'a'.repeat(1e9)", {})).toMatchObject({ ok: false, kind: 'limit' });
    expect(evaluateExpression("'a'.repeat(Infinity)", {})).toMatchObject({
      ok: false,
      kind: 'limit',
    });
  });

  it('caps padding, concatenation and replacement growth', () => {
    const big = 'x'.repeat(60_000);
    for (const source of [
      "''.padStart(1e9)",
      "'a'.padEnd(1e9, 'b')",
      'big + big',
      '`${big}${big}`',
      'big.concat(big)',
      "big.replaceAll('x', 'yy')",
      "big.replaceAll('', 'y')",
      // `$'` inserts the rest of the string for every match: quadratic without a cap.
      "big.replaceAll('x', \"$'\")",
      'big.toUpperCase().concat(big)',
      '[big, big].join()',
      'json([big, big])',
      'String([big, big])',
    ]) {
      const result = evaluateExpression(source, { big });
      expect(result, source).toMatchObject({ ok: false, kind: 'limit' });
    }
  });

  it('caps array growth', () => {
    const many = Array.from({ length: 6_000 }, (_, i) => i);
    for (const source of [
      'many.concat(many)',
      "'x'.repeat(20000).split('')",
      '[many, many].flat()',
    ]) {
      expect(evaluateExpression(source, { many }), source).toMatchObject({
        ok: false,
        kind: 'limit',
      });
    }
  });

  it('lets the caller tighten the limits', () => {
    const limits = { maxStringLength: 10, maxArrayLength: 3 };
    expect(evaluateExpression("'abcdef' + 'ghijkl'", {}, { limits })).toMatchObject({
      ok: false,
      kind: 'limit',
    });
    expect(evaluateExpression('[1, 2, 3, 4]', {}, { limits })).toMatchObject({
      ok: false,
      kind: 'limit',
    });
    expect(evaluateExpression("'abc' + 'def'", {}, { limits })).toEqual({
      ok: true,
      value: 'abcdef',
    });
  });

  it('survives deeply nested parentheses and long chains', () => {
    expect(evaluateExpression('('.repeat(5_000) + '1' + ')'.repeat(5_000), {})).toMatchObject({
      ok: false,
      kind: 'limit',
    });
    expect(evaluateExpression('!'.repeat(1_500) + 'true', {})).toMatchObject({
      ok: false,
      kind: 'limit',
    });
    expect(evaluateExpression('a' + '.b'.repeat(900), { a: {} })).toMatchObject({ ok: false });
  });

  it('handles a 1 MB field text', () => {
    const filler = 'lorem ipsum '.repeat(90_000); // about 1 MB
    expect(evaluateTemplate(filler, {})).toEqual({ value: filler, errors: [] });
    const withBinding = evaluateTemplate(filler + '{{ 1 + 1 }}', {});
    expect(withBinding.value).toBeUndefined();
    expect(withBinding.errors[0]).toMatchObject({ kind: 'limit' });
    const hugeBinding = evaluateTemplate('{{ ' + '1 + '.repeat(250_000) + '1 }}', {});
    expect(hugeBinding.errors[0]).toMatchObject({
      kind: 'limit',
      message: expect.stringContaining('too long'),
    });
  });

  it('copes with a circular structure in the scope', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    const arrayLoop: unknown[] = [1];
    arrayLoop.push(arrayLoop);
    expect(evaluateExpression('loop.self.self.self.name', { loop })).toEqual({
      ok: true,
      value: 'loop',
    });
    expect(evaluateExpression('json(loop)', { loop })).toMatchObject({
      ok: false,
      message: expect.stringContaining('circular'),
    });
    // As in JavaScript, the inner visit of the cycle joins to an empty string.
    expect(evaluateExpression('arrayLoop.join("-")', { arrayLoop })).toEqual({
      ok: true,
      value: '1-1,',
    });
    // flat() stops at 32 levels: 1 + (1 + ... ) gives 33 ones and the innermost array.
    expect(evaluateExpression('arrayLoop.flat(Infinity).length', { arrayLoop })).toEqual({
      ok: true,
      value: 34,
    });
    expect(evaluateTemplate('x {{ loop }}', { loop }).errors[0]).toMatchObject({
      message: expect.stringContaining('circular'),
    });
  });
});
