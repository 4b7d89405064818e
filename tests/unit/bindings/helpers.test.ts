import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../../src/bindings/evaluator';
import {
  BUILTIN_HELPER_NAMES,
  formatIsoDate,
  formatIsoSeconds,
} from '../../../src/bindings/helpers';
import type { EvaluationOptions } from '../../../src/bindings/types';

// 2030-01-02T03:04:05.678Z: the milliseconds prove they are dropped.
const NOW = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
const options: EvaluationOptions = { now: () => NOW };

function run(source: string, extra: EvaluationOptions = {}) {
  return evaluateExpression(
    source,
    { when: '2030-06-30T23:50:00Z', x: 2.345, list: [4, 9, 1] },
    { ...options, ...extra },
  );
}

describe('built-in helpers with a fixed clock', () => {
  const cases: [string, unknown][] = [
    ['now()', '2030-01-02T03:04:05Z'],
    ['minutesFromNow(30)', '2030-01-02T03:34:05Z'],
    ['minutesFromNow(0)', '2030-01-02T03:04:05Z'],
    ['minutesFromNow(-5)', '2030-01-02T02:59:05Z'],
    ['minutesFromNow(60 * 24 * 7)', '2030-01-09T03:04:05Z'],
    ['minutesFromNow("15")', '2030-01-02T03:19:05Z'],
    ['minutesFromNow(0.5)', '2030-01-02T03:04:35Z'],
    ['addMinutes(when, 15)', '2030-07-01T00:05:00Z'],
    ['addMinutes("2030-01-01T00:00:00.999Z", 1)', '2030-01-01T00:01:00Z'],
    ['addMinutes(now(), 90)', '2030-01-02T04:34:05Z'],
    ['today()', '2030-01-02'],
    ['daysAgo(0)', '2030-01-02'],
    ['daysAgo(2)', '2029-12-31'],
    ['daysAgo(-1)', '2030-01-03'],
    ['json({a: [1, "x", null], b: true})', '{"a":[1,"x",null],"b":true}'],
    ['json([1, {c: 2}], 2)', '[\n  1,\n  {\n    "c": 2\n  }\n]'],
    ['json("q\\"uote")', '"q\\"uote"'],
    ['json({skip: undefined, n: NaN})', '{"n":null}'],
    ['json([undefined])', '[null]'],
    ['json(undefined)', undefined],
    ['round(x)', 2],
    ['round(x, 2)', 2.35],
    ['floor(x, 1)', 2.3],
    ['ceil(x)', 3],
    ['abs(-3)', 3],
    ['min(3, 1, 2)', 1],
    ['max(list)', 9],
    ['min()', undefined],
    ['String(12)', '12'],
    ['String(null)', 'null'],
    ['String(list)', '4,9,1'],
    ['String()', ''],
    ['Number("42")', 42],
    ['Number("")', 0],
    ['Number([5])', 5],
    ['Number()', 0],
    ['Boolean("")', false],
    ['len("abcd")', 4],
    ['len(list)', 3],
    ['len({a: 1, b: 2})', 2],
    ['len(null)', 0],
  ];

  it.each(cases)('%s', (source, expected) => {
    const result = run(source);
    expect(result).toEqual({ ok: true, value: expected });
  });

  it('Number(undefined) is NaN, as in JavaScript', () => {
    const result = run('Number(undefined)');
    expect(result.ok && Number.isNaN(result.value)).toBe(true);
  });

  it('reads the clock at each evaluation', () => {
    let time = NOW;
    const clock = { now: () => time };
    expect(run('now()', clock)).toEqual({ ok: true, value: '2030-01-02T03:04:05Z' });
    time += 61_000;
    expect(run('now()', clock)).toEqual({ ok: true, value: '2030-01-02T03:05:06Z' });
  });

  it('defaults to the real clock when none is injected', () => {
    const result = evaluateExpression('now()', {});
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Math.abs(Date.parse(result.value as string) - Date.now())).toBeLessThan(5_000);
    }
  });

  const errors: [string, RegExp][] = [
    ['minutesFromNow("soon")', /Minutes must be a finite number/],
    ['minutesFromNow()', /Minutes must be a finite number/],
    ['addMinutes("not a date", 5)', /"not a date" is not a valid date/],
    ['addMinutes({}, 5)', /Expected an ISO 8601 date string/],
    ['daysAgo(1e12)', /out of range/],
    ['round(1, 99)', /Digits must be between 0 and 15/],
  ];
  it.each(errors)('%s fails with a clear message', (source, message) => {
    const result = run(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('reports a broken clock instead of producing an invalid date', () => {
    expect(run('now()', { now: () => Number.NaN })).toMatchObject({
      ok: false,
      message: expect.stringContaining('clock'),
    });
  });

  it('formats times as Twilio Send At expects', () => {
    expect(formatIsoSeconds(Date.UTC(2030, 11, 31, 23, 59, 59, 999))).toBe('2030-12-31T23:59:59Z');
    expect(formatIsoDate(Date.UTC(2030, 11, 31, 23, 59, 59, 999))).toBe('2030-12-31');
  });

  it('lists its helpers for autocompletion', () => {
    expect(BUILTIN_HELPER_NAMES).toEqual(
      expect.arrayContaining([
        'now',
        'minutesFromNow',
        'addMinutes',
        'today',
        'daysAgo',
        'json',
        'len',
      ]),
    );
  });
});

describe('caller-provided helpers', () => {
  const helpers = {
    greet: (name: unknown) => `Hello, ${String(name)}`,
    explode: () => {
      throw new Error('boom');
    },
    leak: () => () => 'a function',
    huge: () => 'x'.repeat(200_000),
    round: () => 'overridden',
  };

  it('are callable by name with evaluated arguments', () => {
    expect(
      evaluateExpression('greet(Input1.text)', { Input1: { text: 'Ada' } }, { helpers }),
    ).toEqual({ ok: true, value: 'Hello, Ada' });
  });

  it('win over a built-in with the same name', () => {
    expect(evaluateExpression('round(1.4)', {}, { helpers })).toEqual({
      ok: true,
      value: 'overridden',
    });
  });

  it('turn a thrown error into a binding error', () => {
    expect(evaluateExpression('explode()', {}, { helpers })).toEqual({
      ok: false,
      kind: 'type',
      message: 'explode: boom',
    });
  });

  it('cannot hand a function to the binding', () => {
    expect(evaluateExpression('leak()', {}, { helpers })).toMatchObject({
      ok: false,
      kind: 'security',
    });
  });

  it('are held to the size limits', () => {
    expect(evaluateExpression('huge()', {}, { helpers })).toMatchObject({
      ok: false,
      kind: 'limit',
    });
  });

  it('are looked up as own properties only', () => {
    const inherited = Object.create({ sneaky: () => 'inherited' }) as Record<string, () => unknown>;
    expect(evaluateExpression('sneaky()', {}, { helpers: inherited })).toMatchObject({
      ok: false,
      kind: 'reference',
    });
  });
});

describe('list helpers, in place of callbacks', () => {
  const messages = [
    { sid: 'SM1', to: '+15550001', status: 'delivered', num_segments: '1', price: 2 },
    { sid: 'SM2', to: '+15550002', status: 'failed', num_segments: '3', price: 10 },
    { sid: 'SM3', to: '+15550001', status: 'delivered', num_segments: '2', price: null },
  ];
  const scope = { messages, numbers: [3, 1, 2], odd: [1, 'a', { to: 'x' }] };
  const value = (source: string) => {
    const result = evaluateExpression(source, scope, options);
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };
  const failure = (source: string) => evaluateExpression(source, scope, options);

  it.each<[string, unknown]>([
    ['pluck(messages, "to")', ['+15550001', '+15550002', '+15550001']],
    ['unique(pluck(messages, "to"))', ['+15550001', '+15550002']],
    ['pluck(odd, "to")', [undefined, undefined, 'x']],
    ['pluck(where(messages, "status", "delivered"), "sid")', ['SM1', 'SM3']],
    ['len(where(messages, "status", "queued"))', 0],
    ['pluck(sortBy(messages, "num_segments", "desc"), "sid")', ['SM2', 'SM3', 'SM1']],
    ['pluck(sortBy(messages, "price"), "sid")', ['SM1', 'SM2', 'SM3']],
    ['pluck(sortBy(messages, "price", "desc"), "sid")', ['SM2', 'SM1', 'SM3']],
    ['sortBy(numbers, "x")', [3, 1, 2]],
  ])('%s', (source, expected) => {
    expect(value(source)).toEqual(expected);
  });

  it('leaves the list it sorts as it was', () => {
    value('sortBy(messages, "sid", "desc")');
    expect(messages.map((m) => m.sid)).toEqual(['SM1', 'SM2', 'SM3']);
  });

  it.each<[string, RegExp]>([
    ['pluck("abc", "length")', /pluck expects a list, not/],
    ['pluck(messages, "__proto__")', /"__proto__" is not allowed/],
    ['where(messages, "constructor", 1)', /"constructor" is not allowed/],
    ['sortBy(messages, "sid", "up")', /"asc" or "desc"/],
  ])('refuses %s', (source, message) => {
    expect(failure(source)).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });
});
